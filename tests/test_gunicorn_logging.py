"""P2, P5, P7, P18 against the real gunicorn with the shipped gunicorn.conf.py.

A distinctive marker goes into every slot of a request (path, query, headers, cookies, form and
JSON bodies), from a distinctive loopback address, plus malformed raw requests and a forced 500.
Every line gunicorn and the app print must be on an allowlist, and no file written during the run
may hold a marker or the client address.
"""
from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.servers import free_port, stop, wait_until_listening

pytestmark = pytest.mark.gunicorn

ROOT = Path(__file__).resolve().parent.parent
CLIENT_IP = "127.0.0.99"
MARKER = "Mk7Zq"

ALLOWED_LINES = [
    r"\[[^\]]+\] \[\d+\] \[INFO\] Starting gunicorn [\d.]+",
    r"\[[^\]]+\] \[\d+\] \[INFO\] Listening at: http://127\.0\.0\.1:\d+ \(\d+\)",
    r"\[[^\]]+\] \[\d+\] \[INFO\] Using worker: [\w.]+",
    r"\[[^\]]+\] \[\d+\] \[INFO\] Booting worker with pid: \d+",
    r"\[[^\]]+\] \[\d+\] \[INFO\] Handling signal: \w+",
    r"\[[^\]]+\] \[\d+\] \[INFO\] Shutting down: \w+",
    r"\[[^\]]+\] \[\d+\] \[INFO\] Worker exiting \(pid: \d+\)",
    r"\[[^\]]+\] \[\d+\] \[INFO\] Control socket listening at .*",
    r"\[[^\]]+\] \[\d+\] \[INFO\] signpost: [\w .()';,:-]+",
    r"\[[^\]]+\] \[\d+\] \[(WARNING|ERROR|INFO|DEBUG)\] A request could not be handled; its details are not logged \(privacy\)\.",
    r"signpost ERROR Unhandled \w+ at [\w.]+:\d+",
]


def send_raw(port: int, payload: bytes) -> bytes:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((CLIENT_IP, 0))
        s.settimeout(5)
        s.connect(("127.0.0.1", port))
        s.sendall(payload)
        chunks = []
        try:
            while True:
                data = s.recv(65536)
                if not data:
                    break
                chunks.append(data)
        except (socket.timeout, ConnectionResetError):
            pass
        return b"".join(chunks)


def request(port, method, path, headers=(), body=b""):
    head = [f"{method} {path} HTTP/1.1", "Host: 127.0.0.1", "Connection: close"]
    head += [f"{k}: {v}" for k, v in headers]
    if body:
        head.append(f"Content-Length: {len(body)}")
    return send_raw(port, ("\r\n".join(head) + "\r\n\r\n").encode() + body)


@pytest.fixture(scope="module")
def gunicorn_run(tmp_path_factory):
    work = tmp_path_factory.mktemp("gunicorn")
    port = free_port()
    env = dict(os.environ, SIGNPOST_BIND=f"127.0.0.1:{port}", SIGNPOST_WORKERS="2",
               SIGNPOST_DATA_DIR=str(work / "data"), PYTHONDONTWRITEBYTECODE="1")
    started = time.time()
    proc = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", str(ROOT / "gunicorn.conf.py"), "tests.gunicorn_app:app"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        wait_until_listening(proc, port, 60)
        responses = exercise(port)
    finally:
        out, err = stop(proc)
    return {"out": out.decode("utf-8", "replace"), "err": err.decode("utf-8", "replace"),
            "responses": responses, "work": work, "started": started}


