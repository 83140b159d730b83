"""The score table: a faster way to the very same results as Whoosh's matchers."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from signpost import search

from .test_relevance import TABLE

EXTRA = [
    ('"forced marriage" stalking', "en"),     # a quoted phrase runs on Whoosh's matchers
    ('"ktoś mnie" śledzi', "pl"),
    ("help", "en"),
    ("support", "bn"),
    ("he follows me home", "ar"),
]


def _answers(index_dir, query, locale):
    return [(r.id, round(r.score, 6), r.why, r.phrase, r.concern)
            for r in search.search(index_dir, query, locale=locale, limit=10, budget_ms=5000)]


def _with_whoosh_only(monkeypatch, index_dir, query, locale):
    with monkeypatch.context() as m:
        m.setattr(search, "_score_table", lambda *args: None)
        return _answers(index_dir, query, locale)


def test_the_real_directory_gets_a_score_table_for_every_index(index_dir):
    assert search._score_table(index_dir, "en", "services")
    for locale in search.LOCALE_TAGS:
        assert search._score_table(index_dir, locale, "phrases"), locale


@pytest.mark.parametrize("query,locale", [(q, loc) for q, loc, _ in TABLE] + EXTRA)
def test_a_search_from_the_table_ranks_exactly_as_whoosh_does(index_dir, monkeypatch,
                                                             query, locale):
    from_table = _answers(index_dir, query, locale)
    assert from_table == _with_whoosh_only(monkeypatch, index_dir, query, locale)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(words=st.lists(st.sampled_from(
    ["he", "follows", "me", "home", "forced", "marriage", "stalkng", "refuge", "help",
     "money", "phone", "child", "mąż", "bije", "زوجي", "شادی", '"', "raped", "work"]),
    min_size=1, max_size=8), locale=st.sampled_from(search.LOCALE_TAGS))
def test_any_mix_of_words_ranks_the_same_from_the_table(index_dir, monkeypatch, words, locale):
    query = " ".join(words)
    assert _answers(index_dir, query, locale) == _with_whoosh_only(
        monkeypatch, index_dir, query, locale)


def test_a_damaged_score_table_costs_speed_never_an_answer(tmp_path, services, index_dir):
    import shutil
    damaged = tmp_path / "index"
    shutil.copytree(index_dir, damaged)
    expected = _answers(index_dir, "someone keeps following me", "en")
    (damaged / "en" / "services-scores.json").write_text('{"format": "x", "terms": {', "utf-8")
    (damaged / "en" / "phrases-scores.json").write_text("[1, 2, 3]", "utf-8")
    search.clear_caches()
    assert search._score_table(damaged, "en", "services") is None
    assert _answers(damaged, "someone keeps following me", "en") == expected


def test_a_big_index_is_searched_without_a_table(tmp_path, services, monkeypatch):
    monkeypatch.setattr(search, "TABLE_MAX_DOCS", 10)
    path = search.build_index(services, tmp_path / "index", locales=["en"])
    assert not (path / "en" / "services-scores.json").exists()
    assert search._score_table(path, "en", "services") is None
    top = [r.id for r in search.search(path, "forced to marry", budget_ms=5000)[:5]]
    assert {"karma-nirvana", "forced-marriage-unit"} & set(top)


def test_reading_a_versions_tables_is_not_charged_to_the_search_budget(index_dir, monkeypatch):
    import time
    search.clear_caches()   # as in a fresh worker, or just after a new data version
    read = search._score_table

    def slow_disk(index_dir, locale, indexname):
        if (str(index_dir), locale, indexname) not in search._tables:
            time.sleep(0.1)
        return read(index_dir, locale, indexname)

    monkeypatch.setattr(search, "_score_table", slow_disk)
    top = [r.id for r in search.search(index_dir, "stalking", budget_ms=50)[:5]]
    assert {"national-stalking-helpline", "changing-pathways-stalking"} & set(top)
