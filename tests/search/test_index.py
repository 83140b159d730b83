"""Building and opening the index: phrase data, locales, atomic builds, data-version changes."""
from __future__ import annotations

import threading

from signpost import search

FACTS_CONCERNS = {
    "domestic-abuse", "sexual-violence", "child-sexual-abuse", "child-sexual-exploitation",
    "stalking", "honour-based-abuse", "forced-marriage", "fgm", "modern-slavery",
    "sexual-harassment", "intimate-image-abuse",
}


def _id(service):
    return service["id"] if isinstance(service, dict) else service.id


def test_phrases_cover_every_concern_in_every_locale():
    phrases = search.load_phrases()
    assert set(phrases.concerns) == FACTS_CONCERNS
    for concern, by_locale in phrases.concerns.items():
        for locale in search.LOCALE_TAGS:
            assert by_locale.get(locale), f"{concern} has no {locale} phrases"
        assert len(by_locale["en"]) >= 10, f"{concern} needs more plain English phrases"


def test_every_translation_of_the_phrases_is_marked_draft():
    phrases = search.load_phrases()
    assert set(phrases.draft_locales) == set(search.LOCALE_TAGS) - {"en"}


def test_phrases_and_rankings_name_only_services_in_the_directory(services):
    ids = {_id(s) for s in services}
    phrases = search.load_phrases()
    assert set(phrases.services) <= ids
    assert {sid for ranked in phrases.first.values() for sid in ranked} <= ids
    assert set(phrases.first) <= FACTS_CONCERNS
    assert set(phrases.own_behaviour) <= ids


def test_phrases_hold_no_contact_details():
    text = search.PHRASES_PATH.read_text(encoding="utf-8")
    assert "http" not in text and "@" not in text and "0808" not in text


def test_index_has_one_directory_per_locale(index_dir):
    assert search.index_ready(index_dir)
    for locale in search.LOCALE_TAGS:
        assert (index_dir / locale).is_dir()


def test_a_query_in_another_locale_also_finds_english_words(index_dir):
    results = search.search(index_dir, "Karma Nirvana", locale="bn")
    assert results and results[0].id == "karma-nirvana"


def test_accents_are_optional(index_dir):
    with_accents = [r.id for r in search.search(index_dir, "śledzi mnie", locale="pl")][:3]
    without = [r.id for r in search.search(index_dir, "sledzi mnie", locale="pl")][:3]
    assert with_accents and with_accents == without


def test_typos_are_forgiven_in_english(index_dir):
    assert search.search(index_dir, "stalkng")[0].id in {"national-stalking-helpline",
                                                         "changing-pathways-stalking", "paladin"}


def test_words_matched_to_a_concern_say_which_phrase(index_dir):
    result = search.search(index_dir, "he follows me home")[0]
    assert result.phrase and "follows" in result.phrase


def test_the_index_can_be_built_from_plain_dicts(tmp_path):
    services = [
        {"id": "a-helpline", "name": "A helpline", "summary": "Help for people being stalked.",
         "offers": "<p>Advice</p>", "who_for": "Anyone", "concerns": ["stalking"]},
        {"id": "b-service", "name": "B service", "summary": "Help with money.", "offers": "",
         "who_for": "Anyone", "concerns": []},
    ]
    search.build_index(services, tmp_path / "ix", locales=["en", "pl"])
    assert [r.id for r in search.search(tmp_path / "ix", "stalked")][:1] == ["a-helpline"]
    assert search.search(tmp_path / "ix", "śledzi mnie", locale="pl")[0].id == "a-helpline"


def test_a_new_data_version_is_searched_once_it_is_current(tmp_path):
    old = [{"id": "old-service", "name": "Old refuge", "summary": "A refuge.", "concerns": []}]
    new = [{"id": "new-service", "name": "New refuge", "summary": "A refuge.", "concerns": []}]
    search.build_index(old, tmp_path / "v1" / "index", locales=["en"])
    search.build_index(new, tmp_path / "v2" / "index", locales=["en"])
    assert search.search(tmp_path / "v1" / "index", "refuge")[0].id == "old-service"
    assert search.search(tmp_path / "v2" / "index", "refuge")[0].id == "new-service"
    assert search.search(tmp_path / "v1" / "index", "refuge")[0].id == "old-service"


def test_ensure_index_builds_a_missing_index_once_and_atomically(tmp_path, services):
    target = tmp_path / "version" / "index"
    target.parent.mkdir()
    errors = []

    def build():
        try:
            search.ensure_index(target, services[:5], locales=["en"])
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=build) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert search.index_ready(target)
    leftovers = [p.name for p in target.parent.iterdir() if p.name != "index"]
    assert leftovers == []


def test_a_half_built_index_is_not_used(tmp_path, services):
    target = tmp_path / "index"
    (target / "en").mkdir(parents=True)   # no completion marker
    assert not search.index_ready(target)
    search.ensure_index(target, services[:3], locales=["en"])
    assert search.index_ready(target)


def test_searchers_are_opened_once_and_reused(index_dir):
    search.search(index_dir, "refuge")
    first = search.pooled(index_dir, "en", "services")
    search.search(index_dir, "stalking")
    assert len(first) == 1
    assert search.pooled(index_dir, "en", "services") == first
    assert search.pooled(index_dir, "en", "services")[0] is first[0]


def test_searching_from_many_threads_at_once_gives_the_same_answers(index_dir):
    expected = [r.id for r in search.search(index_dir, "he follows me home", budget_ms=5000)]
    answers, errors = [], []

    def run():
        try:
            for _ in range(5):
                answers.append([r.id for r in search.search(index_dir, "he follows me home",
                                                            budget_ms=5000)])
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=run) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert answers and all(a == expected for a in answers)
