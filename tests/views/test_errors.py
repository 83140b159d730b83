"""P13, P14, P21: every error page still offers the quick exit, 999 and the helpline."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from signpost import create_app
from tests.html import check_page


def assert_help_is_there(response, status, lang="en"):
    doc = check_page(response, status=status, lang=lang)
    assert "0808 2000 247" in doc.text
    assert "Traceback" not in doc.text
    return doc


def test_an_unknown_page_is_a_404_with_help(client):
    assert_help_is_there(client.get("/en/no-such-page"), 404)


def test_an_unknown_language_is_a_404_with_help(client):
    for tag in ("xx", "EN", "en-GB", "zz-Latn", "..", "%2e%2e", "en%00"):
        assert_help_is_there(client.get(f"/{tag}/"), 404)


def test_path_traversal_in_static_and_language_segments_gives_404(client):
    for url in ("/static/../setup.cfg", "/static/%2e%2e/setup.cfg", "/static/..%2fsetup.cfg",
                "/..%2f..%2fetc/passwd", "/en/../../etc/passwd", "/static/css/../../setup.cfg"):
        response = client.get(url)
        assert response.status_code == 404, url
        assert b"[metadata]" not in response.data


def test_a_wrong_method_is_a_405_with_help(client):
    assert_help_is_there(client.post("/en/safety"), 405)


def test_a_request_body_over_the_limit_is_a_413_with_help(client):
    response = client.post("/en/search", data={"q": "x" * 200_000})
    assert_help_is_there(response, 413)


def test_a_500_still_shows_help_and_no_traceback():
    app = create_app({"TESTING": True, "DATA_DIR": "/nonexistent"})

    @app.get("/<lang>/boom")
    def boom():
        raise ValueError("private detail")

    response = app.test_client().get("/en/boom")
    doc = assert_help_is_there(response, 500)
    assert "private detail" not in doc.text


def test_a_bad_request_is_a_400_with_help():
    app = create_app({"TESTING": True, "DATA_DIR": "/nonexistent"})

    @app.get("/<lang>/bad")
    def bad():
        from flask import abort
        abort(400)

    assert_help_is_there(app.test_client().get("/en/bad"), 400)


def test_when_the_data_layer_is_gone_every_page_still_answers_with_help(tmp_path):
    app = create_app({"TESTING": True, "DATA_DIR": str(tmp_path / "gone"),
                      "DIRECTORY_PATH": str(tmp_path / "missing.yaml")})
    client = app.test_client()
    for url in ("/en/", "/en/safety", "/en/services", "/en/search", "/en/questions", "/en/staff"):
        response = client.get(url)
        assert response.status_code in (200, 503), url
        doc = check_page(response, status=response.status_code)
        assert "0808 2000 247" in doc.text


def test_the_error_page_falls_back_to_plain_help_if_the_template_itself_fails(tmp_path):
    app = create_app({"TESTING": True, "DATA_DIR": str(tmp_path)})
    app.jinja_env.globals["_"] = lambda *a, **k: (_ for _ in ()).throw(RuntimeError("broken"))
    response = app.test_client().get("/en/no-such-page")
    assert response.status_code == 404
    body = response.get_data(as_text=True)
    assert "data-quick-exit" in body and "999" in body and "0808 2000 247" in body


MALFORMED = [
    ("POST", "/en/search", {"data": b"\xff\xfe\x00garbage", "content_type": "application/x-www-form-urlencoded"}),
    ("POST", "/en/search", {"data": "q=%ZZ%00", "content_type": "application/x-www-form-urlencoded"}),
    ("POST", "/en/questions", {"data": b"--x\r\nbroken multipart", "content_type": "multipart/form-data; boundary=x"}),
    ("POST", "/en/services", {"data": "a=" + "%00" * 1000, "content_type": "application/x-www-form-urlencoded"}),
    ("POST", "/api/v1/routes", {"data": b"{not json", "content_type": "application/json"}),
    ("POST", "/api/v1/search", {"data": b"\x00\x01", "content_type": "application/json"}),
    ("GET", "/en/" + "a" * 5000, {}),
]


@pytest.mark.parametrize("method,url,kwargs", MALFORMED)
def test_malformed_requests_get_a_clear_4xx_never_a_500(client, method, url, kwargs):
    response = client.open(url, method=method, **kwargs)
    assert response.status_code in (200, 400, 404, 405, 413), (url, response.status_code)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(segment=st.text(min_size=1, max_size=40))
def test_any_text_in_the_language_segment_is_a_404_unless_it_is_a_language(client, segment):
    from urllib.parse import quote
    from signpost.i18n import BY_TAG
    response = client.get("/" + quote(segment, safe="") + "/safety")
    if segment in BY_TAG:
        assert response.status_code == 200
    else:
        assert response.status_code in (404, 405)
