"""The extractors put every English text people read into messages.pot, and nothing else."""
from __future__ import annotations

import io
import re

import pytest
from babel.messages.pofile import read_po

from signpost.i18n_extract import extract_directory_yaml, pathway_messages
from tests.i18n.conftest import ROOT

POT = ROOT / "translations" / "messages.pot"
SERVICE_FIELDS = ("summary", "offers", "who_for", "area", "access_notes", "languages",
                  "safe_contact", "how_else")


@pytest.fixture(scope="module")
def pot():
    with open(POT, "rb") as f:
        return read_po(f)


@pytest.fixture(scope="module")
def msgids(pot):
    return {m.id if isinstance(m.id, str) else m.id[0] for m in pot if m.id}


@pytest.fixture(scope="module")
def directory():
    loader = pytest.importorskip("signpost.directory.loader")
    return loader.load_directory(ROOT / "directory.yaml")


def test_every_service_text_the_site_shows_is_in_the_catalog(directory, msgids):
    missing = []
    for service in directory.services:
        for field in SERVICE_FIELDS:
            value = str(getattr(service, field, "") or "")
            if value and value not in msgids:
                missing.append(f"{service.id}.{field}")
        for contact in service.contacts:
            for field in ("label", "hours"):
                value = getattr(contact, field, "") or ""
                if value and value not in msgids:
                    missing.append(f"{service.id}.contacts.{field}")
            if contact.in_words and contact.value not in msgids:
                missing.append(f"{service.id}.contacts.value")
    assert missing == []


def test_a_chat_described_in_words_is_extracted_and_no_other_contact_value_is(directory, msgids):
    values = {c.value: c for s in directory.services for c in s.contacts}
    in_words = {v for v, c in values.items() if c.in_words}
    assert "Live chat via www.nationaldahelpline.org.uk" in in_words
    assert [v for v in values if v in msgids and v not in in_words] == []


def test_names_numbers_urls_and_ids_are_not_extracted_from_the_directory():
    with open(ROOT / "directory.yaml", "rb") as f:
        lines = {lineno for lineno, _, _, _ in extract_directory_yaml(f, (), (), {})}
    raw = (ROOT / "directory.yaml").read_text(encoding="utf-8").splitlines()
    never = re.compile(r"^\s*-?\s*(name|id|source|facts_id|checked|open|kind|confidence|min_age|max_age):")
    assert lines and not [n for n in lines if never.match(raw[n - 1])]
    assert all(re.match(r"^\s*-?\s*(summary|offers|who_for|area|access_notes|languages|safe_contact"
                        r"|how_else|label|hours|value):", raw[n - 1]) for n in lines)
    # A value only when it is words: never a number, an email or an https address.
    values = [raw[n - 1].split("value:", 1)[1].strip().strip('"') for n in lines if "value:" in raw[n - 1]]
    assert values and not [v for v in values if v.startswith("https://") or "@" in v
                           or re.fullmatch(r"[\d +]+", v)]


def test_each_directory_text_tells_the_translator_which_service_it_belongs_to():
    with open(ROOT / "directory.yaml", "rb") as f:
        results = list(extract_directory_yaml(f, (), (), {}))
    assert results
    for _, _, _, comments in results:
        assert comments and comments[0].startswith("Translators: ") and "'" in comments[0]


def test_directory_values_stay_strings_even_when_they_look_like_numbers_or_booleans():
    yaml = b"services:\n  - id: x\n    name: X\n    summary: no\n    area: 01375\n    contacts:\n      - hours: 24/7\n"
    texts = [m for _, _, m, _ in extract_directory_yaml(io.BytesIO(yaml), (), (), {})]
    assert texts == ["no", "01375", "24/7"]


def test_every_pathway_text_is_in_the_catalog(msgids):
    texts = [text for _, _, text in pathway_messages()]
    if not texts:
        pytest.skip("the pathways package has no data yet")
    assert [t for t in texts if t not in msgids] == []


def test_every_caution_title_and_text_is_in_the_catalog(msgids):
    cautions = pytest.importorskip("pathways.cautions")
    for caution in cautions.CAUTIONS.values():
        assert caution.title in msgids and caution.text in msgids


def test_the_pot_is_deterministic(pot):
    text = POT.read_text(encoding="utf-8")
    assert "POT-Creation-Date" not in text and "Generated-By" not in text
    assert not re.search(r"^#: .*:\d+", text, re.MULTILINE), "no line numbers"
    ids = [m.id if isinstance(m.id, str) else m.id[0] for m in pot if m.id]
    assert ids == sorted(ids)


def test_wtforms_messages_that_can_reach_a_visitor_are_translatable(msgids):
    for message in ("Not a valid choice.", "Not a valid integer value.",
                    "'%(value)s' is not a valid choice for this field.", "This field is required."):
        assert message in msgids


def test_no_phone_number_is_a_msgid(msgids):
    facts = (ROOT.parent / "shared" / "directory-facts.yaml")
    if not facts.exists():
        pytest.skip("shared directory facts are not available")
    numbers = set(re.findall(r"\b0\d{3} ?\d{3} ?\d{3,4}\b", facts.read_text(encoding="utf-8")))
    assert numbers and not (numbers & msgids)
