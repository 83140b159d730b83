"""directory.yaml loading and validation (P12, P19)."""
from __future__ import annotations

import re
from datetime import date

import pytest

from signpost.directory import loader
from tests.directory.conftest import FAULTS, ROOT, SHARED, entry, small_directory

MESSAGE = re.compile(r"^(?P<file>[^:]+):(?P<line>\d+):(?P<col>\d+): (?P<field>[\w\[\].-]+): (?P<msg>.+)$")


def errors_of(text: str, label: str = "directory.yaml") -> list[str]:
    with pytest.raises(loader.DirectoryError) as caught:
        loader.parse_directory(text, label=label)
    return caught.value.errors


def facts_md() -> str:
    path = SHARED / "facts.md"
    if not path.exists():
        pytest.skip("../shared/facts.md is not beside the repository")
    return path.read_text("utf-8")


# -- the real file ------------------------------------------------------------------------

def test_the_real_directory_validates(real_directory):
    assert len(real_directory.services) >= len(loader.ROUTE_IDS)


def test_every_route_id_in_facts_md_has_an_entry(real_directory):
    text = facts_md()
    section = text.split("## Route ids", 1)[1]
    route_ids = re.findall(r"^\| `([a-z0-9-]+)` \|", section, flags=re.M)
    assert set(route_ids) == set(loader.ROUTE_IDS)
    assert set(route_ids) <= set(real_directory.by_id)


def test_concern_ids_are_those_in_facts_md():
    text = facts_md()
    row = next(line for line in text.splitlines() if line.startswith("| `concerns`"))
    concerns = re.findall(r"`([a-z-]+)`", row.split("|")[2])
    assert tuple(c for c in concerns if c != "not-sure") == loader.CONCERNS


def test_phone_numbers_in_the_real_file_round_trip_byte_for_byte(real_directory):
    raw = (ROOT / "directory.yaml").read_text("utf-8")
    phones = [c for s in real_directory.services for c in s.contacts if c.kind == "phone"]
    assert phones
    for contact in phones:
        assert re.search(r'value: "?' + re.escape(contact.value) + r'"?\n', raw), contact.value


def test_every_real_contact_links_only_to_https_tel_sms_or_mailto(real_directory):
    for service in real_directory.services:
        for contact in service.contacts:
            assert contact.href == "" or contact.href.split(":")[0] in {"https", "tel", "sms", "mailto"}


def test_neutral_codes_name_neither_service_nor_abuse_type(real_directory):
    codes = [s.code for s in real_directory.services]
    assert len(set(codes)) == len(codes)
    for service in real_directory.services:
        assert re.fullmatch(r"[0-9a-f]{8}", service.code)


# -- values stay strings --------------------------------------------------------------------

def test_a_number_with_a_leading_zero_stays_a_string_exactly_as_written():
    text = small_directory().replace('value: "0808 2000 247"', "value: 01375 380609", 1)
    directory = loader.parse_directory(text)
    values = [c.value for s in directory.services for c in s.contacts]
    assert "01375 380609" in values


def test_yes_and_no_stay_text():
    text = small_directory().replace("who_for: Anyone.", "who_for: no", 1)
    directory = loader.parse_directory(text)
    assert directory.services[0].who_for == "no"


# -- fault files: each refused with file:LINE:COL: field: message ---------------------------

FAULT_EXPECTATIONS = {
    "syntax-error.yaml": "yaml: ",
    "duplicate-key.yaml": "duplicate key 'kind'",
    "alias-bomb.yaml": "anchors and aliases",
    "alias-bomb-block.yaml": "anchors and aliases",
    "flow-style.yaml": "flow style",
    "deep-nesting.yaml": "nested too deeply",
    "phone-ellipsis.yaml": "'01375…' is not a phone number",
    "bare-int.yaml": "'8082000247' is neither a full number",
    "wrong-types.yaml": "must be text, found a list",
    "bidi-controls.yaml": "U+202E",
    "markup-everywhere.yaml": "markup is not allowed",
}


@pytest.mark.parametrize("name", sorted(FAULT_EXPECTATIONS))
def test_fault_file_is_refused_with_line_and_column(name):
    errors = loader.check_file(FAULTS / name, label=name)
    assert errors, f"{name} was accepted"
    for line in errors:
        match = MESSAGE.match(line)
        assert match, line
        assert match["file"] == name
        assert int(match["line"]) >= 1 and int(match["col"]) >= 1
    assert any(FAULT_EXPECTATIONS[name] in line for line in errors), errors


def test_a_huge_file_is_refused_before_it_is_parsed(tmp_path):
    path = tmp_path / "huge.yaml"
    with open(path, "w") as handle:
        handle.write("services:\n")
        line = "  # " + "x" * 1000 + "\n"
        while handle.tell() <= loader.MAX_BYTES:
            handle.write(line)
    errors = loader.check_file(path, label="huge.yaml")
    assert len(errors) == 1 and MESSAGE.match(errors[0]) and "limit" in errors[0]


