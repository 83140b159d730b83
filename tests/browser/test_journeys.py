"""P17 (and P1, P3, P8 along the way): every core journey works with JavaScript, images and fonts
off, and with them on — in Debian's chromium against the real app on loopback.

Journeys: browse with a filter and open a service; search (a result and no result); the pathway
to its result; the staff result and its print summary; switching language; the quick exit from a
result page. After each: no off-site request, nothing stored in the browser, and (JS on) no
console error and no CSP violation. Page weights are printed in the terminal summary.
"""
from __future__ import annotations

import pytest

from tests.browser.conftest import (
    SEARCH_FOUND, SEARCH_NOTHING, browse_with_filter, browser_storage, csp_violations, open_a_service,
    page_weight, search_for, staff_result_and_summary, storage_is_empty, switch_language, visit, walk_pathway)

HELPLINE = "0808 2000 247"
MODES = [pytest.param(True, id="js-on"), pytest.param(False, id="js-off-no-images-no-fonts")]


def new_page(make_page, javascript):
    # P17: with JavaScript off, images and fonts are refused too.
    return make_page(javascript=javascript, block_media=not javascript)


def assert_clean(page, javascript):
    """What every journey must leave behind: nothing off-site, stored, broken or blocked."""
    assert page.rec.offsite == []
    state = browser_storage(page)
    assert storage_is_empty(state), state
    if javascript:
        assert page.rec.console_errors == []
        assert csp_violations(page) == []


@pytest.mark.parametrize("javascript", MODES)
def test_someone_can_narrow_the_list_and_open_a_service(make_page, live_server, javascript):
    page = new_page(make_page, javascript)
    browse_with_filter(page, live_server, "en", "stalking")
    heading = page.inner_text("#results-heading")
    assert "match your choices" in heading
    assert page.url == f"{live_server}/en/services"
    href = open_a_service(page, live_server, "en")
    assert page.url == live_server + href
    assert page.locator("main a[href^='tel:'], main a[href^='https:'], main a[href^='mailto:']").count() >= 1
    assert_clean(page, javascript)


@pytest.mark.parametrize("javascript", MODES)
def test_someone_can_search_in_their_own_words_and_is_helped_when_nothing_matches(make_page, live_server, javascript):
    page = new_page(make_page, javascript)
    search_for(page, live_server, "en", SEARCH_FOUND, "result")
    assert page.url == f"{live_server}/en/search"
    assert page.locator("main a[href^='/en/s/']").count() >= 1
    search_for(page, live_server, "en", SEARCH_NOTHING, "no result")
    assert page.locator("main a[href^='/en/s/']").count() == 0
    assert HELPLINE in page.inner_text("main")
    assert_clean(page, javascript)


@pytest.mark.parametrize("javascript", MODES)
def test_someone_can_answer_the_questions_and_see_where_to_get_help(make_page, live_server, javascript):
    page = new_page(make_page, javascript)
    walk_pathway(page, live_server, "en")
    assert page.url == f"{live_server}/en/questions"
    main = page.locator("main")
    assert main.locator("a[href^='/en/s/']").count() >= 1, "the result links to at least one service"
    assert main.locator("a[href^='tel:']").count() >= 1, "the result gives at least one number to call"
    # Change your answers goes back to the check page with every answer still there
    visit(page, "en questions (change answers)", lambda: page.click("main button[name=do][value=check]"), weights=False)
    page.wait_for_load_state("load")
    assert page.locator("main button[name=do][value=result]").count() == 1
    assert_clean(page, javascript)


@pytest.mark.parametrize("javascript", MODES)
def test_a_professional_gets_duties_and_a_print_summary(make_page, live_server, javascript):
    page = new_page(make_page, javascript)
    staff_result_and_summary(page, live_server, "en")
    assert page.url == f"{live_server}/en/staff/summary"
    assert page.locator("main [data-finding]").count() >= 1
    assert page.locator("main input, main textarea, main select").count() == 0
    print_button = page.locator("[data-print]").first
    # The print button needs JavaScript; without it, it stays hidden (the browser's own print works)
    assert print_button.is_visible() == javascript
    assert_clean(page, javascript)


@pytest.mark.parametrize("javascript", MODES)
def test_someone_can_switch_language_and_keep_their_place(make_page, live_server, javascript):
    page = new_page(make_page, javascript)
    page.goto(f"{live_server}/en/safety")
    switch_language(page, "pl")
    assert page.url == f"{live_server}/pl/safety"
    assert page.get_attribute("html", "lang") == "pl"
    switch_language(page, "ar")
    assert page.url == f"{live_server}/ar/safety"
    assert page.get_attribute("html", "dir") == "rtl"
    switch_language(page, "en")
    assert page.get_attribute("html", "lang") == "en"
    assert_clean(page, javascript)


@pytest.mark.parametrize("javascript", MODES)
def test_the_quick_exit_leaves_a_result_page_for_the_neutral_site(make_page, live_server, app, javascript):
    page = new_page(make_page, javascript)
    page.goto(f"{live_server}/en/")
    search_for(page, live_server, "en", SEARCH_FOUND, "result")
    with page.expect_navigation():
        page.click("a.quick-exit__button")
    page.wait_for_url(app.config["EXIT_URL"] + "*")
    assert page.title() == "Weather"
    if javascript:
        # the result page was replaced in history: Back does not show the results again
        page.go_back()
        page.wait_for_load_state()
        assert page.locator("main a[href^='/en/s/']").count() == 0
        assert page.evaluate("document.documentElement.classList.contains('quick-exit-blank')") is False \
            or page.url.startswith(app.config["EXIT_URL"])
    assert page.rec.offsite == []


def test_the_home_page_weighs_at_most_25_kb_with_everything_it_loads(make_page, live_server):
    page = make_page(javascript=True)
    visit(page, "en home (JS on, images on)", lambda: page.goto(f"{live_server}/en/"))
    size, requests = page_weight(page)
    assert size <= 25 * 1024, f"{size} bytes in {requests} requests"


def test_every_page_type_loads_from_a_cold_browser_with_nothing_off_site(browser, make_page, live_server):
    """Each GET page in a fresh context (nothing cached), so the printed weights are cold loads.
    English only: the other languages load the same files (their crawls check nothing goes off-site)."""
    for lang in ("en",):
        for path in ("", "safety", "translations", "services", "staff/services", "questions/map", "no-such-page"):
            page = make_page(javascript=True)
            visit(page, f"{lang} /{path} (cold)", lambda: page.goto(f"{live_server}/{lang}/{path}"))
            assert page.rec.offsite == []
            page.context.close()
