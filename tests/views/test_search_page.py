"""The search page and the search API: results in the POST response, never in a URL (P6, P15)."""
from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.html import check_page, parse

MARKER = "zqxmarker"   # a word that must never leave the response body


def _search(client, q, lang="en", **extra):
    return client.post(f"/{lang}/search", data={"q": q, **extra})


def _assert_query_stays_in_the_body(response, marker=MARKER):
    """The query may be echoed in the input box, and nowhere a browser keeps or sends it."""
    assert "Location" not in response.headers
    doc = parse(response.get_data(as_text=True))
    assert marker not in doc.title.lower()
    for el in doc.elements:
        for attr in ("href", "src", "action", "formaction", "data-url"):
            assert marker not in el.attrs.get(attr, "").lower(), (el.tag, attr)
    for header, value in response.headers.items():
        assert marker not in value.lower(), header


def test_search_form_posts_and_keeps_nothing(client):
    doc = check_page(client.get("/en/search"))
    form = doc.find("form", role="search")
    assert form is not None and form.attrs["method"] == "post"
    field = doc.find("input", name="q")
    assert field.attrs["type"] == "search"
    assert field.attrs["autocomplete"] == "off"
    assert doc.find("label", for_="search-q") is not None


def test_search_shows_results_in_the_post_response(client):
    response = _search(client, f"he follows me home {MARKER}")
    doc = check_page(response)
    links = [a.attrs["href"] for a in doc.find_all("a") if a.attrs.get("href", "").startswith("/en/s/")]
    assert links, "each result links to its service page"
    assert "Stalking" in doc.text
    assert "Why this is shown" in doc.text
    _assert_query_stays_in_the_body(response)


def test_search_result_links_use_neutral_codes(client, app):
    from signpost.directory.store import current_snapshot
    with app.test_request_context("/en/search"):
        codes = {s.code for s in current_snapshot().services}
    doc = check_page(_search(client, "forced to marry"))
    hrefs = [a.attrs["href"] for a in doc.find_all("a") if a.attrs.get("href", "").startswith("/en/s/")]
    assert hrefs and all(h.rsplit("/", 1)[1] in codes for h in hrefs)
    assert not any("marr" in h or "karma" in h for h in hrefs)


def test_the_title_is_the_same_whatever_was_searched(client):
    plain = check_page(client.get("/en/search")).title
    assert check_page(_search(client, "forced to marry")).title == plain
    assert check_page(_search(client, "")).title == plain


def _questions_href(app):
    from flask import url_for
    with app.test_request_context("/en/search"):
        from flask import g
        g.lang = "en"
        return url_for("pathway.start")


def test_an_empty_search_offers_help_questions_and_topics(client, app):
    doc = check_page(_search(client, "   "))
    assert "999" in doc.text
    assert _questions_href(app) in [a.attrs.get("href") for a in doc.find_all("a")]
    topics = [i for i in doc.find_all("input", type="hidden") if i.attrs.get("name") == "concerns"]
    assert len(topics) >= 10
    assert all(f.attrs["method"] == "post" for f in doc.find_all("form"))


def test_a_search_with_no_match_offers_help_questions_and_topics(client, app):
    response = _search(client, f"{MARKER} qqqqqq")
    doc = check_page(response)
    assert _questions_href(app) in [a.attrs.get("href") for a in doc.find_all("a")]
    assert "did not find a match" in doc.text
    assert "0808 2000 247" in doc.text
    assert doc.find_all("input", type="hidden", name="concerns")
    _assert_query_stays_in_the_body(response)


def test_a_topic_button_opens_the_filtered_directory(client):
    doc = check_page(_search(client, ""))
    form = [f for f in doc.find_all("form") if f.attrs.get("action") == "/en/services"][0]
    response = client.post(form.attrs["action"], data={"concerns": "stalking"})
    assert response.status_code == 200


def test_the_query_is_escaped_when_echoed(client):
    response = _search(client, '"><script>alert(1)</script>')
    body = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "<script>alert(1)" not in body


def test_search_works_in_a_right_to_left_language(client):
    doc = check_page(_search(client, "زوجي يضربني", lang="ar"), lang="ar")
    assert doc.find("html").attrs["dir"] == "rtl"
    assert [a for a in doc.find_all("a") if a.attrs.get("href", "").startswith("/ar/s/")]


def test_search_in_polish_finds_services(client):
    doc = check_page(_search(client, "mąż mnie bije", lang="pl"), lang="pl")
    assert [a for a in doc.find_all("a") if a.attrs.get("href", "").startswith("/pl/s/")]


@pytest.mark.parametrize("q", ["*?*?*?*", "[a TO z]", "name:x", '"unbalanced', "a\x00b",
                               "x" * 10_000, "😀" * 100, "\u202eevil"])
def test_search_page_answers_200_to_query_syntax(client, q):
    response = _search(client, q)
    assert response.status_code in (200, 413)
    if response.status_code == 200:
        check_page(response)


