"""P1, P3, P4, P6, P8 as a browser meets them (Debian's chromium against the app on loopback).

- P1: after every journey the browser holds no cookie, localStorage, sessionStorage, IndexedDB
  database, Cache Storage entry or service worker.
- P3: no request ever leaves the site's origin (the conftest aborts and records any).
- P4: every link to another site carries rel="noreferrer noopener".
- P6: a distinctive search term and the pathway's answers never appear in a request URL, the page
  URL, the title, any href/action/src, or a history entry (history.state, the URLs navigated to).
- P8: a crawl of every page type in three languages meets no CSP violation and no console error.
"""
from __future__ import annotations

import pytest

from tests.browser.conftest import (
    browse_with_filter, browser_storage, open_a_service, search_for, staff_result_and_summary, storage_is_empty,
    walk_pathway)

MODES = [pytest.param(True, id="js-on"), pytest.param(False, id="js-off")]
SEARCH_MARKER = "zqxv7"                 # typed into search: must go nowhere but the POST body
ANSWER_MARKER = "stalking"              # a pathway answer and a filter: the same
AGE_MARKER = "93"
LANGS = ["en", "pl", "ar"]


def everything_the_page_points_at(page) -> list[str]:
    return page.evaluate("""() => Array.from(document.querySelectorAll('[href],[action],[src],[formaction]'))
        .map(e => ['href', 'action', 'src', 'formaction'].map(a => e.getAttribute(a) || '').join(' '))""")


def where_is(page, marker: str) -> list[str]:
    """Every place outside the page body where the marker shows."""
    places = []
    if marker in page.url:
        places.append(f"page.url {page.url}")
    if marker.lower() in page.title().lower():
        places.append(f"title {page.title()!r}")
    places += [f"attribute {a}" for a in everything_the_page_points_at(page) if marker.lower() in a.lower()]
    places += [f"request {u}" for u in page.rec.urls if marker.lower() in u.lower()]
    return places


@pytest.mark.parametrize("javascript", MODES)
def test_nothing_is_left_in_the_browser_after_every_journey(make_page, live_server, javascript):
    page = make_page(javascript=javascript)
    browse_with_filter(page, live_server, "en")
    open_a_service(page, live_server, "en")
    search_for(page, live_server, "en", "housing", "result")
    walk_pathway(page, live_server, "en")
    staff_result_and_summary(page, live_server, "pl")
    page.goto(f"{live_server}/ar/questions/map")
    # storage as the page's own origin sees it (evaluate runs even with the page's scripts off)
    state = browser_storage(page)
    assert storage_is_empty(state), state
    assert page.context.storage_state() == {"cookies": [], "origins": []}
    assert page.rec.offsite == []


@pytest.mark.parametrize("javascript", MODES)
def test_a_search_term_never_reaches_a_url_title_link_or_history_entry(make_page, live_server, javascript):
    page = make_page(javascript=javascript)
    page.goto(f"{live_server}/en/search")
    before = page.evaluate("history.length")
    search_for(page, live_server, "en", f"{SEARCH_MARKER} stalking", "marker")
    assert page.url == f"{live_server}/en/search"
    assert SEARCH_MARKER in page.input_value("form.search-form input[name=q]")   # it did reach the page
    assert where_is(page, SEARCH_MARKER) == []
    assert page.evaluate("history.state") is None
    # one form submission is one history entry, and that entry's address is the bare form URL
    assert page.evaluate("history.length") == before + 1
    page.go_back()
    page.wait_for_load_state()
    assert page.url == f"{live_server}/en/search"
    assert where_is(page, SEARCH_MARKER) == []


@pytest.mark.parametrize("javascript", MODES)
def test_pathway_answers_and_filters_never_reach_a_url_title_link_or_history_entry(make_page, live_server, javascript):
    page = make_page(javascript=javascript)
    navigations = []
    page.on("framenavigated", lambda frame: navigations.append(frame.url) if frame == page.main_frame else None)
    answers = {"danger": ["no"], "role": ["self"], "concerns": [ANSWER_MARKER], "age": AGE_MARKER}
    walk_pathway(page, live_server, "en", answers=answers)
    assert page.locator("main").inner_text()   # a result is showing
    assert where_is(page, ANSWER_MARKER) == []
    assert not any(AGE_MARKER in u.split("/", 3)[-1] for u in page.rec.urls)
    browse_with_filter(page, live_server, "en", ANSWER_MARKER)
    assert where_is(page, ANSWER_MARKER) == []
    assert page.evaluate("history.state") is None
    assert set(navigations) <= {f"{live_server}/en/questions", f"{live_server}/en/services"}, navigations


@pytest.mark.parametrize("lang", LANGS)
def test_a_crawl_of_every_page_type_meets_no_csp_violation_console_error_or_off_site_request(crawl, lang):
    findings = crawl(lang)
    assert findings["csp"] == []
    assert findings["console"] == []
    assert findings["offsite"] == []


@pytest.mark.parametrize("lang", LANGS)
def test_every_link_to_another_site_sends_no_referrer(crawl, lang):
    assert crawl(lang)["links"] == []
