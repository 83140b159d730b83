"""Search in your own words: the form, its results, and the JSON search API.

What someone types is about what is happening to them, so it never reaches a URL, a title,
a link, a `Location` header or a log (P6): the form is POST-only and the results render in
the POST response. The query language is ours, not Whoosh's (P15): see signpost.search.
"""
from __future__ import annotations

import json
import logging
from pathlib import Path

from signpost.render_cache import cached_page
from flask import (Blueprint, abort, current_app, get_template_attribute, jsonify, render_template,
                   request, url_for)
from markupsafe import Markup
from werkzeug.routing import BuildError

from signpost import search as engine
from signpost.i18n import BY_TAG, current_locale
from signpost.templating import tel_link
from signpost.directory_forms import CONCERN_TAGS as CONCERN_LABELS
from signpost.i18n import gettext as _
from signpost.i18n import lazy_gettext

log = logging.getLogger(__name__)

bp = Blueprint("search", __name__)
# The topic list (search/_topics.html) is a fragment: it reads the labels as an app global.
bp.record_once(lambda state: state.app.jinja_env.globals.setdefault(
    "concern_labels", CONCERN_LABELS))
api_bp = Blueprint("search_api", __name__)

RESULT_LIMIT = 10

# Browse-by-concern suggestions (CONCERN_LABELS), shown when a search finds nothing, are the
# directory's own concern names.

# --- data ---------------------------------------------------------------------------------

def _snapshot():
    """The current directory data (raises DataUnavailable -> 503 page with helplines)."""
    from signpost.directory.store import current_snapshot
    return current_snapshot()


def index_dir_for(snapshot) -> Path | None:
    """The search index of the snapshot's data version, built here if this host lacks it.

    The build step writes the index next to the database; a version built on another host
    (shared PostgreSQL) has no index here yet, so build it once into the version directory,
    atomically (temp dir + rename). None if that is impossible: search then finds nothing and
    the page still shows the helplines.
    """
    index_dir = getattr(snapshot, "index_dir", None)
    if index_dir is not None and engine.index_ready(index_dir):
        return Path(index_dir)
    try:
        from signpost.directory import build
        version_dir = build.version_dir(Path(current_app.config["DATA_DIR"]), snapshot.version)
        target = version_dir / build.INDEX_DIR
        return engine.ensure_index(target, snapshot.services)
    except Exception as exc:
        log.warning("search index unavailable: %s", type(exc).__name__)
        return None


def run_search(snapshot, query: str, locale: str, limit: int = RESULT_LIMIT):
    """Search results as (service, Result) pairs, staff-only routes included but marked."""
    index_dir = index_dir_for(snapshot)
    if index_dir is None:
        return []
    out = []
    for result in engine.search(index_dir, query, locale=locale, limit=limit):
        service = snapshot.by_id.get(result.id)
        if service is not None:
            out.append((service, result))
    return out


def service_href(service) -> str:
    """The service's own page; the directory list if that page does not exist (yet)."""
    try:
        return url_for("directory.service", code=service.code)
    except BuildError:
        return url_for("directory.browse")


def why_text(result) -> str:
    """Why a result is shown, in plain words (the phrase is in the searcher's language)."""
    if result.phrase:
        if result.concern in CONCERN_LABELS:
            return _("It matches “%(phrase)s” (%(concern)s).", phrase=result.phrase,
                     concern=str(CONCERN_LABELS[result.concern]))
        return _("It matches “%(phrase)s”.", phrase=result.phrase)
    return result.why


def result_cards(snapshot) -> dict[str, tuple[Markup, Markup]]:
    """Each service's result card, before and after its "why" line, in the page's language;
    only the "why" line is rendered per search."""
    from signpost.render_cache import for_every_entry
    head = get_template_attribute("search/_card.html", "head")
    tail = get_template_attribute("search/_card.html", "tail")
    return for_every_entry("search-cards", snapshot, lambda s: (
        Markup(head(s, service_href(s))), Markup(tail(s, tel_link))))


# --- pages --------------------------------------------------------------------------------

def _render(query: str = "", results=None, searched: bool = False, error: str = "",
            status: int = 200, cards=None):
    body = render_template(
        "search/search.html", query=query, results=results or [], searched=searched,
        error=error, cards=cards or {},
        why_text=why_text, max_chars=engine.MAX_QUERY_CHARS)
    return body, status


@bp.route("/search", methods=["GET", "POST"])
@cached_page
def search():
    """Search in your own words: GET shows the form, POST shows the results in the response."""
    if request.method == "GET":
        return _render()
    query = request.form.get("q", "")
    if not isinstance(query, str):  # pragma: no cover - werkzeug always gives str
        abort(400)
    if len(request.form) > 4:   # the form has one field; anything else is not from our page
        abort(400)
    query = query[: engine.MAX_RAW_CHARS]
    if not engine.tokenize(query).words:
        return _render(query=query, searched=True,
                       error=_("Type a few words about what is happening, or choose a topic below."))
    snapshot = _snapshot()
    results = run_search(snapshot, query, current_locale().tag)
    return _render(query=query, results=results, searched=True,
                   cards=result_cards(snapshot) if results else None)


# --- API ----------------------------------------------------------------------------------

API_FIELDS = {"q", "locale"}


def _errors(*messages: str, status: int = 400):
    response = jsonify({"errors": list(messages)})
    response.status_code = status
    return response


@api_bp.post("/search")
def api_search():
    """Search as JSON: {"q": "...", "locale": "en"} -> {"results": [{"id", "name", "why"}]}."""
    raw = request.get_data(cache=False, as_text=False)
    try:
        body = json.loads(raw.decode("utf-8"))
    except (ValueError, UnicodeDecodeError, RecursionError):
        return _errors("body: must be a JSON object")
    if not isinstance(body, dict):
        return _errors("body: must be a JSON object")
    errors = [f"{name}: unknown field" for name in sorted(set(body) - API_FIELDS)]
    q = body.get("q")
    if "q" not in body:
        errors.append("q: required")
    elif not isinstance(q, str):
        errors.append("q: must be a string")
    locale = body.get("locale", "en")
    if not isinstance(locale, str) or locale not in BY_TAG:
        errors.append("locale: must be one of " + ", ".join(BY_TAG))
    if errors:
        return _errors(*errors)
    snapshot = _snapshot()
    results = run_search(snapshot, q, locale) if engine.tokenize(q).words else []
    return jsonify({"results": [
        {"id": service.id, "name": service.name, "why": result.why}
        for service, result in results
    ]})