def test_a_form_stuffed_with_extra_fields_is_refused(client):
    data = {"q": "refuge", **{f"f{i}": "x" for i in range(10)}}
    assert client.post("/en/search", data=data).status_code == 400


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(q=st.text(max_size=400))
def test_the_search_page_never_fails(client, q):
    response = _search(client, q)
    assert response.status_code == 200
    assert "Location" not in response.headers


# --- API --------------------------------------------------------------------------------

def test_api_search_returns_ids_names_and_why(client):
    response = client.post("/api/v1/search", json={"q": "forced to marry", "locale": "en"})
    assert response.status_code == 200
    results = response.get_json()["results"]
    assert results and set(results[0]) == {"id", "name", "why"}
    assert {"karma-nirvana", "forced-marriage-unit"} & {r["id"] for r in results[:5]}


def test_api_search_defaults_to_english(client):
    response = client.post("/api/v1/search", json={"q": "stalking"})
    assert response.status_code == 200 and response.get_json()["results"]


def test_api_search_in_urdu(client):
    response = client.post("/api/v1/search", json={"q": "زبردستی کی شادی", "locale": "ur"})
    ids = [r["id"] for r in response.get_json()["results"][:5]]
    assert {"karma-nirvana", "forced-marriage-unit"} & set(ids)


@pytest.mark.parametrize("body,content_type,message", [
    ("not json", "application/json", "body:"),
    ("", "application/json", "body:"),
    ("[1, 2]", "application/json", "body:"),
    ('"q"', "application/json", "body:"),
    ("null", "application/json", "body:"),
    ('{"q": 1}', "application/json", "q:"),
    ('{"q": null}', "application/json", "q:"),
    ('{"q": ["x"]}', "application/json", "q:"),
    ('{"locale": "en"}', "application/json", "q:"),
    ('{"q": "x", "locale": "xx"}', "application/json", "locale:"),
    ('{"q": "x", "locale": 5}', "application/json", "locale:"),
    ('{"q": "x", "limit": 1000}', "application/json", "limit:"),
    ('{"q": "x", "__proto__": {}}', "application/json", "__proto__:"),
    ("[" * 5000 + "]" * 5000, "application/json", "body:"),
    ('{"q": "x"}', "text/plain", None),
    (b'{"q": "\xff\xfe"}', "application/json", "body:"),
])
def test_api_search_rejects_a_bad_body_with_400(client, body, content_type, message):
    response = client.post("/api/v1/search", data=body, content_type=content_type)
    if message is None:   # a JSON body is read whatever its label says
        assert response.status_code == 200
        return
    assert response.status_code == 400
    errors = response.get_json()["errors"]
    assert errors and any(e.startswith(message) for e in errors)


def test_api_search_is_post_only(client):
    assert client.get("/api/v1/search?q=stalking").status_code == 405


@pytest.mark.parametrize("q", ["*?*?*?*", "[a TO z]", "name:x", '"unbalanced', "a\x00b",
                               "x" * 10_000, "\u202e"])
def test_api_search_answers_200_to_query_syntax(client, q):
    response = client.post("/api/v1/search", json={"q": q})
    assert response.status_code == 200
    assert isinstance(response.get_json()["results"], list)
    assert "Location" not in response.headers


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(body=st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=12))
def test_api_search_never_fails_whatever_json_it_gets(client, body):
    response = client.post("/api/v1/search", json=body)
    assert response.status_code in (200, 400)
    assert response.is_json


def test_a_version_without_an_index_gets_one_built_once(app, tmp_path, monkeypatch):
    """A data version built on another host has no index here: search builds it, atomically."""
    from types import SimpleNamespace

    from signpost import search as engine
    from signpost.directory import build
    from signpost.directory.store import current_snapshot
    from signpost.views import search as view

    with app.test_request_context("/en/search"):
        real = current_snapshot()
        monkeypatch.setitem(app.config, "DATA_DIR", str(tmp_path))
        snapshot = SimpleNamespace(version=real.version, services=real.services[:8],
                                   by_id=real.by_id, index_dir=None)
        built = view.index_dir_for(snapshot)
        assert built == build.version_dir(tmp_path, real.version) / build.INDEX_DIR
        assert engine.index_ready(built)
        assert view.index_dir_for(snapshot) == built
        assert view.run_search(snapshot, "stalking", "en")


def test_the_fixed_parts_of_the_page_are_in_each_visitors_language(client, app):
    """The intro, help box and topic list are rendered once per language, never shared."""
    from flask import g
    from signpost.i18n import gettext
    expected = {}
    for lang in ("en", "pl", "ar"):
        with app.test_request_context(f"/{lang}/search"):
            g.lang = lang
            expected[lang] = [gettext("Search in your own words"), gettext("Or choose a topic"),
                              gettext("More ways to get help now")]
    assert expected["pl"] != expected["en"] and expected["ar"] != expected["en"]
    for lang in ("en", "pl", "ar", "en"):
        text = check_page(_search(client, "zzqqxx", lang=lang), lang=lang).text
        for phrase in expected[lang]:
            assert phrase in text, (lang, phrase)
        for other in {"en", "pl", "ar"} - {lang}:
            assert expected[other][1] not in text, (lang, other)
