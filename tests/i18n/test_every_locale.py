"""Every page answers in every language, with the right lang and direction (P11, DESIGN 5)."""
from __future__ import annotations

import pytest

from signpost.i18n import LOCALES
from tests.html import check_page
from tests.i18n.helpers import executable_markup, page_urls

DRAFT_EN = "This translation has not yet been checked by a qualified translator."
TAGS = [loc.tag for loc in LOCALES]


@pytest.mark.parametrize("loc", LOCALES, ids=TAGS)
def test_every_page_answers_200_with_the_right_lang_and_dir(client, loc):
    for url in page_urls(client, loc.tag):
        response = client.get(url)
        doc = check_page(response, lang=loc.tag)
        assert doc.find("html").attrs["dir"] == loc.dir, url
        assert executable_markup(response.get_data(as_text=True)) == [], url


def test_right_to_left_languages_are_in_the_test_set():
    assert {loc.tag for loc in LOCALES if loc.dir == "rtl"} >= {"ar", "ur"}


@pytest.mark.parametrize("loc", [loc for loc in LOCALES if loc.status == "draft"], ids=lambda l: l.tag)
def test_a_draft_language_says_so_in_its_own_language_and_in_english(client, loc):
    doc = check_page(client.get(f"/{loc.tag}/"), lang=loc.tag)
    notice = doc.find("div", class_="draft-notice")
    assert notice is not None and DRAFT_EN in notice.text
    english = [el for el in doc.find_all("p", lang="en") if DRAFT_EN in el.text]
    assert english, "the English copy of the notice is marked lang=en"
    assert english[0].attrs.get("dir") == "ltr"


def test_english_shows_no_draft_notice(client):
    doc = check_page(client.get("/en/"))
    assert doc.find("div", class_="draft-notice") is None
    assert DRAFT_EN not in doc.text


@pytest.mark.parametrize("bad", ["xx", "EN", "en-gb", "pl_PL", "zz", "..", "%2e%2e", "ar-x"])
def test_an_unknown_language_is_a_404(client, bad):
    assert client.get(f"/{bad}/").status_code == 404
    assert client.get(f"/{bad}/translations").status_code == 404


@pytest.mark.parametrize("header, expected", [
    ("pl-PL,pl;q=0.9,en;q=0.5", "/pl/"),
    ("ar", "/ar/"),
    ("ur-PK, en;q=0.3", "/ur/"),
    ("de-DE, fr;q=0.8", "/en/"),
    ("", "/en/"),
])
def test_the_root_redirects_once_by_accept_language(client, header, expected):
    response = client.get("/", headers={"Accept-Language": header} if header else {})
    assert response.status_code in (301, 302, 303, 307, 308)
    assert response.headers["Location"].endswith(expected)
    assert "Accept-Language" in response.headers.get("Vary", "")
    assert "Set-Cookie" not in response.headers
    landed = client.get(response.headers["Location"])
    assert landed.status_code == 200


def test_the_translations_page_lists_every_language_with_status_and_completeness(client):
    doc = check_page(client.get("/en/translations"))
    rows = doc.find_all("tr")[1:]
    assert len(rows) == len(LOCALES)
    text = doc.text
    for loc in LOCALES:
        assert loc.endonym in text and loc.english in text
    assert "has not yet been checked by a qualified translator" in text
    assert "%" in text and "Draft" in text


def test_the_translations_page_explains_drafts_in_arabic_too(client):
    doc = check_page(client.get("/ar/translations"), lang="ar")
    assert doc.find("html").attrs["dir"] == "rtl"
    assert len(doc.find_all("tr")) == len(LOCALES) + 1


@pytest.mark.parametrize("tag, words", [
    ("en", "Live chat via www.nationaldahelpline.org.uk"),
    ("pl", "Czat na żywo na www.nationaldahelpline.org.uk"),
    ("ar", "دردشة مباشرة على www.nationaldahelpline.org.uk"),
])
def test_a_chat_described_in_words_reads_in_the_page_language_with_its_web_address(client, tag, words):
    from signpost.directory.loader import neutral_code
    doc = check_page(client.get(f"/{tag}/s/{neutral_code('national-da-helpline')}"), lang=tag)
    shown = [el for el in doc.find_all("span") if el.text.strip() == words]
    assert shown, f"{words!r} is not on the page"
    assert shown[0].attrs.get("dir") == "auto"   # follows its own script, not forced left-to-right
    if tag != "en":
        assert "Live chat via" not in doc.text
