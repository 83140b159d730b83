"""P1, P4, P5, P7, P8, P18: what every response promises, on every route and method."""
from __future__ import annotations

import re

import pytest

from signpost.privacy import CSP
from tests.html import parse

METHODS = ("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "TRACE")


def concrete_urls(app):
    """One concrete URL for every rule in the url_map (locale and path arguments filled in)."""
    urls = set()
    for rule in app.url_map.iter_rules():
        values = {}
        for arg in rule.arguments:
            if arg == "lang":
                values[arg] = "en"
            elif arg == "filename":
                values[arg] = "css/site.css"
            else:
                values[arg] = "00000000"
        try:
            with app.test_request_context():
                from flask import url_for
                urls.add(url_for(rule.endpoint, **values))
        except Exception:
            urls.add(rule.rule.replace("<lang>", "en"))
    return sorted(urls)


def every_response(app, client):
    for url in concrete_urls(app) + ["/en/no-such-page", "/xx/", "/static/../setup.cfg"]:
        for method in METHODS:
            yield url, method, client.open(url, method=method)


def test_no_response_on_any_route_or_method_sets_a_cookie(app, client):
    for url, method, response in every_response(app, client):
        assert "Set-Cookie" not in response.headers, (method, url)
        assert "Cookie" not in response.headers.get("Vary", ""), (method, url)


def test_every_response_carries_the_security_headers_with_their_values(app, client):
    for url, method, response in every_response(app, client):
        headers = response.headers
        assert headers["Content-Security-Policy"] == CSP, (method, url)
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["X-Frame-Options"] == "DENY"
        assert headers["Referrer-Policy"] == "no-referrer"
        assert headers["Cross-Origin-Opener-Policy"] == "same-origin"
        assert "geolocation=()" in headers["Permissions-Policy"]
        assert headers["Strict-Transport-Security"].startswith("max-age=31536000")
        assert headers["Cache-Control"] == "no-store", (method, url)
        assert "X-Powered-By" not in headers


def test_static_files_and_error_pages_are_not_stored_by_any_cache(client):
    for url in ("/static/css/site.css", "/static/js/quick-exit.js", "/en/no-such-page"):
        response = client.get(url)
        assert response.headers["Cache-Control"] == "no-store"
        assert "ETag" not in response.headers and "Last-Modified" not in response.headers


def parse_csp(value: str) -> dict[str, list[str]]:
    directives = {}
    for part in value.split(";"):
        words = part.split()
        if words:
            directives[words[0]] = words[1:]
    return directives


def test_the_content_security_policy_forbids_inline_code_other_origins_framing_and_form_hijack(client):
    csp = parse_csp(client.get("/en/").headers["Content-Security-Policy"])
    assert csp["default-src"] == ["'none'"]
    for directive in ("script-src", "style-src", "img-src"):
        assert csp[directive] == ["'self'"], directive
        assert not any(s in {"'unsafe-inline'", "'unsafe-eval'", "*", "data:", "https:"} for s in csp[directive])
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["base-uri"] == ["'none'"]
    assert csp["form-action"] == ["'self'"]
    assert csp["object-src"] == ["'none'"]
    assert csp["connect-src"] == ["'none'"]


def test_trace_is_refused_everywhere(app, client):
    for url in concrete_urls(app):
        assert client.open(url, method="TRACE").status_code == 405, url


def test_there_is_no_debugger_secret_key_or_session_to_leak(app, client):
    assert app.debug is False
    assert not app.config.get("SECRET_KEY")
    response = client.get("/en/?__debugger__=yes&cmd=resource&f=style.css")
    assert b"Werkzeug" not in response.data and b"debugger" not in response.data.lower()
    assert "Server" not in response.headers or "/" not in response.headers["Server"]


def test_any_use_of_a_session_fails_loudly_instead_of_setting_a_cookie(app):
    from flask import session
    with app.test_request_context("/en/"):
        with pytest.raises(RuntimeError):
            session["anything"] = "x"


def test_every_link_to_another_site_sends_no_referrer(app, client):
    for url in concrete_urls(app):
        response = client.get(url)
        if response.mimetype != "text/html":
            continue
        for link in parse(response.get_data(as_text=True)).find_all("a"):
            href = link.attrs.get("href", "")
            if re.match(r"https?://", href):
                rel = link.attrs.get("rel", "").split()
                assert "noreferrer" in rel and "noopener" in rel, (url, href)


def test_every_page_asks_the_browser_for_no_referrer_too(client):
    doc = parse(client.get("/en/").get_data(as_text=True))
    assert doc.find("meta", name="referrer").attrs["content"] == "no-referrer"
