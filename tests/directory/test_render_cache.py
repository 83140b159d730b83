"""Rendering a page once per (locale, data version, page) (DESIGN 9)."""
from __future__ import annotations

import pytest
from flask import request

from signpost.directory import build
from signpost.render_cache import LRU, cached_page
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
