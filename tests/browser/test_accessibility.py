"""WCAG 2.2 AA on every page type, in English, Polish and Arabic (right to left), with axe-core
(shipped by axe-playwright-python; nothing is fetched), plus reflow: usable at 320 CSS px wide
and at 200% zoom (a 1280 px window zoomed 200% is a 640 px wide viewport) with no sideways scroll.

Result pages (filters, search, pathway, staff) are reached by filling in the real forms.
"""
from __future__ import annotations

import pytest

from tests.browser.conftest import (
    SEARCH_FOUND, SEARCH_NOTHING, axe_violations, browse_with_filter, open_a_service, search_for,
    staff_result_and_summary, visit, walk_pathway)

LANGS = ["en", "pl", "ar"]
STATIC_PAGES = ["", "safety", "privacy", "accessibility", "emergency", "translations", "staff/services",
                "no-such-page"]
REFLOW_WIDTHS = [(320, 640, "320 px"), (640, 400, "200% zoom")]
DESKTOP = {"width": 1024, "height": 800}


class Audit:
    """Runs axe and the reflow checks on each state a journey reaches; collects every problem."""

    def __init__(self, page, lang):
        self.page, self.lang = page, lang
        self.axe, self.reflow, self.states = [], [], []

    def __call__(self, state):
        self.states.append(state)
        for line in axe_violations(self.page):
            self.axe.append(f"{self.lang} {state}: {line}")
        for width, height, name in REFLOW_WIDTHS:
            self.page.set_viewport_size({"width": width, "height": height})
            scroll = self.page.evaluate("document.documentElement.scrollWidth")
            if scroll > width:
                wide = self.page.evaluate("""(w) => Array.from(document.querySelectorAll('body *'))
                    .filter(e => e.getBoundingClientRect().right > w + 1 || e.getBoundingClientRect().left < -1)
                    .slice(0, 3).map(e => e.tagName.toLowerCase() + (e.className ? '.' + e.className : ''))""", width)
                self.reflow.append(f"{self.lang} {state} at {name}: page is {scroll} px wide ({', '.join(wide)})")
        self.page.set_viewport_size(DESKTOP)

    def check(self):
        assert not self.axe, "axe violations:\n" + "\n".join(self.axe)
        assert not self.reflow, "reflow problems:\n" + "\n".join(self.reflow)


@pytest.mark.parametrize("lang", LANGS)
def test_information_pages_meet_wcag_22_aa_and_reflow(make_page, live_server, lang):
    page = make_page(javascript=True)
    audit = Audit(page, lang)
    for path in STATIC_PAGES:
        visit(page, f"{lang} /{path}", lambda: page.goto(f"{live_server}/{lang}/{path}"), weights=False)
        audit(f"/{path}")
    audit.check()


@pytest.mark.parametrize("lang", LANGS)
def test_directory_and_search_pages_meet_wcag_22_aa_and_reflow(make_page, live_server, lang):
    page = make_page(javascript=True)
    audit = Audit(page, lang)
    browse_with_filter(page, live_server, lang, "domestic-abuse", on_state=audit)
    open_a_service(page, live_server, lang, on_state=audit)
    search_for(page, live_server, lang, SEARCH_FOUND, "result", on_state=audit)
    search_for(page, live_server, lang, SEARCH_NOTHING, "no result", on_state=audit)
    assert {"services", "services-filtered", "service", "search-form", "search-result", "search-no result"} \
        <= set(audit.states)
    audit.check()


@pytest.mark.parametrize("lang", LANGS)
def test_question_and_staff_pages_meet_wcag_22_aa_and_reflow(make_page, live_server, lang):
    page = make_page(javascript=True)
    audit = Audit(page, lang)
    walk_pathway(page, live_server, lang, on_state=audit)
    staff_result_and_summary(page, live_server, lang, on_state=audit)
    assert {"pathway-first", "pathway-middle", "pathway-check", "pathway-result", "staff-form",
            "staff-result", "staff-summary"} <= set(audit.states)
    audit.check()


def test_a_question_answered_wrongly_shows_an_accessible_error(make_page, live_server):
    page = make_page(javascript=True)
    audit = Audit(page, "en")
    page.goto(f"{live_server}/en/questions")
    with page.expect_navigation():
        page.click("main button[name=do][value=answer]")   # nothing chosen
    assert page.locator(".error-summary").count() == 1
    audit("question with an error")
    audit.check()


def test_the_audit_itself_notices_an_unlabelled_field_and_a_page_too_wide(make_page, live_server):
    """The checks above can fail: break a page on purpose and they must say so."""
    page = make_page(javascript=True)
    page.goto(f"{live_server}/en/safety")
    page.evaluate("""() => {
        const input = document.createElement('input');
        document.querySelector('main').appendChild(input);
        const wide = document.createElement('div');
        wide.textContent = 'x'.repeat(10);
        wide.style.width = '900px';
        document.querySelector('main').appendChild(wide);
    }""")
    audit = Audit(page, "en")
    audit("broken on purpose")
    assert any(line.split(": ", 1)[1].startswith("label") for line in audit.axe), audit.axe
    assert any("320 px" in line for line in audit.reflow), audit.reflow
