"""Render once per (locale, data version, page): a small in-memory cache for GET pages (DESIGN 9).

Only the body is cached. Headers (privacy, security, no-store) are added fresh to every response
by the after_request hooks, so a cached page carries exactly the same headers as a rendered one.
Never used for POST (pathway answers and searches are never kept anywhere), never for a request
with a query string, and only for 200 HTML answers.
"""
from __future__ import annotations

import threading
from collections import OrderedDict
from functools import wraps

from flask import current_app, make_response, request

from signpost.directory import DataUnavailable

EXTENSION = "signpost_render_cache"
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
            return current_app.response_class(body, status=200, mimetype=mimetype)
        response = make_response(view(*args, **kwargs))
        if (response.status_code == 200 and response.mimetype == "text/html"
                and not response.direct_passthrough and "Set-Cookie" not in response.headers):
            cache.put(key, (response.get_data(), response.mimetype))
        return response

    return wrapper
