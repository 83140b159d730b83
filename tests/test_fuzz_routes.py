"""P13, P14: Hypothesis over every route and form — a page, a clear 4xx or a 413, never a 5xx.

Strategies live in bench/fuzz.py (which runs 10,000 examples); here about 150 in all.
Every 4xx HTML answer must still carry the quick exit and the helpline.
"""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bench import fuzz

HELPLINE = "0808 2000 247"
def CI(n):
    return settings(max_examples=n, deadline=None, database=None, suppress_health_check=list(HealthCheck))


@pytest.fixture(scope="module")
def fields(app):
    return fuzz.scrape_fields(app.test_client())


def check(response, req):
    method, path, body, _ = req
    where = f"{method} {path[:100]!r} body={(body or b'')[:100]!r}"
    assert fuzz.redirect_problem(response) is None, where
    assert response.status_code in fuzz.ALLOWED | fuzz.REDIRECTS, f"{response.status_code} for {where}"
    html = response.mimetype == "text/html"
    if 400 <= response.status_code < 500 and html and method != "HEAD":
        text = response.get_data(as_text=True)
        assert "data-quick-exit" in text and HELPLINE in text and "999" in text, where
    assert "Set-Cookie" not in response.headers, where


def test_random_paths_and_methods_get_a_page_or_a_clear_4xx(app):
    client = app.test_client()

    @CI(40)
    @given(st.tuples(st.sampled_from(fuzz.METHODS), fuzz.paths(), st.none(), st.none()))
    def run(req):
        check(fuzz.send(client, req), req)

    run()


def test_random_form_submissions_in_any_encoding_get_a_page_or_a_clear_400(app, fields):
    client = app.test_client()
    pages = st.builds(lambda lg, p: f"/{lg}/{p}", st.sampled_from(fuzz.LANGS), st.sampled_from(fuzz.FORMS))

    @CI(50)
    @given(pages, fuzz.form_pairs(fields), st.sampled_from(["utf-8", "latin-1", "utf-16", "raw", "multipart"]))
    def run(path, pairs, how):
        body, ctype = fuzz.encode_form(pairs, how)
        req = ("POST", path, body, ctype)
        check(fuzz.send(client, req), req)

    run()


def test_random_json_to_the_apis_gets_an_answer_or_a_400_with_reasons(app):
    client = app.test_client()

    @CI(30)
    @given(st.sampled_from(fuzz.APIS), fuzz.json_bodies())
    def run(path, body):
        req = ("POST", path, body, "application/json")
        response = fuzz.send(client, req)
        check(response, req)
        if response.status_code == 400:
            assert response.get_json()["errors"], body[:100]

    run()


def test_anything_at_all_never_gets_a_server_error(app, fields):
    client = app.test_client()

    @CI(30)
    @given(fuzz.requests(fields))
    def run(req):
        check(fuzz.send(client, req), req)

    run()


@pytest.mark.parametrize("path", [
    "/xx/", "/EN/", "/en-GB/", "/../en/", "/en/../../etc/passwd", "/static/../signpost/config.py",
    "/static/%2e%2e/signpost/config.py", "/static/..%2fsignpost%2fconfig.py", "/%00/", "/en/s/..%2f..%2f",
    "/static/css/%00site.css", "/static//etc/passwd", "/ar%00/", "/\u202een/",
])
def test_traversal_and_unknown_languages_give_404(client, path):
    response = client.get(path)
    assert response.status_code == 404, path


def test_a_body_over_the_limit_gets_413_with_help(client):
    response = client.post("/en/search", data={"q": "x" * 100_000})
    assert response.status_code == 413
    assert HELPLINE in response.get_data(as_text=True)


# Found by bench/fuzz.py: Werkzeug gives a multipart part whose name it cannot read (a bare
# CR inside the quotes) the key None; the pathway choked on it with a 500.
UNREADABLE_NAME = (b'--b0undary\r\nContent-Disposition: form-data; name="\r\xf4\x83\x8c\x8bk$"\r\n\r\n'
                   b'29379\r\n--b0undary--\r\n')


@pytest.mark.parametrize("form", fuzz.FORMS)
def test_a_form_part_with_an_unreadable_name_gets_a_clear_400_or_a_page(app, form):
    req = ("POST", f"/ro/{form}", UNREADABLE_NAME, "multipart/form-data; boundary=b0undary")
    check(fuzz.send(app.test_client(), req), req)
