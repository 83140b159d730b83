"""WCAG 2.2 AA on every page type, in English, Polish and Arabic (right to left), with axe-core
(shipped by axe-playwright-python; nothing is fetched), plus reflow: usable at 320 CSS px wide
and at 200% zoom (a 1280 px window zoomed 200% is a 640 px wide viewport) with no sideways scroll.

Each language is crawled once (conftest `crawl`): the information pages, the staff directory, the
404 page, and the result pages reached by filling in the real forms (a filter, a service, search
with and without results, the pathway's first, a middle, check-your-answers and result pages, the
staff form, result and print summary).
"""
from __future__ import annotations

import pytest

from tests.browser.conftest import audit_state, new_findings

LANGS = ["en", "pl", "ar"]
PAGE_TYPES = {"/", "/safety", "/privacy", "/accessibility", "/emergency", "/translations", "/staff/services",
              "/no-such-page", "services", "services-filtered", "service", "search-form", "search-result",
              "search-no result", "pathway-first", "pathway-middle", "pathway-check", "pathway-result",
              "staff-form", "staff-result", "staff-summary"}


@pytest.mark.parametrize("lang", LANGS)
def test_every_page_type_meets_wcag_22_aa(crawl, lang):
    findings = crawl(lang)
    assert PAGE_TYPES <= set(findings["states"]), PAGE_TYPES - set(findings["states"])
    assert findings["axe"] == [], "axe violations:\n" + "\n".join(findings["axe"])


@pytest.mark.parametrize("lang", LANGS)
def test_every_page_type_reflows_at_320_px_and_at_200_percent_zoom(crawl, lang):
    findings = crawl(lang)
    assert findings["reflow"] == [], "\n".join(findings["reflow"])


def test_a_question_answered_wrongly_shows_an_accessible_error(make_page, live_server):
    page = make_page(javascript=True)
    page.goto(f"{live_server}/en/questions")
    with page.expect_navigation():
        page.click("main button[name=do][value=answer]")   # nothing chosen
    assert page.locator(".error-summary").count() == 1
    findings = new_findings()
    audit_state(page, "en", "question with an error", findings)
    assert findings["axe"] == [] and findings["reflow"] == [], findings


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
    findings = new_findings()
    audit_state(page, "en", "broken on purpose", findings)
    assert any(line.split(": ", 1)[1].startswith("label") for line in findings["axe"]), findings["axe"]
    assert any("320 px" in line for line in findings["reflow"]), findings["reflow"]
