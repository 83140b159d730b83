"""Plain-language searches find the right help in the top five, in English and other languages.

Each row: what someone might type, the locale they type it in, and ids of which at least one
must be among the first five results. Ids are the real directory.yaml ids (facts.md).
"""
from __future__ import annotations

import pytest

from signpost import search

TOP = 5

TABLE = [
    # English, plain words
    ("he follows me home", "en", {"national-stalking-helpline", "changing-pathways-stalking"}),
    ("someone keeps following me", "en", {"national-stalking-helpline", "changing-pathways-stalking"}),
    ("my ex keeps messaging me and turns up at my work", "en", {"national-stalking-helpline", "changing-pathways-stalking", "paladin"}),
    ("forced to marry", "en", {"karma-nirvana", "forced-marriage-unit"}),
    ("my parents are arranging my marriage abroad", "en", {"karma-nirvana", "forced-marriage-unit"}),
    ("somewhere to stay tonight", "en", {"refuge-accommodation", "national-da-helpline"}),
    ("I need a safe place to live", "en", {"refuge-accommodation", "changing-pathways-refuge", "national-da-helpline"}),
    ("raped last night", "en", {"oakwood-place-sarc"}),
    ("I was raped", "en", {"rape-crisis-helpline", "sericc", "oakwood-place-sarc"}),
    ("my husband hits me", "en", {"national-da-helpline", "changing-pathways-outreach"}),
    ("my partner controls my money and checks my phone", "en", {"national-da-helpline", "changing-pathways-outreach"}),
    ("cannabis farm forced to work", "en", {"modern-slavery-helpline"}),
    ("my boss took my passport and I work for no money", "en", {"modern-slavery-helpline"}),
    ("nude photos shared", "en", {"revenge-porn-helpline"}),
    ("he is threatening to share my nudes", "en", {"revenge-porn-helpline"}),
    ("my daughter will be cut on holiday", "en", {"nspcc-fgm-helpline", "barnardos-national-fgm-centre"}),
    ("female genital mutilation", "en", {"nspcc-fgm-helpline", "barnardos-national-fgm-centre"}),
    ("my family says I brought shame on them", "en", {"karma-nirvana"}),
    ("morning after pill", "en", {"sexual-health-urgent"}),
    ("I can't speak on the phone", "en", {"silent-solution"}),
    ("deaf sign language emergency", "en", {"deaf-999-access"}),
    ("I am a man and my wife hits me", "en", {"mens-advice-line"}),
    ("I am gay and my partner hurts me", "en", {"galop"}),
    ("I want to stop hurting my partner", "en", {"respect-phoneline", "change-hub", "change-project"}),
    ("worried about a child", "en", {"nspcc-helpline", "thurrock-mash"}),
    ("I am 14 and need to talk to someone", "en", {"childline"}),
    ("someone at work keeps making sexual comments", "en", {"rape-crisis-helpline", "streetsafe", "victim-support"}),
    ("I want to die", "en", {"samaritans"}),
    ("check my partner's past", "en", {"clares-law"}),
    ("change the locks so I can stay in my home", "en", {"sanctuary-scheme"}),
    ("Karma Nirvana", "en", {"karma-nirvana"}),
    ("samaritans", "en", {"samaritans"}),
    # typos
    ("stalkng", "en", {"national-stalking-helpline", "changing-pathways-stalking"}),
    ("refuje", "en", {"refuge-accommodation", "changing-pathways-refuge"}),
    ("forsed marrige", "en", {"karma-nirvana", "forced-marriage-unit"}),
    ("domestik abuse", "en", {"national-da-helpline", "changing-pathways-outreach"}),
    ("modern slavry", "en", {"modern-slavery-helpline"}),
    ("revenge pron", "en", {"revenge-porn-helpline"}),
    # query syntax is just text
    ('"forced marriage" OR stalking*', "en", {"karma-nirvana", "forced-marriage-unit"}),
    ("NAME:refuge", "en", {"refuge-accommodation", "changing-pathways-refuge"}),
    # Polish
    ("mąż mnie bije", "pl", {"national-da-helpline", "changing-pathways-outreach"}),
    ("maz mnie bije", "pl", {"national-da-helpline", "changing-pathways-outreach"}),
    ("ktoś mnie śledzi", "pl", {"national-stalking-helpline", "changing-pathways-stalking"}),
    ("zmuszają mnie do ślubu", "pl", {"karma-nirvana", "forced-marriage-unit"}),
    ("gdzie mogę dziś spać", "pl", {"refuge-accommodation", "national-da-helpline"}),
    ("szef zabrał mi paszport", "pl", {"modern-slavery-helpline"}),
    # Romanian
    ("soțul mă bate", "ro", {"national-da-helpline", "changing-pathways-outreach"}),
    ("sotul ma bate", "ro", {"national-da-helpline", "changing-pathways-outreach"}),
    ("căsătorie forțată", "ro", {"karma-nirvana", "forced-marriage-unit"}),
    ("am fost violată", "ro", {"rape-crisis-helpline", "sericc", "oakwood-place-sarc"}),
    ("muncă forțată", "ro", {"modern-slavery-helpline"}),
    # Urdu
    ("میرا شوہر مجھے مارتا ہے", "ur", {"national-da-helpline", "changing-pathways-outreach"}),
    ("زبردستی کی شادی", "ur", {"karma-nirvana", "forced-marriage-unit"}),
    ("وہ میرا پیچھا کرتا ہے", "ur", {"national-stalking-helpline", "changing-pathways-stalking"}),
    # Arabic
    ("زوجي يضربني", "ar", {"national-da-helpline", "changing-pathways-outreach"}),
    ("الزواج القسري", "ar", {"karma-nirvana", "forced-marriage-unit"}),
    ("يلاحقني", "ar", {"national-stalking-helpline", "changing-pathways-stalking"}),
    ("ختان البنات", "ar", {"nspcc-fgm-helpline", "barnardos-national-fgm-centre"}),
    # an English-only word still works from another locale
    ("stalking", "pl", {"national-stalking-helpline", "changing-pathways-stalking"}),
]


def test_the_relevance_table_is_big_enough():
    assert len(TABLE) >= 40
    assert {loc for _, loc, _ in TABLE} >= {"en", "pl", "ro", "ur", "ar"}


def test_every_expected_id_is_in_the_directory(services):
    ids = {s.id if not isinstance(s, dict) else s["id"] for s in services}
    missing = {i for _, _, expected in TABLE for i in expected} - ids
    assert not missing


@pytest.mark.parametrize("query,locale,expected", TABLE, ids=[f"{loc}:{q}" for q, loc, _ in TABLE])
def test_search_finds_the_right_help_in_the_top_five(index_dir, query, locale, expected):
    results = search.search(index_dir, query, locale=locale, limit=10, budget_ms=5000)
    top = [r.id for r in results[:TOP]]
    assert expected & set(top), f"{query!r} ({locale}) gave {top}"


def test_every_result_says_why_it_was_found(index_dir):
    results = search.search(index_dir, "he follows me home", budget_ms=5000)
    assert results
    assert all(r.why.strip() for r in results)
