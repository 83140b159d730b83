"""P13/P14: Hypothesis over every route and form — never a 5xx.

    python bench/fuzz.py [--examples 10000]

Random paths (unknown languages, traversal, odd encodings), random methods, random form fields
and values (the real field names and values scraped from the pages, mixed with junk) in random
encodings and content types, oversized bodies, and random JSON to the APIs. Every answer must be
one of 200, 400, 404, 405, 413. Prints the count of each status and of 5xx; the test
tests/test_fuzz_routes.py runs the same strategies with a CI-sized example count.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from urllib.parse import quote, urlencode

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

ALLOWED = {200, 400, 404, 405, 413}
REDIRECTS = {301, 302, 308}     # "/" -> a language, "/en" -> "/en/": allowed only to a path on this site


def redirect_problem(response) -> str | None:
    """None if the response is not a redirect or redirects to a plain path of this site."""
    if response.status_code not in REDIRECTS:
        return None
    location = response.headers.get("Location", "")
    from urllib.parse import urlsplit
    parts = urlsplit(location)
    if parts.scheme or parts.netloc or not location.startswith("/") or location.startswith(("//", "/\\")):
        return f"redirect off the site: {location!r}"
    return None
LANGS = ["en", "pl", "ar", "ro", "lt", "bg", "pt", "pa", "bn", "ur"]
GET_PATHS = ["", "safety", "privacy", "accessibility", "emergency", "translations", "services",
             "staff/services", "search", "questions", "questions/map", "staff"]
FORMS = ["services", "search", "questions", "staff", "staff/summary"]
APIS = ["/api/v1/routes", "/api/v1/search"]
METHODS = ["GET", "POST", "PUT", "DELETE", "PATCH", "TRACE", "OPTIONS", "HEAD"]
NASTY_SEGMENTS = ["..", "%2e%2e", "%2E%2E%2F", "..%2f", "%c0%af", "%00", "%ff", ".", "//", "\\", "%5c",
                  "..;", "%252e%252e", "etc/passwd", "~", "%u002e", "static", "s", "api", "v1", "CON",
                  "a" * 300, "%F0%9F%92%A9", "\u202e", "en-GB", "EN", "xx", "zz-Latn"]
NASTY_VALUES = ["", "\x00", "%00", "\r\n", "<script>alert(1)</script>", "' OR 1=1 --", "*?*?*?*", "[a TO z]",
                "field:x", '"unbalanced', "\ud7ff", "\u202e", "9" * 400, "-1", "1e309", "NaN", "0x10",
                "١٢", "٣", "true", "null", "{}", "[]", "a" * 10_000]


# --------------------------------------------------------------------------- what the forms use

def scrape_fields(client) -> dict[str, list[str]]:
    """Field name -> values seen on the real pages (so fuzzing mixes valid and invalid)."""
    fields: dict[str, set[str]] = {}
    pages = [client.get(f"/en/{p}") for p in ("services", "search", "questions", "staff")]
    pages.append(client.post("/en/questions", data={"step": "danger", "seen": "", "skipped": "",
                                                    "do": "answer", "answer": "no"}))
    pages.append(client.post("/en/staff", data={"concerns": "domestic-abuse", "age": "30"}))
    for response in pages:
        html = response.get_data(as_text=True)
        for tag in re.findall(r"<(?:input|button|select|textarea)\b[^>]*>", html):
            name = re.search(r'\bname="([^"]+)"', tag)
            if not name:
                continue
            value = re.search(r'\bvalue="([^"]*)"', tag)
            fields.setdefault(name.group(1), set()).add(value.group(1) if value else "")
    return {name: sorted(values) for name, values in sorted(fields.items())}


# --------------------------------------------------------------------------- strategies

def text_values():
    return st.one_of(st.sampled_from(NASTY_VALUES), st.text(max_size=40),
                     st.integers(-10**6, 10**6).map(str), st.text(alphabet="0123456789,-: ", max_size=12))


def paths():
    segment = st.one_of(st.sampled_from(NASTY_SEGMENTS), st.sampled_from(GET_PATHS + FORMS),
                        st.text(max_size=12).map(lambda s: quote(s, safe="")))
    lang = st.one_of(st.sampled_from(LANGS), st.sampled_from(NASTY_SEGMENTS),
                     st.text(max_size=8).map(lambda s: quote(s, safe="")))
    code = st.one_of(st.text(alphabet="0123456789abcdef", min_size=1, max_size=12), st.sampled_from(NASTY_SEGMENTS))
    return st.one_of(
        st.builds(lambda lg, rest: "/" + lg + "/" + "/".join(rest), lang, st.lists(segment, max_size=4)),
        st.builds(lambda lg, c: f"/{lg}/s/{c}", lang, code),
        st.builds(lambda rest: "/static/" + "/".join(rest), st.lists(segment, min_size=1, max_size=4)),
        st.builds(lambda rest: "/api/v1/" + "/".join(rest), st.lists(segment, max_size=3)),
        st.builds(lambda q: "/en/?" + q, st.text(max_size=30).map(lambda s: quote(s, safe="=&"))),
    )


def form_pairs(fields: dict[str, list[str]]):
    names = sorted(fields)
    known = st.sampled_from(names).flatmap(
        lambda n: st.tuples(st.just(n), st.one_of(st.sampled_from(fields[n] or [""]), text_values())))
    junk = st.tuples(st.one_of(st.text(max_size=10), st.sampled_from(["f_" + n for n in names] + ["do", "step"])),
                     text_values())
    return st.lists(st.one_of(known, known, junk), max_size=14)


def encode_form(pairs, how: str) -> tuple[bytes, str]:
    if how == "utf-8":
        return urlencode(pairs).encode(), "application/x-www-form-urlencoded"
    if how == "latin-1":
        return urlencode([(k, v.encode("latin-1", "replace")) for k, v in pairs]).encode(), \
            "application/x-www-form-urlencoded; charset=latin-1"
    if how == "utf-16":
        return urlencode(pairs).encode("utf-16"), "application/x-www-form-urlencoded; charset=utf-16"
    if how == "raw":
        return "&".join(f"{k}={v}" for k, v in pairs).encode("utf-8", "surrogatepass"), \
            "application/x-www-form-urlencoded"
    if how == "multipart":
        boundary = "fuzzb0undary"
        parts = [f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n' for k, v in pairs]
        body = ("".join(parts) + f"--{boundary}--\r\n").encode("utf-8", "surrogatepass")
        return body, f"multipart/form-data; boundary={boundary}"
    raise ValueError(how)


def json_values():
    scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False),
                        st.text(max_size=20), st.sampled_from(NASTY_VALUES[:20]))
    return st.recursive(scalars, lambda children: st.one_of(
        st.lists(children, max_size=5), st.dictionaries(st.text(max_size=12), children, max_size=5)),
        max_leaves=20)


FACT_KEYS = ["danger_now", "role", "concerns", "age", "gender", "lgbtq", "relationship", "hours_since",
             "risk", "children", "lives_with", "leaving", "travel", "fgm", "care_needs", "police", "can_speak",
             "deaf", "in_thurrock", "q", "locale"]


def json_bodies():
    facts_like = st.dictionaries(st.sampled_from(FACT_KEYS), json_values(), max_size=8)
    as_bytes = st.one_of(
        st.one_of(facts_like, json_values()).map(lambda v: json.dumps(v).encode()),
        st.binary(max_size=64),
        st.just(b"[" * 5000 + b"]" * 5000),
        st.just(b'{"q": "' + b"a" * 70_000 + b'"}'),
        st.just(b'{"q": "x", "q": "y"}'),
        st.integers(1, 400).map(lambda n: ("{\"a\":" * n + "1" + "}" * n).encode()),
    )
    return as_bytes


def requests(fields):
    """(method, path, body bytes or None, content type or None)."""
    get_any = st.tuples(st.sampled_from(METHODS), paths(), st.none(), st.none())
    pages = st.builds(lambda lg, p: f"/{lg}/{p}", st.sampled_from(LANGS), st.sampled_from(FORMS + GET_PATHS))
    form = st.builds(
        lambda path, pairs, how: ("POST", path, *encode_form(pairs, how)),
        pages, form_pairs(fields), st.sampled_from(["utf-8", "utf-8", "latin-1", "utf-16", "raw", "multipart"]))
    garbage = st.builds(lambda path, body, ctype: ("POST", path, body, ctype),
                        pages, st.one_of(st.binary(max_size=200), st.just(b"a=" + b"x" * 70_000)),
                        st.sampled_from(["application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
                                         "multipart/form-data", "application/json", "text/plain", "",
                                         "application/x-www-form-urlencoded; charset=klingon"]))
    api = st.builds(lambda path, body, ctype: ("POST", path, body, ctype), st.sampled_from(APIS), json_bodies(),
                    st.sampled_from(["application/json", "text/plain", "application/x-www-form-urlencoded"]))
    api_get = st.builds(lambda q: ("GET", "/api/v1/services?" + q, None, None),
                        st.dictionaries(st.sampled_from(["page", "per_page", "x"]), text_values(), max_size=3)
                        .map(lambda d: urlencode(d)))
    return st.one_of(get_any, form, form, garbage, api, api_get)


def send(client, req):
    method, path, body, ctype = req
    kwargs = {}
    if path.startswith("//"):
        # The test client would read "//x" as a host name; a real client sends it as the path.
        from urllib.parse import unquote
        raw_path, _, query = path.partition("?")
        kwargs["environ_overrides"] = {"PATH_INFO": unquote(raw_path, encoding="latin-1"),
                                       "QUERY_STRING": query, "REQUEST_URI": path, "RAW_URI": path}
        path = "/"
    if body is not None:
        kwargs["data"] = body
        if ctype:
            kwargs["content_type"] = ctype
    return client.open(path, method=method, **kwargs)


# --------------------------------------------------------------------------- the bench

def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--examples", type=int, default=10_000)
    args = parser.parse_args(argv)
    from signpost import create_app
    from signpost.directory import build

    with tempfile.TemporaryDirectory(prefix="signpost-fuzz-") as tmp:
        build.build(directory_path=str(ROOT / "directory.yaml"), data_dir=tmp)
        app = create_app({"DATA_DIR": tmp})
        client = app.test_client()
        fields = scrape_fields(client)
        statuses: Counter = Counter()
        server_errors: list = []

        @settings(max_examples=args.examples, deadline=None, database=None,
                  suppress_health_check=list(HealthCheck))
        @given(requests(fields))
        def run(req):
            response = send(client, req)
            status = response.status_code
            if redirect_problem(response):
                status = "open redirect"
            statuses[status] += 1
            if status >= 500 and len(server_errors) < 20:
                server_errors.append((status, req[0], req[1][:120], (req[2] or b"")[:120]))

        started = time.monotonic()
        run()
        elapsed = time.monotonic() - started
    total = sum(statuses.values())
    fives = sum(n for s, n in statuses.items() if isinstance(s, int) and s >= 500)
    unexpected = sum(n for s, n in statuses.items() if s not in ALLOWED | REDIRECTS)
    print(f"{total} requests in {elapsed:.0f} s; statuses: "
          + ", ".join(f"{s}: {n}" for s, n in sorted(statuses.items(), key=str)))
    print(f"outside {sorted(ALLOWED)} and same-site redirects: {unexpected}")
    for line in server_errors:
        print("  5xx:", line)
    print(f"5xx: {fives}")
    return 1 if fives else 0


if __name__ == "__main__":
    sys.exit(main())
