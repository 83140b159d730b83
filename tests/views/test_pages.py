"""The fixed pages say what a visitor needs, kindly and truthfully (P10)."""
from __future__ import annotations

import pytest

from signpost.i18n import LOCALES
from tests.html import check_page

PAGES = ("home", "safety", "privacy", "accessibility", "emergency")


@pytest.mark.parametrize("page", PAGES)
def test_every_fixed_page_has_the_quick_exit_first_and_999(client, page):
    url = "/en/" if page == "home" else f"/en/{page}"
    check_page(client.get(url))


@pytest.mark.parametrize("loc", LOCALES, ids=lambda loc: loc.tag)
def test_every_fixed_page_answers_in_every_language_with_its_direction(client, loc):
    for page in PAGES:
        url = f"/{loc.tag}/" if page == "home" else f"/{loc.tag}/{page}"
        doc = check_page(client.get(url), lang=loc.tag)
        assert doc.find("html").attrs["dir"] == loc.dir


def test_home_offers_the_two_ways_in(client):
    doc = check_page(client.get("/en/"))
    hrefs = {a.attrs.get("href") for a in doc.find_all("a")}
    assert "/en/services" in hrefs
    assert "/en/questions" in hrefs


def test_the_help_strip_shows_999_silent_call_advice_and_the_24_hour_helpline(client):
    doc = check_page(client.get("/en/"))
    strip = doc.find("aside", class_="danger-strip")
    assert strip is not None
    assert "999" in strip.text and "55" in strip.text
    assert "0808 2000 247" in strip.text
    assert doc.find("a", href="tel:999") is not None
    assert doc.find("a", href="tel:08082000247") is not None


def test_the_safety_page_says_plainly_what_the_site_cannot_hide(client):
    text = check_page(client.get("/en/safety")).text
    assert "history" in text
    assert "Pressing Back may show earlier pages of this site" in text
    assert "private or incognito window" in text
    assert "spying software" in text
    assert "Shift key 3 times" in text


def test_the_privacy_page_lists_what_we_do_not_keep(client):
    text = check_page(client.get("/en/privacy")).text
    for promise in ("No cookies", "No logs", "No tracking", "No accounts"):
        assert promise in text


def test_no_page_promises_what_the_site_cannot_do(client):
    for page in PAGES:
        url = "/en/" if page == "home" else f"/en/{page}"
        text = check_page(client.get(url)).text.lower()
        for overclaim in ("completely safe", "100% safe", "untraceable", "erases your history",
                          "deletes your history", "no one will ever know", "guaranteed"):
            assert overclaim not in text, (page, overclaim)


def test_the_title_never_names_an_abuse_type(app, client):
    words = ("abuse", "violence", "rape", "stalking", "marriage", "fgm", "slavery", "exploitation", "assault")
    for page in PAGES:
        url = "/en/" if page == "home" else f"/en/{page}"
        title = check_page(client.get(url)).title.lower()
        assert not any(word in title for word in words), title


def test_the_first_visit_is_sent_to_the_browsers_language_once(client):
    response = client.get("/", headers={"Accept-Language": "ar, en;q=0.5"})
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/ar/")
    assert "Accept-Language" in response.headers["Vary"]
    assert client.get("/", headers={"Accept-Language": "xx"}).headers["Location"].endswith("/en/")


def test_a_draft_translation_says_so_in_its_own_language_and_in_english(client):
    doc = check_page(client.get("/pl/"), lang="pl")
    notice = doc.find("div", class_="draft-notice")
    assert notice is not None
    assert "not yet been checked by a qualified translator" in notice.text
    assert check_page(client.get("/en/")).find("div", class_="draft-notice") is None
