"""Rendering a page once per (locale, data version, page) (DESIGN 9)."""
from __future__ import annotations

import pytest
from flask import request

from signpost.directory import build
import datetime as dt

from signpost.directory.store import current_snapshot
from signpost.render_cache import LRU, ReadyPages, cached_page, mark_ready, page_cache
from tests.directory.conftest import small_directory

pytestmark = pytest.mark.usefixtures("no_search_index")


@pytest.fixture
def counted(make_app, tmp_path, yaml_file):
    build.build(yaml_file, tmp_path / "data")
    app = make_app(tmp_path / "data")
    calls = []

    @cached_page
    def page(thing="home"):
        calls.append(request.method)
        return f"<p>{thing} {len(calls)}</p>"

    app.add_url_rule("/_t/<thing>", "cached_test", page, methods=["GET", "POST"])
    return app, calls, yaml_file


def test_a_get_page_is_rendered_once_and_keeps_every_privacy_header(counted):
    app, calls, _ = counted
    client = app.test_client()
    first = client.get("/_t/a")
    second = client.get("/_t/a")
    assert len(calls) == 1 and first.get_data() == second.get_data() == b"<p>a 1</p>"
    for header in ("Content-Security-Policy", "Cache-Control", "Referrer-Policy",
                   "X-Content-Type-Options", "X-Frame-Options"):
        assert second.headers.get(header) == first.headers.get(header) and second.headers.get(header)
    assert "Set-Cookie" not in second.headers
    client.get("/_t/b")
    assert len(calls) == 2


def test_posts_and_query_strings_are_never_cached(counted):
    app, calls, _ = counted
    client = app.test_client()
    client.post("/_t/a", data={"q": "secret"})
    client.post("/_t/a", data={"q": "secret"})
    client.get("/_t/a?x=1")
    client.get("/_t/a?x=1")
    assert calls == ["POST", "POST", "GET", "GET"]


def test_a_new_data_version_renders_again(counted):
    app, calls, yaml_file = counted
    client = app.test_client()
    client.get("/_t/a")
    yaml_file.write_text(small_directory(summary="Changed."), "utf-8")
    build.build(yaml_file, app.config["DATA_DIR"])
    assert client.get("/_t/a").get_data() == b"<p>a 2</p>"


def test_the_cache_is_bounded():
    cache = LRU(3)
    for i in range(10):
        cache.put(i, i)
    assert len(cache) == 3 and cache.get(0) is None and cache.get(9) == 9


@pytest.fixture
def ready(make_app, tmp_path, yaml_file, monkeypatch):
    """A page marked ready for the WSGI layer, counting how often Flask really renders it."""
    build.build(yaml_file, tmp_path / "data")
    app = make_app(tmp_path / "data")
    calls = []
    clock = {"now": dt.datetime(2026, 11, 23, 9, 0, 5)}
    monkeypatch.setattr("signpost.directory.hours.london_now", lambda: clock["now"])

    def page():
        calls.append(request.method)
        mark_ready(current_snapshot().version)
        return f"<p>ready {len(calls)}</p>"

    app.add_url_rule("/_r", "ready_test", page, methods=["GET", "POST"])
    return app, calls, clock, yaml_file


def test_a_repeat_get_is_answered_from_memory_until_the_london_minute_changes(ready):
    app, calls, clock, _ = ready
    client = app.test_client()
    first, second = client.get("/_r"), client.get("/_r")
    assert len(calls) == 1 and first.get_data() == second.get_data()
    assert second.headers["Cache-Control"] == "no-store" and second.headers["Content-Security-Policy"]
    clock["now"] += dt.timedelta(seconds=50)   # 09:00:55, the same minute
    client.get("/_r")
    assert len(calls) == 1
    clock["now"] += dt.timedelta(seconds=10)   # 09:01:05: "open now" may have changed
    assert client.get("/_r").get_data() == b"<p>ready 2</p>"


def test_a_page_in_memory_is_not_served_once_the_data_changes(ready):
    app, calls, _, yaml_file = ready
    client = app.test_client()
    client.get("/_r")
    yaml_file.write_text(small_directory(summary="Changed."), "utf-8")
    build.build(yaml_file, app.config["DATA_DIR"])
    assert client.get("/_r").get_data() == b"<p>ready 2</p>"


def test_posts_queries_heads_and_gets_with_a_body_always_reach_the_app(ready):
    app, calls, _, _ = ready
    client = app.test_client()
    client.get("/_r")
    client.post("/_r", data={"q": "secret"})
    client.get("/_r?x=1")
    client.get("/_r", data="a body", content_type="text/plain")
    client.head("/_r")
    assert calls == ["GET", "POST", "GET", "GET", "HEAD"]


def ready_layer(app) -> ReadyPages:
    layer = app.wsgi_app
    while not isinstance(layer, ReadyPages):
        layer = layer.wsgi_app
    return layer


def test_what_people_type_or_choose_never_reaches_the_page_caches(app, client):
    marker = "zebra7731"
    for path in ("/en/", "/en/services", "/en/search", "/en/questions", "/pl/services"):
        client.get(path)
    client.post("/en/search", data={"q": f"{marker} stalking"})
    client.post("/en/services", data={"concerns": "stalking", "age": marker})
    client.post("/en/questions", data={"step": "age", "do": "answer", "answer": marker})
    client.post("/en/staff", data={"concerns": "stalking", "age": marker})
    with app.app_context():
        kept = list(ready_layer(app).pages._data.items()) + list(page_cache()._data.items())
    assert len(ready_layer(app).pages) >= 5
    assert marker not in repr(kept) and marker.encode() not in b"".join(
        v[3] for _, v in ready_layer(app).pages._data.items())