def test_a_file_that_is_not_utf8_is_refused(tmp_path):
    path = tmp_path / "latin1.yaml"
    path.write_bytes(small_directory().replace("Anyone.", "Caf\xe9", 1).encode("latin-1"))
    errors = loader.check_file(path, label="latin1.yaml")
    assert errors and "not UTF-8" in errors[0] and MESSAGE.match(errors[0])


def test_every_problem_is_reported_at_once():
    errors = loader.check_file(FAULTS / "wrong-types.yaml", label="w.yaml")
    fields = {MESSAGE.match(e)["field"] for e in errors}
    for expected in ("services[0].name", "services[0].kind", "services[0].scope",
                     "services[0].audience", "services[0].min_age", "services[0].genders",
                     "services[0].concerns[0]", "services[0].concerns[1]",
                     "services[0].contacts[0].kind", "services[0].contacts[0].open",
                     "services[0].contacts[0].source", "services[0].contacts[0].confidence",
                     "services[0].contacts[0].checked", "services[1].id", "services[1].summary",
                     "services[0].related[0]"):
        assert expected in fields, (expected, errors)


def test_the_line_and_column_point_at_the_bad_value():
    errors = loader.check_file(FAULTS / "phone-ellipsis.yaml", label="p.yaml")
    bad = next(e for e in errors if "contacts[0].value" in e)
    assert bad.startswith("p.yaml:13:16: ")


PLAIN_FIELDS = ("name", "summary", "who_for", "area", "access_notes", "languages",
                "safe_contact", "how_else")


@pytest.mark.parametrize("payload", ['<script>alert(1)</script>', '<img src=x onerror=alert(1)>',
                                     'javascript:alert(1)', '&lt;b&gt;', '</p>'])
@pytest.mark.parametrize("field", PLAIN_FIELDS + ("label", "hours"))
def test_markup_and_script_links_are_refused_in_every_plain_text_field(field, payload):
    text = small_directory()
    quoted = "'" + payload.replace("'", "''") + "'"
    if field in ("label", "hours"):
        text = text.replace(f"        {field}: ", f"        {field}: {quoted} #", 1)
    elif field in ("languages", "safe_contact", "how_else"):
        text = text.replace("    area: UK\n", f"    area: UK\n    {field}: {quoted}\n", 1)
    else:
        old = {"name": "name: Entry emergency-999", "summary": "summary: A short, plain summary.",
               "who_for": "who_for: Anyone.", "area": "area: UK",
               "access_notes": "access_notes: Call when it is safe."}[field]
        text = text.replace(old, f"{field}: {quoted}", 1)
    errors = errors_of(text)
    assert any(f"services[0].{field}:" in e or f"contacts[0].{field}:" in e for e in errors), errors


@pytest.mark.parametrize("offers", [
    "<p><script>alert(1)</script></p>",
    '<p><a href="javascript:alert(1)">x</a></p>',
    '<p><a href="http://example.org">x</a></p>',
    '<p onclick="x()">x</p>',
    '<p><a href="https://example.org" onclick="x()">x</a></p>',
    '<iframe src="https://example.org"></iframe>',
    '<p style="color:red">x</p>',
])
def test_unsafe_rich_text_is_refused(offers):
    text = small_directory().replace(
        '<p>Help for <strong>anyone</strong>. <a href="https://example.org/help">More</a></p>', offers, 1)
    assert any("services[0].offers" in e for e in errors_of(text))


def test_rich_text_is_sanitised_once_at_load_with_safe_links():
    directory = loader.parse_directory(small_directory())
    offers = directory.services[0].offers
    assert offers == ('<p>Help for <strong>anyone</strong>. <a href="https://example.org/help" '
                      'rel="noreferrer noopener">More</a></p>')
    assert str(directory.services[0].offers_html) == offers


@pytest.mark.parametrize("char", ["\x00", "\x1b", "\x7f", "\x85", "\u2028"])
def test_control_characters_are_refused_by_the_reader(char):
    text = small_directory().replace("name: Entry emergency-999", f'name: "Entry{char}999"', 1)
    errors = errors_of(text)
    assert errors == [f"directory.yaml:3:17: text: control character U+{ord(char):04X} is not allowed"]


@pytest.mark.parametrize("char", ["\u202e", "\u2066", "\u200f", "\u061c", "\u200b", "\ufeff"])
def test_bidi_and_invisible_characters_are_refused_in_names_and_numbers(char):
    text = small_directory().replace("name: Entry emergency-999", f'name: "Entry{char}999"', 1)
    text = text.replace('value: "0808 2000 247"', f'value: "0808{char} 2000 247"', 1)
    errors = errors_of(text)
    assert any("services[0].name" in e for e in errors)
    assert any("services[0].contacts[0].value" in e for e in errors)


@pytest.mark.parametrize("value", ["0808 2000 247", "999", "101", "116 123", "18000", "0800 1111",
                                   "07841 999342", "07841999342", "+44 20 3866 4107",
                                   "08 08 16 89 111", "18001 0808 2000 247", "88858"])
