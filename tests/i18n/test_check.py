"""`flask i18n check` catches every kind of bad catalog, and the real catalogs pass it."""
from __future__ import annotations

import re
import shutil

import pytest

from signpost.i18n import LOCALES, same_addresses
from signpost.i18n_commands import (check_all, check_catalog, check_pot_current, extract_catalog,
                                    markup_problem)
from tests.i18n.conftest import POISONED_PO, ROOT

TRANSLATIONS = ROOT / "translations"


@pytest.fixture(scope="module")
def poisoned_problems():
    return check_catalog(POISONED_PO, "pl")


@pytest.fixture(scope="module")
def fresh_catalog():
    """One extraction of the working tree, shared by the tests that need it."""
    return extract_catalog(ROOT)


def _line_of(msgid: str) -> int:
    lines = POISONED_PO.read_text(encoding="utf-8").splitlines()
    return lines.index(f'msgid "{msgid}"') + 1


@pytest.mark.parametrize("msgid, why", [
    ("Help and support", "markup"),
    ("Skip to main content", "markup"),
    ("Staying safe online", "markup"),
    ("Leave this site now", "markup"),
    ("Accessibility", "markup"),
    ("Quick exit", "onmouseover="),
    ("Translations", "javascript:"),
    ("%(name)s, free and open 24 hours:", "placeholders differ"),
    ("Call %(number)s.", "placeholders differ"),
    ("In danger now?", "placeholders differ"),
    ("%(num)d service may help", "incomplete plural"),
    ("Search", "fuzzy"),
    ("Live chat via www.nationaldahelpline.org.uk", "web addresses differ"),
    ("Galop live chat", "web addresses differ"),
])
def test_check_flags_each_poisoned_entry_with_its_file_and_line(poisoned_problems, msgid, why):
    hits = [p for p in poisoned_problems if repr(msgid) in p and why in p]
    assert hits, poisoned_problems
    assert all(re.match(r".+poisoned\.po:(\d+): ", p) for p in hits)
    assert int(re.match(r".+poisoned\.po:(\d+): ", hits[0]).group(1)) == _line_of(msgid)


def test_check_passes_the_one_clean_poisoned_entry(poisoned_problems):
    assert not [p for p in poisoned_problems if "'Find a service'" in p]


@pytest.mark.parametrize("english, translation, ok", [
    ("<p>Help.</p>", "<p>Pomoc.</p>", True),
    ('<a href="https://x.invalid" rel="noreferrer noopener">site</a>',
     '<a href="https://x.invalid" rel="noreferrer noopener">strona</a>', True),
    ("Help.", "<p>Pomoc.</p>", False),                     # a tag the English does not have
    ("<p>Help.</p>", '<p onclick="x()">Pomoc.</p>', False),  # same tag, other attributes
    ('<a href="https://x.invalid">a</a>', '<a href="https://evil.invalid">a</a>', False),
    ("<script>a</script>", "<script>a</script>", False),    # never, even if the English has it
    ("3 < 4", "3 < 4", False),                             # no bare '<' either
    ("Help.", "javascript:void(0)", False),
])
def test_markup_allowlist(english, translation, ok):
    assert (markup_problem(english, translation) is None) is ok


@pytest.mark.parametrize("english, translation, ok", [
    ("Live chat via www.x.org.uk", "Czat na żywo na www.x.org.uk", True),
    ("On www.x.org.uk.", "www.x.org.uk-এ", True),                   # a case ending joined to it
    ("Email help@x.org.uk or see https://x.org/help.", "Pisz na help@x.org.uk lub https://x.org/help", True),
    ("Ask, e.g. your GP, at 3.30pm.", "Zapytaj np. lekarza o 15.30.", True),  # no address either side
    ("Live chat via www.x.org.uk", "Czat na www.y.org.uk", False),
    ("Live chat via www.x.org.uk", "Czat na www.x.org.uk.evil.example", False),
    ("Live chat via www.x.org.uk", "Czat na żywo", False),               # the address left out
    ("Galop live chat", "Czat Galop: www.evil.example", False),         # an address added
    ("Galop live chat", "Czat Galop: evil.org", False),
    ("Galop live chat", "Czat Galop: evil.de", False),                # any top-level domain
    ("See www.x.org.uk", "Zobacz www.x.org.uk lub pomoc.example.lt/czat", False),
    ("Help. Yes.", "Pomoc.Tak.", False),     # run together, it reads as an address: English shown
    ("Call us.", "Napisz: help@evil.co.uk", False),
])
def test_a_translation_keeps_exactly_the_web_and_email_addresses_of_the_english(english, translation, ok):
    assert same_addresses(translation, english) is ok


def test_check_fails_for_a_locale_without_a_catalog(tmp_path):
    shutil.copy(TRANSLATIONS / "messages.pot", tmp_path / "messages.pot")
    problems = check_all(tmp_path, check_pot=False)
    missing = {loc.tag for loc in LOCALES if loc.tag != "en"}
    assert len(problems) == len(missing)
    assert all("has no catalog" in p for p in problems)


def test_check_fails_for_a_catalog_that_does_not_parse(tmp_path):
    bad = tmp_path / "messages.po"
    bad.write_text('msgid "Help"\nmsgstr "Pomoc\n', encoding="utf-8")
    problems = check_catalog(bad, "pl")
    assert problems and "does not compile" in problems[0]


def test_check_fails_for_plural_forms_that_do_not_fit_the_language(tmp_path):
    text = (POISONED_PO.read_text(encoding="utf-8").replace("nplurals=3", "nplurals=2")
            .replace('msgstr[2] ""\n', ""))
    path = tmp_path / "messages.po"
    path.write_text(text, encoding="utf-8")
    assert any("Plural-Forms" in p for p in check_catalog(path, "pl"))


def test_check_flags_a_stale_pot(tmp_path, fresh_catalog):
    text = (TRANSLATIONS / "messages.pot").read_text(encoding="utf-8")
    (tmp_path / "messages.pot").write_text(
        text.replace('msgid "In danger now?"', 'msgid "A text no longer in the code"'), encoding="utf-8")
    problems = check_pot_current(tmp_path, ROOT, fresh_catalog)
    assert any("'In danger now?'" in p and "new msgid" in p for p in problems)
    assert any("'A text no longer in the code'" in p for p in problems)


def test_the_committed_pot_is_current(fresh_catalog):
    assert check_pot_current(TRANSLATIONS, ROOT, fresh_catalog) == []


def test_the_real_catalogs_pass_check():
    assert check_all(TRANSLATIONS, ROOT, check_pot=False) == []


def test_the_check_command_exits_1_and_prints_one_line_per_problem(tmp_path):
    from signpost import create_app
    shutil.copy(TRANSLATIONS / "messages.pot", tmp_path / "messages.pot")
    app = create_app({"TESTING": True, "TRANSLATIONS_DIR": str(tmp_path)})
    result = app.test_cli_runner().invoke(args=["i18n", "check", "--no-pot"])
    assert result.exit_code == 1
    assert result.output.count("has no catalog") == len(LOCALES) - 1
