"""The staff referral summary prints on one A4 page and holds none of the answers typed in.

Debian's chromium, driven by Playwright, against the app on a loopback port.
"""
from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser

MARKER_AGE = "38"   # distinctive: the summary must say "18 or over", never the age itself


def pdf_page_count(pdf: bytes) -> int:
    """Page objects (/Type /Page, not the /Pages tree nodes)."""
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf))


def test_rich_staff_summary_prints_on_one_a4_page_without_the_answers(browser, live_server):
    staff_server = live_server
    context = browser.new_context()
    page = context.new_page()
    requested = []
    page.on("request", lambda req: requested.append(req.url))
    page.goto(staff_server + "/en/staff")
    for concern in ("domestic-abuse", "fgm", "modern-slavery", "forced-marriage"):
        page.check(f"input[name=concerns][value={concern}]")
    page.fill("input[name=age]", MARKER_AGE)
    page.check("input[name=gender][value=female]")
    page.check("input[name=fgm_status][value=at-risk]")
    page.fill("input[name=ric]", "19")
    for sign in ("strangulation", "threats-to-kill", "recent-separation", "controlling-behaviour", "physical-violence"):
        page.check(f"input[name=risk_indicators][value={sign}]")
    page.fill("input[name=callouts]", "4")
    page.check("input[name=children][value=yes]")
    page.check("input[name=care_needs][value=yes]")
    page.check("input[name=regulated][value=yes]")
    page.check("input[name=first_responder][value=yes]")
    page.check("input[name=consents][value=no]")
    page.check("input[name=in_thurrock][value=yes]")
    with page.expect_navigation():
        page.click("form.staff-form button[type=submit]")
    assert "/en/staff" in page.url and page.locator("[data-finding=marac-threshold]").count() == 1

    with page.expect_navigation():
        page.click("form[action$='/staff/summary'] button[type=submit]")
    assert page.url.endswith("/en/staff/summary")
    html = page.content()
    body = page.inner_text("main")

    # the summary holds the findings ...
    for finding in ("marac-threshold", "mash", "adult-safeguarding", "fgm-duty", "nrm", "consent-sharing"):
        assert page.locator(f"[data-finding={finding}]").count() == 1, finding
    assert "threshold of 14 met" in body and "Duty to Notify" in body
    # ... and no personal data: no inputs at all, no age, no answer in a URL or title
    assert page.locator("main input, main textarea, main select").count() == 0
    assert "18 or over" in body and not re.search(rf"\b{MARKER_AGE}\b", body)
    assert not re.search(rf"value=\"{MARKER_AGE}\"", html)
    assert MARKER_AGE not in page.title()
    assert not any(MARKER_AGE in url.split("/", 3)[-1] for url in requested)
    # the print button is there with JavaScript on
    assert page.locator("[data-print]").first.is_visible()

    pdf = page.pdf(format="A4")
    assert pdf_page_count(pdf) == 1
    context.close()