def test_uk_phone_numbers_as_people_write_them_are_accepted(value):
    assert loader.phone_problem(value) is None


@pytest.mark.parametrize("value", ["01375…", "01375...", "0808 2000 24x", "ring 999", "0808  2000 247",
                                   " 999", "999 ", "99", "8082000247", "+1 212 555 0100",
                                   "0808-2000-247", "(0808) 2000 247", "0", "0808 2000 247 ext 2",
                                   "00 44 20 3866 4107", "123456789012345"])
def test_malformed_phone_numbers_are_refused(value):
    assert loader.phone_problem(value) is not None


def test_unknown_concerns_ids_and_missing_related_are_refused():
    text = small_directory().replace("      - domestic-abuse\n", "      - burglary\n", 1)
    text = text.replace("    contacts:\n", "    related:\n      - not-an-entry\n    contacts:\n", 1)
    errors = errors_of(text)
    assert any("concerns[0]: 'burglary'" in e for e in errors)
    assert any("related[0]: 'not-an-entry' is not the id" in e for e in errors)


def test_a_missing_route_id_is_reported():
    text = small_directory().replace("  - id: samaritans\n", "  - id: samaritans-renamed\n", 1)
    assert any("'samaritans'" in e for e in errors_of(text))


def test_duplicate_ids_are_refused():
    text = small_directory(extra=entry("samaritans"))
    assert any("duplicate id 'samaritans'" in e for e in errors_of(text))


def test_unknown_fields_are_refused_so_typos_show():
    text = small_directory().replace("    who_for: Anyone.\n", "    who_for: Anyone.\n    whofor: x\n", 1)
    assert any("services[0].whofor: unknown field" in e for e in errors_of(text))


def test_how_else_is_required_when_no_contact_is_public():
    text = "services:\n" + entry("emergency-999", confidence="unverified") + "".join(
        entry(r) for r in loader.ROUTE_IDS if r != "emergency-999")
    assert any("services[0].how_else: is required" in e for e in errors_of(text))
    fixed = text.replace("    area: UK\n", "    area: UK\n    how_else: Ask your GP to refer you.\n", 1)
    assert loader.parse_directory(fixed).services[0].how_else == "Ask your GP to refer you."


def test_ages_must_be_whole_numbers_in_order():
    text = small_directory().replace('min_age: "16"', 'min_age: "65"\n    max_age: "18"', 1)
    assert any("min_age 65 is above max_age 18" in e for e in errors_of(text))
    for bad in ('"-1"', '"16.5"', '"121"', '"016"', "sixteen"):
        text = small_directory().replace('min_age: "16"', f"min_age: {bad}", 1)
        assert any("services[0].min_age" in e for e in errors_of(text)), bad


def test_empty_or_non_mapping_document_is_refused():
    for text in ("", "just text", "- a\n- b\n", "services: none\n"):
        errors = errors_of(text)
        assert errors and all(MESSAGE.match(e) for e in errors)


# -- the objects ----------------------------------------------------------------------------

def test_contact_links_use_the_right_scheme():
    make = lambda kind, value: loader.Contact(kind=kind, value=value, confidence="confirmed")  # noqa: E731
    assert make("phone", "0808 2000 247").href == "tel:08082000247"
    assert make("textphone", "18001 0808 2000 247").href == "tel:1800108082000247"
    assert make("text", "88858").href == "sms:88858"
    assert make("email", "help@example.org").href == "mailto:help@example.org"
    assert make("web", "https://example.org/").href == "https://example.org/"
    assert make("chat", "Live chat on the website").href == ""


def test_only_a_chat_without_an_address_is_described_in_words_for_translation():
    make = lambda kind, value: loader.Contact(kind=kind, value=value, confidence="confirmed")  # noqa: E731
    assert make("chat", "Live chat via www.example.org.uk").in_words
    assert not make("chat", "https://example.org/chat").in_words
    assert not make("web", "https://example.org/").in_words
    assert not make("phone", "0808 2000 247").in_words
    assert not make("email", "help@example.org").in_words


def test_unverified_contacts_are_not_public_and_staleness_uses_the_check_date():
    service = loader.parse_directory(small_directory()).services[0]
    hidden = loader.Contact(kind="phone", value="999", confidence="unverified", checked="2020-01-01")
    assert not hidden.public
    assert service.public_contacts == service.contacts
    assert not service.is_stale(date(2026, 11, 22), 365)
    assert service.is_stale(date(2028, 1, 1), 365)


def test_every_facts_id_names_an_entry_in_directory_facts(real_directory):
    yaml = pytest.importorskip("yaml")
    path = SHARED / "directory-facts.yaml"
    if not path.exists():
        pytest.skip("../shared/directory-facts.yaml is not beside the repository")
    facts_ids = {s["id"] for s in yaml.safe_load(path.read_text("utf-8"))["services"]}
    unknown = [s.id for s in real_directory.services if s.facts_id and s.facts_id not in facts_ids]
    assert unknown == []