def exercise(port):
    m = MARKER
    responses = {}
    responses["path"] = request(port, "GET", f"/en/{m}path")
    responses["query"] = request(port, "GET", f"/en/?q={m}query&{m}key=1")
    responses["headers"] = request(port, "GET", "/en/safety", headers=[
        ("User-Agent", f"{m}agent"), ("Referer", f"https://example.invalid/{m}referer"),
        ("X-Forwarded-For", f"{m}xff"), ("Cookie", f"session={m}cookie"),
        ("Authorization", f"Bearer {m}auth"), ("X-Custom", f"{m}header"),
        ("Accept-Language", f"{m}lang")])
    responses["form"] = request(port, "POST", "/en/search", headers=[
        ("Content-Type", "application/x-www-form-urlencoded")], body=f"q={m}form".encode())
    responses["pathway"] = request(port, "POST", "/en/questions", headers=[
        ("Content-Type", "application/x-www-form-urlencoded")], body=f"step={m}step&answers={m}answers".encode())
    responses["json"] = request(port, "POST", "/api/v1/routes", headers=[
        ("Content-Type", "application/json")], body=('{"%sfield": "%sjson"}' % (m, m)).encode())
    responses["search_json"] = request(port, "POST", "/api/v1/search", headers=[
        ("Content-Type", "application/json")], body=('{"q": "%ssearch"}' % m).encode())
    responses["forced_500"] = request(port, "GET", f"/en/force-error/{m}boom")
    responses["too_large"] = request(port, "POST", "/en/search", headers=[
        ("Content-Type", "application/x-www-form-urlencoded")], body=b"q=" + m.encode() * 40000)
    responses["bad_request_line"] = send_raw(port, f"{m}GARBAGE\r\n\r\n".encode())
    responses["bad_method"] = send_raw(port, f"G{m}T /x HTTP/1.1\r\nHost: x\r\n\r\n".encode())
    responses["bad_version"] = send_raw(port, f"GET /{m} HTTP/9.{m}\r\n\r\n".encode())
    responses["bad_header"] = send_raw(port, f"GET / HTTP/1.1\r\nHost: x\r\nBad{m} Header: x\r\n\r\n".encode())
    responses["long_line"] = send_raw(port, f"GET /{m}{'a' * 9000} HTTP/1.1\r\nHost: x\r\n\r\n".encode())
    responses["long_header"] = send_raw(port, f"GET / HTTP/1.1\r\nHost: x\r\nX-{m}: {'b' * 9000}\r\n\r\n".encode())
    responses["bad_chunk"] = send_raw(port, f"POST /en/search HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nZZ{m}\r\n".encode())
    responses["trace"] = request(port, "TRACE", f"/en/{m}trace")
    return responses


def test_the_site_answered_while_the_markers_were_sent(gunicorn_run):
    status_line = gunicorn_run["responses"]["headers"].split(b"\r\n", 1)[0]
    assert status_line.startswith(b"HTTP/1.1 200"), gunicorn_run["err"][-2000:]
    assert gunicorn_run["responses"]["forced_500"].startswith(b"HTTP/1.1 500")
    assert gunicorn_run["responses"]["trace"].startswith(b"HTTP/1.1 405")
    assert gunicorn_run["responses"]["too_large"].startswith(b"HTTP/1.1 413")


def test_no_log_line_holds_a_marker_or_the_client_address(gunicorn_run):
    logs = gunicorn_run["out"] + gunicorn_run["err"]
    assert MARKER.lower() not in logs.lower()
    assert CLIENT_IP not in logs


def test_every_log_line_is_on_the_allowlist(gunicorn_run):
    lines = [line for line in (gunicorn_run["out"] + gunicorn_run["err"]).splitlines() if line.strip()]
    assert lines, "gunicorn printed its start-up lines"
    for line in lines:
        assert any(re.fullmatch(p, line) for p in ALLOWED_LINES), line


def test_the_forced_error_was_logged_without_its_message(gunicorn_run):
    assert re.search(r"signpost ERROR Unhandled RuntimeError at gunicorn_app\.py:\d+", gunicorn_run["err"])


def test_no_file_written_during_the_run_holds_a_marker(gunicorn_run):
    roots = [gunicorn_run["work"], ROOT]
    for root in roots:
        for path in Path(root).rglob("*"):
            if not path.is_file() or any(part in {".git", ".venv", "node_modules"} for part in path.parts):
                continue
            if path.stat().st_mtime < gunicorn_run["started"]:
                continue
            data = path.read_bytes()
            assert MARKER.encode() not in data, path
            assert CLIENT_IP.encode() not in data, path


def test_responses_from_gunicorn_carry_the_privacy_headers_and_no_product_version(gunicorn_run):
    head = gunicorn_run["responses"]["headers"].split(b"\r\n\r\n", 1)[0].decode("latin-1")
    assert "Cache-Control: no-store" in head
    assert "Referrer-Policy: no-referrer" in head
    assert "Set-Cookie" not in head
    server = re.search(r"^Server: (.*)$", head, flags=re.M)
    assert server is None or not re.search(r"\d", server.group(1))
    assert "gunicorn" not in head.lower()
