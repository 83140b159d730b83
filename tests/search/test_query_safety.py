"""A search query never errors, never escapes our query language, and stays within budget (P15).

No timing asserts here (speed lives in bench/search.py): these tests check that search returns
a list for anything at all, and that the Whoosh query it builds holds only plain terms and
phrases on the fields search chose.
"""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from whoosh import query as wq

from signpost import search

PAYLOADS = [
    "",
    " ",
    "*?*?*?*",
    "*",
    "?",
    "stalk*",
    "re?uge",
    "[a TO z]",
    "{a TO z}",
    "name:x",
    "id:karma-nirvana",
    "concerns:stalking",
    "name:refuge^100",
    "refuge^9999999999",
    '"unbalanced',
    'forced "marriage',
    '"""',
    '""',
    "forced AND marriage",
    "forced OR marriage NOT stalking",
    "(forced (marriage",
    "((((((((((((((((((((stalking))))))))))))))))))))",
    "a\x00b",
    "\x00" * 500,
    "stalking\x00*",
    "x" * 10_000,
    "stalking " * 2_000,
    "é" * 10_000,
    "😀" * 300,
    "he follows me 😢🏠",
    "\u202eevil\u202c stalking",
    "\u200f\u200e\u200b",
    "\ufeffrefuge",
    "refuge~2",
    "stalking~",
    "/regex.*/",
    "<script>alert(1)</script>",
    "'; DROP TABLE services; --",
    "%00%2a%3f",
    "\\*\\?",
    "field:\"phrase query\"~3",
    "a" * 41 + " " + "b" * 41,
    "ab" * 5000,
    "\udcff",   # a lone surrogate
    "ﷺ" * 100,
    "\u0301" * 1000,
]


@pytest.mark.parametrize("payload", PAYLOADS, ids=range(len(PAYLOADS)))
def test_search_returns_a_list_for_any_payload(index_dir, payload):
    results = search.search(index_dir, payload)
    assert isinstance(results, list)
    assert all(isinstance(r, search.Result) for r in results)


@pytest.mark.parametrize("payload", PAYLOADS, ids=range(len(PAYLOADS)))
def test_built_query_has_only_plain_terms_and_phrases(index_dir, payload):
    for q in search.parse_query(payload, index_dir=index_dir):
        assert_only_plain_nodes(q)


def assert_only_plain_nodes(q):
    """Walk a Whoosh query: Or/DisjunctionMax of Term/Phrase on our fields, nothing else."""
    forbidden = (wq.Wildcard, wq.Prefix, wq.TermRange, wq.NumericRange, wq.FuzzyTerm,
                 wq.Regex, wq.Every, wq.Not)
    stack = [q]
    while stack:
        node = stack.pop()
        assert not isinstance(node, forbidden), type(node)
        assert isinstance(node, search.ALLOWED_NODES), type(node)
        if isinstance(node, (wq.Term, wq.Phrase)):
            assert node.fieldname in search.ALLOWED_FIELDS, node.fieldname
        if isinstance(node, wq.Term):
            assert isinstance(node.text, str)
            assert not any(ch in node.text for ch in "*?[]{}:^~\"\x00"), node.text
        stack.extend(node.children())


@pytest.mark.parametrize("locale", ["en", "pl", "ar", "xx", None])
def test_search_ignores_wildcard_syntax(index_dir, locale):
    queries = search.parse_query("stalk* re?uge *?*?*?*", locale=locale or "en", index_dir=index_dir)
    terms = [t for q in queries for _, t in q.iter_all_terms()]
    assert terms, "the words are still searched, as plain words"
    assert not any("*" in t or "?" in t for t in terms)


def test_field_prefixes_are_plain_words():
    parsed = search.tokenize("name:refuge id:x concerns:stalking")
    assert parsed.words == ["name", "refuge", "id", "x", "concerns", "stalking"]


def test_ranges_boosts_and_operators_are_plain_words():
    parsed = search.tokenize("[a TO z] refuge^100 forced AND (marriage OR NOT stalking)")
    assert parsed.words == ["a", "TO", "z", "refuge", "100", "forced", "AND", "marriage", "OR",
                            "NOT", "stalking"]


def test_balanced_quotes_make_a_phrase_and_a_lone_quote_is_ignored():
    assert search.tokenize('"forced marriage" abroad').phrases == [["forced", "marriage"]]
    unbalanced = search.tokenize('forced "marriage abroad')
    assert unbalanced.phrases == []
    assert unbalanced.words == ["forced", "marriage", "abroad"]
    assert search.tokenize("“follows me” home").phrases == [["follows", "me"]]


def test_long_queries_are_capped_in_characters_and_terms():
    parsed = search.tokenize("word " * 5_000)
    assert len(parsed.words) == search.MAX_TERMS
    parsed = search.tokenize("x" * 10_000)
    assert len(parsed.words) == 1
    assert len(parsed.words[0]) <= search.MAX_TERM_CHARS


def test_nul_bytes_and_invisible_marks_do_not_reach_the_index():
    parsed = search.tokenize("sta\u200blking\x00 \u202erefuge\u202c")
    assert "\x00" not in parsed.text
    assert parsed.words == ["stalking", "refuge"]


@pytest.mark.parametrize("query", [None, 42, b"stalking", ["stalking"], {"q": "x"}, object()])
def test_search_returns_a_list_for_values_that_are_not_text(index_dir, query):
    assert search.search(index_dir, query) == []


def test_search_never_raises_when_the_index_is_missing(tmp_path):
    assert search.search(tmp_path / "nowhere", "stalking") == []
    assert search.search("\x00bad", "stalking") == []


def test_search_never_raises_when_something_inside_breaks(index_dir, monkeypatch):
    def boom(*args, **kwargs):
        raise RuntimeError("broken")
    monkeypatch.setattr(search, "_search", boom)
    assert search.search(index_dir, "stalking") == []


def test_a_spent_budget_returns_a_list_not_an_error(index_dir):
    results = search.search(index_dir, "he follows me home forced marriage refuge", budget_ms=0)
    assert isinstance(results, list)


def test_an_unknown_locale_searches_english(index_dir):
    results = search.search(index_dir, "stalking", locale="../../etc")
    assert results and results[0].id in {"national-stalking-helpline", "changing-pathways-stalking",
                                         "paladin"}


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(text=st.text(max_size=300),
       locale=st.sampled_from(["en", "pl", "ro", "lt", "bg", "pt", "pa", "bn", "ur", "ar"]))
def test_any_text_in_any_locale_returns_a_list(index_dir, text, locale):
    results = search.search(index_dir, text, locale=locale)
    assert isinstance(results, list)
    for q in search.parse_query(text, locale=locale):
        assert_only_plain_nodes(q)


SYNTAX = st.sampled_from(list("*?[]{}():^~\"'!+-&|\\/\x00") + [" TO ", " AND ", " OR ", " NOT ",
                                                               "name:", "id:", "\u202e", "\u200f"])


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(parts=st.lists(st.one_of(SYNTAX, st.text(max_size=8)), max_size=40))
def test_whoosh_syntax_mixed_with_words_returns_a_list(index_dir, parts):
    text = "".join(parts)
    assert isinstance(search.search(index_dir, text), list)
    for q in search.parse_query(text, index_dir=index_dir):
        assert_only_plain_nodes(q)
