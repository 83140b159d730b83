"""Sanitising directory text and links (P4, P12)."""
from __future__ import annotations

import re

import pytest

from signpost.sanitize import clean_rich_text, is_safe_url, strip_controls
from tests.directory.conftest import ROOT


def test_only_the_allowed_tags_survive_and_scripts_vanish_with_their_content():
    html = ('<p class="x" onclick="a()">Hi <strong>there</strong> <em>you</em></p>'
            '<script>alert(1)</script><style>p{}</style><iframe src="https://e.org"></iframe>'
            '<ul><li>one</li></ul><ol><li>two<br>three</li></ol><img src=x onerror=alert(1)>')
    assert clean_rich_text(html) == ('<p>Hi <strong>there</strong> <em>you</em></p>'
                                     '<ul><li>one</li></ul><ol><li>two<br>three</li></ol>')


@pytest.mark.parametrize("href", ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "java\nscript:alert(1)",
                                  "data:text/html,<b>", "vbscript:x", "http://example.org",
                                  "//example.org", "/relative", "sms:123", "https://"])
def test_unsafe_links_lose_their_address(href):
    cleaned = clean_rich_text(f'<a href="{href}">x</a>')
    assert "href" not in cleaned


def test_every_link_gets_noreferrer_noopener():
    cleaned = clean_rich_text('<a href="https://example.org" rel="opener" target="_blank">x</a>'
                              '<a href="tel:08082000247">call</a><a href="mailto:a@example.org">mail</a>')
    assert cleaned.count('rel="noreferrer noopener"') == 3
    assert "target" not in cleaned and 'rel="opener"' not in cleaned


def test_strip_controls_removes_bidi_and_control_characters_but_keeps_text():
    assert strip_controls("0808\u202e 2000\u2066 247\x00\x1b") == "0808 2000 247"
    assert strip_controls("line one\nline\ttwo") == "line one\nline\ttwo"
    assert strip_controls("سلام") == "سلام"


@pytest.mark.parametrize("url", ["https://www.example.org/a?b=c", "tel:08082000247", "tel:+442038664107",
                                 "mailto:help@example.org"])
def test_safe_urls(url):
    assert is_safe_url(url)


@pytest.mark.parametrize("url", ["http://example.org", "javascript:alert(1)", "https://exa mple.org",
                                 "https://example.org/\u202e", "tel:0808 2000 247", "mailto:x",
                                 "https://user:pw@example.org", "ftp://example.org", "", " https://e.org",
                                 "HTTPS://example.org", "https://localhost", 'https://e.org/"onload='])
def test_unsafe_urls(url):
    assert not is_safe_url(url)


def test_only_sanitize_py_imports_nh3():
    importers = []
    for path in list((ROOT / "signpost").rglob("*.py")) + list((ROOT / "pathways").rglob("*.py")):
        if re.search(r"^\s*(import nh3|from nh3\b)", path.read_text("utf-8"), flags=re.M):
            importers.append(path.relative_to(ROOT).as_posix())
    assert importers == ["signpost/sanitize.py"]
