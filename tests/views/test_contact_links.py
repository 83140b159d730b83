"""A contact looks and works the same on every page that shows it (templates/_macros/contact.html):
a phone number is a bold tel: link that never wraps or flips in right-to-left text, an email is
a left-to-right mailto: link, a web address opens another site without a referrer."""
from __future__ import annotations

import pytest

from tests.html import check_page, parse
from tests.views.test_pathway_flow import FLOWS, walk
from tests.views.test_staff import E02


@pytest.fixture
def snapshot(app):
    from signpost.directory.store import snapshot_or_none
    with app.app_context():
        found = snapshot_or_none()
    if found is None:
        pytest.skip("no directory build in this checkout")
    return found


def pages_with_contacts(client, snapshot):
    """(name, html) of each kind of page that lists directory contacts, in English and Arabic."""
    ndah = snapshot.by_id["national-da-helpline"].code
    for lang in ("en", "ar"):
        yield f"service page ({lang})", client.get(f"/{lang}/s/{ndah}").get_data(as_text=True)
        yield f"staff directory ({lang})", client.get(f"/{lang}/staff/services").get_data(as_text=True)
        yield f"staff result ({lang})", client.post(f"/{lang}/staff", data=E02).get_data(as_text=True)
        yield f"staff summary ({lang})", client.post(f"/{lang}/staff/summary", data=E02).get_data(as_text=True)
        for flow in ("E09 stalked by a former colleague", "danger now, cannot speak"):
            yield f"pathway {flow} ({lang})", walk(client, FLOWS[flow]["answers"], lang).html


def links(html, scheme):
    return [a for a in parse(html).find_all("a") if a.attrs.get("href", "").startswith(scheme)]


def test_every_phone_number_is_a_left_to_right_tel_link_styled_as_a_number(client, snapshot):
    for name, html in pages_with_contacts(client, snapshot):
        phones = links(html, "tel:")
        assert phones, name
        for a in phones:
            assert "tel" in a.attrs.get("class", "").split(), (name, a.attrs)
            assert a.attrs.get("dir") == "ltr", (name, a.attrs)


def test_every_email_is_a_left_to_right_mailto_link_not_styled_as_a_number(client, snapshot):
    seen = 0
    for name, html in pages_with_contacts(client, snapshot):
        for a in links(html, "mailto:"):
            seen += 1
            assert a.attrs.get("dir") == "ltr", (name, a.attrs)
            assert "tel" not in a.attrs.get("class", "").split(), (name, a.attrs)
    assert seen, "no page showed an email contact"


def test_a_chat_described_in_words_is_text_in_the_page_language_on_every_page(client, snapshot):
    chat = next(c for c in snapshot.by_id["national-da-helpline"].public_contacts if c.in_words)
    shown = [name for name, html in pages_with_contacts(client, snapshot)
             if "(en)" in name and chat.value in html]
    assert shown
    for name, html in pages_with_contacts(client, snapshot):
        if name in shown:
            assert f'<span dir="auto">{chat.value}</span>' in html, name
            assert not links(html, chat.value), name
