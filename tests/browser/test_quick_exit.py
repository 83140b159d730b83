"""P9: the quick exit works everywhere, with and without JavaScript, and Back does not return."""
from __future__ import annotations

import re

import pytest


def test_without_javascript_the_exit_is_a_plain_link_to_the_neutral_site(make_page, live_server, app):
    page = make_page(javascript=False)
    page.goto(f"{live_server}/en/safety")
    button = page.locator("a.quick-exit__button")
    assert button.get_attribute("href") == app.config["EXIT_URL"]
    button.click()
    page.wait_for_url(app.config["EXIT_URL"] + "*")
    assert page.title() == "Weather"


def test_the_exit_link_is_the_first_thing_a_keyboard_reaches(make_page, live_server, app):
    page = make_page()
    page.goto(f"{live_server}/en/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.hasAttribute('data-quick-exit')")
    assert focused
    page.keyboard.press("Enter")
    page.wait_for_url(app.config["EXIT_URL"] + "*")


def test_with_javascript_the_page_blanks_and_back_does_not_return_to_it(make_page, live_server, app):
    page = make_page()
    page.goto(f"{live_server}/en/")
    page.goto(f"{live_server}/en/safety")
    page.click("a.quick-exit__button")
    page.wait_for_url(app.config["EXIT_URL"] + "*")
    page.go_back()
    page.wait_for_load_state()
    # The page that was left was replaced in history: Back goes to the page before it.
    assert not page.url.endswith("/en/safety")


def test_pressing_shift_three_times_exits(make_page, live_server, app):
    page = make_page()
    page.goto(f"{live_server}/en/privacy")
    for _ in range(3):
        page.keyboard.press("Shift")
    page.wait_for_url(app.config["EXIT_URL"] + "*")
    assert page.title() == "Weather"


def test_shift_presses_are_counted_on_screen_and_another_key_resets_them(make_page, live_server):
    page = make_page()
    page.goto(f"{live_server}/en/privacy")
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    assert page.locator("[data-quick-exit-indicator]").text_content() == "\u2022\u2022"
    page.keyboard.press("a")
    page.keyboard.press("Shift")
    assert page.locator("[data-quick-exit-indicator]").text_content() == "\u2022"
    assert page.url.endswith("/en/privacy")


def test_a_page_restored_from_the_back_forward_cache_after_an_exit_stays_blank_and_exits_again(
        make_page, live_server, app):
    page = make_page()
    exits = []

    def exit_route(route):
        # 204 No Content: the browser stays on the page that was left, as when Chrome restores
        # it from the back/forward cache.
        exits.append(route.request.url)
        route.fulfill(status=204, body="")

    page.route(app.config["EXIT_URL"] + "*", exit_route)
    page.goto(f"{live_server}/en/safety")
    page.click("a.quick-exit__button", no_wait_after=True)
    page.wait_for_function("document.documentElement.classList.contains('quick-exit-blank')")
    page.wait_for_timeout(300)
    before = len(exits)
    assert before >= 1
    page.evaluate("""() => {
        document.documentElement.classList.remove('quick-exit-blank');
        window.dispatchEvent(new PageTransitionEvent('pageshow', {persisted: true}));
    }""")
    page.wait_for_timeout(300)
    assert page.evaluate("document.documentElement.classList.contains('quick-exit-blank')")
    assert len(exits) > before, "it set off for the exit again"


def test_the_exit_never_calls_our_server(make_page, live_server, app):
    page = make_page()
    page.goto(f"{live_server}/en/")
    page.wait_for_load_state("networkidle")  # the icon is fetched after the load event
    page.rec.urls.clear()
    page.click("a.quick-exit__button")
    page.wait_for_url(app.config["EXIT_URL"] + "*")
    assert not any(url.startswith(live_server) for url in page.rec.urls), page.rec.urls


@pytest.mark.parametrize("path", ["/en/", "/ar/", "/en/no-such-page", "/pl/safety"])
def test_every_page_type_has_the_visible_button_and_the_skip_link(make_page, live_server, path):
    page = make_page()
    page.goto(f"{live_server}{path}")
    assert page.locator("a.quick-exit__button").is_visible()
    assert page.locator("a.skip-exit[data-quick-exit]").count() == 1
