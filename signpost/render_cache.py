"""Render once per (locale, data version, page): in-memory caches for GET pages (DESIGN 9).

Two layers, both for GET pages whose HTML depends only on the address, the data version and
the London clock:
- `cached_page` / `_cached_by` in the views keep the rendered body inside Flask;
- `ReadyPages`, a WSGI layer in front of Flask, answers a repeat GET for a page already
  rendered this minute for the data version now served, without running Flask at all. Every
  entry ends at the next minute of the London clock, so "open now", the date and stale notes
  are never older than a rendered page would be.
Security and no-store headers are added to every response by `privacy.PrivacyHeaders`, which
sits outside both, so a cached page carries exactly the same headers as a rendered one.
Never used for POST (pathway answers, filters and searches are never kept anywhere), never for
a request with a query string or a body, and only for 200 HTML answers. What the caches hold is
the site's own pages, keyed by their address; nothing anyone typed or chose.
"""
from __future__ import annotations

import threading
from collections import OrderedDict
from functools import wraps

from flask import current_app, make_response, request

from signpost.directory import DataUnavailable, hours

EXTENSION = "signpost_render_cache"
READY = "signpost.ready_page"  # environ key: the data version a cacheable page was rendered with
MAX_ENTRIES = 4096  # ~70 service pages and their shared page parts x 10 languages, plus cards


class LRU:
    """A bounded, thread-safe least-recently-used map."""

    def __init__(self, max_entries: int = MAX_ENTRIES):
        self.max_entries = max_entries
        self._data: OrderedDict = OrderedDict()
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def get(self, key):
        with self._lock:
            value = self._data.get(key)
            if value is None:
                self.misses += 1
                return None
            self._data.move_to_end(key)
            self.hits += 1
            return value

    def put(self, key, value) -> None:
        with self._lock:
            self._data[key] = value
            self._data.move_to_end(key)
            while len(self._data) > self.max_entries:
                self._data.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._data.clear()

    def __len__(self) -> int:
        return len(self._data)


def page_cache() -> LRU:
    cache = current_app.extensions.get(EXTENSION)
    if cache is None:
        cache = current_app.extensions.setdefault(
            EXTENSION, LRU(int(current_app.config.get("RENDER_CACHE_ENTRIES", MAX_ENTRIES))))
    return cache


def for_every_entry(kind: str, snapshot, render) -> dict:
    """{service id: render(service)} for every directory entry, in the page's language.

    Rendered for every entry at once and kept once per (kind, language, data version), so the
    cache says nothing about which entries anyone looked at, searched for or was sent to.
    """
    key = (kind, _locale_tag(), snapshot.version)
    cache = page_cache()
    rendered = cache.get(key)
    if rendered is None:
        rendered = {service.id: render(service) for service in snapshot.services}
        cache.put(key, rendered)
    return rendered


def _data_version() -> str:
    from signpost.directory.store import current_snapshot
    return current_snapshot().version


def _locale_tag() -> str:
    from signpost.i18n import current_locale
    return current_locale().tag


def cached_page(view):
    """Cache a GET view whose HTML depends only on (locale, data version, endpoint, view args)."""

    @wraps(view)
    def wrapper(*args, **kwargs):
        if (request.method not in ("GET", "HEAD") or request.query_string
                or current_app.config.get("RENDER_CACHE_DISABLED")):
            return view(*args, **kwargs)
        try:
            version = _data_version()
        except DataUnavailable:
            return view(*args, **kwargs)  # the view decides (usually: raise -> 503 page)
        key = (_locale_tag(), version, request.endpoint,
               tuple(sorted((k, str(v)) for k, v in kwargs.items())))
        cache = page_cache()
        hit = cache.get(key)
        if hit is not None:
            body, mimetype = hit
            mark_ready(version)
            return current_app.response_class(body, status=200, mimetype=mimetype)
        response = make_response(view(*args, **kwargs))
        if (response.status_code == 200 and response.mimetype == "text/html"
                and not response.direct_passthrough and "Set-Cookie" not in response.headers):
            cache.put(key, (response.get_data(), response.mimetype))
            mark_ready(version)
        return response

    return wrapper


def mark_ready(version: str) -> None:
    """Tell ReadyPages this GET answer depends only on its address, data version and minute."""
    request.environ[READY] = version


def _london_minute(app) -> tuple:
    """When a page may change without a new data version: the minute, and the staleness rule."""
    # The pages' own clock (tests move it), so a cached page ends when a rendered one would change.
    now = hours.london_now()
    return (now.date(), now.hour, now.minute, app.config.get("STALE_DAYS"))


class ReadyPages:
    """WSGI middleware: a repeat GET of a page rendered this minute is answered from memory.

    Sits inside PrivacyHeaders (which adds the security headers to every answer) and in front of
    Flask. A page is stored only when its view marked it (`mark_ready`), and only with the data
    version it was rendered from; it is served only while that version is still the one being
    served and the London minute has not changed. Anything unusual goes to Flask.
    """

    def __init__(self, wsgi_app, app, max_entries: int = MAX_ENTRIES):
        self.wsgi_app = wsgi_app
        self.app = app
        self.pages = LRU(max_entries)

    def _served_version(self) -> str | None:
        from signpost.directory.store import EXTENSION as STORE
        store = self.app.extensions.get(STORE)
        try:
            return store.served_version() if store is not None else None
        except Exception:  # unsure: let Flask decide (it answers 503 with the helplines if needed)
            return None

    def __call__(self, environ, start_response):
        if (environ.get("REQUEST_METHOD") != "GET" or environ.get("QUERY_STRING")
                or environ.get("CONTENT_LENGTH") not in (None, "", "0")
                or "HTTP_TRANSFER_ENCODING" in environ
                or self.app.config.get("RENDER_CACHE_DISABLED")):
            return self.wsgi_app(environ, start_response)
        path = environ.get("SCRIPT_NAME", "") + environ.get("PATH_INFO", "")
        version = self._served_version()
        minute = _london_minute(self.app)
        if version is not None:
            hit = self.pages.get(path)
            if hit is not None and hit[0] == version and hit[1] == minute:
                start_response("200 OK", list(hit[2]))
                return [hit[3]]
        seen = {}

        def capture(status, headers, exc_info=None):
            seen["status"], seen["headers"] = status, headers
            return start_response(status, headers, exc_info)

        answer = self.wsgi_app(environ, capture)
        rendered_with = environ.get(READY)
        if (rendered_with is None or seen.get("status") != "200 OK"
                or any(k.lower() == "set-cookie" for k, _ in seen.get("headers", ()))):
            return answer
        try:
            body = b"".join(answer)
        finally:
            close = getattr(answer, "close", None)
            if close is not None:
                close()
        self.pages.put(path, (rendered_with, minute, tuple(seen["headers"]), body))
        return [body]


def init_app(app) -> None:
    """Put ReadyPages in front of Flask (call before privacy.init_app wraps the result)."""
    app.wsgi_app = ReadyPages(app.wsgi_app, app, int(app.config.get("RENDER_CACHE_ENTRIES", MAX_ENTRIES)))
