"""The shipped gunicorn worker (signpost/gunicorn_worker.py) under the real gunicorn.

A visitor waits in one queue for the first worker with a thread free, never behind a busy
worker's request; and a connection that sends nothing holds no thread.
"""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from tests.servers import free_port, stop, wait_until_listening

pytestmark = pytest.mark.gunicorn

ROOT = Path(__file__).resolve().parent.parent


def start(work: Path, workers: int, threads: int):
    port = free_port()
    env = dict(os.environ, SIGNPOST_BIND=f"127.0.0.1:{port}", SIGNPOST_WORKERS=str(workers),
               SIGNPOST_THREADS=str(threads), SIGNPOST_DATA_DIR=str(work / "data"),
               SIGNPOST_TEST_SIGNALS=str(work), PYTHONDONTWRITEBYTECODE="1")
    proc = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", str(ROOT / "gunicorn.conf.py"), "tests.gunicorn_worker_app:app"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert wait_until_listening(proc, port, 120), "gunicorn did not start"
    # Every worker is ready once each has answered (they warm up before taking visitors).
    deadline = time.monotonic() + 60
    seen = set()
    while len(seen) < workers and time.monotonic() < deadline:
        seen.add(get(port, "/test/worker"))
    return proc, port


def get(port: int, path: str, timeout: float = 20) -> str:
    """GET on a new connection; the body (a worker's pid for the test routes)."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
        sock.sendall(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode())
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 200"), head[:200]
    assert b"connection: close" in head.lower(), "keep-alive is off: every answer closes"
    return body.decode("latin-1")


@pytest.fixture(scope="module")
def two_workers_one_thread_each(tmp_path_factory):
    work = tmp_path_factory.mktemp("fair")
    proc, port = start(work, workers=2, threads=1)
    yield work, port
    stop(proc)


@pytest.fixture(scope="module")
def one_worker_one_thread(tmp_path_factory):
    work = tmp_path_factory.mktemp("silent")
    proc, port = start(work, workers=1, threads=1)
    yield port
    stop(proc)


def test_a_visitor_is_answered_by_a_free_worker_not_queued_behind_a_busy_one(two_workers_one_thread_each):
    work, port = two_workers_one_thread_each
    held = {}
    holder = threading.Thread(target=lambda: held.setdefault("pid", get(port, "/test/held", timeout=60)))
    holder.start()
    try:
        deadline = time.monotonic() + 20
        while not list(work.glob("holding-*")) and time.monotonic() < deadline:
            time.sleep(0.05)
        busy = [p.name.split("-", 1)[1] for p in work.glob("holding-*")]
        assert busy, "the held request reached a worker"
        # The busy worker's only thread is taken: every visitor now must go to the other one.
        # (The stock threaded worker would accept some and queue them behind the held request,
        # where they would wait until the socket timed out.)
        answered_by = {get(port, "/test/worker", timeout=10) for _ in range(8)}
        assert busy[0] not in answered_by
        assert len(answered_by) == 1
    finally:
        (work / "release").touch()
        holder.join(60)
    assert held.get("pid") == busy[0], "the held request was answered once released"


def test_a_silent_connection_holds_no_thread_and_is_closed(one_worker_one_thread):
    port = one_worker_one_thread
    with socket.create_connection(("127.0.0.1", port), timeout=30) as silent:
        # The only thread is free for others while this connection says nothing. (The stock
        # worker gives it the thread and waits 5 s for its request before serving anyone else.)
        pid = get(port, "/test/worker", timeout=30)
        assert pid.isdigit()
        silent.setblocking(False)
        with pytest.raises(BlockingIOError):
            silent.recv(1)  # still open when the other visitor was answered
        # ...and it is closed once it has been silent for the allowed wait.
        silent.setblocking(True)
        silent.settimeout(30)
        assert silent.recv(1) == b""


def test_a_client_that_keeps_its_end_open_does_not_hold_up_the_next_visitor(one_worker_one_thread):
    port = one_worker_one_thread
    with socket.create_connection(("127.0.0.1", port), timeout=30) as lingering:
        lingering.sendall(b"GET /test/worker HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        data = b""
        while chunk := lingering.recv(65536):  # to the server's end of the connection
            data += chunk
        assert data.startswith(b"HTTP/1.1 200")
        # This client has its answer and keeps its end open. The next visitor is answered...
        assert get(port, "/test/worker").isdigit()
        # ...while the server still waits for this client to close: writing provokes no reset.
        # (The stock worker waits for it in the loop that serves everyone, so it answers the next
        # visitor only after giving up on this one, 2 s later, and then a write is reset.)
        lingering.sendall(b"x")
        time.sleep(0.2)
        lingering.sendall(b"x")
        # The wait ends: the server closes its side, and a write is then reset.
        deadline = time.monotonic() + 15
        with pytest.raises(OSError):
            while time.monotonic() < deadline:
                lingering.sendall(b"x")
                time.sleep(0.2)


def test_a_client_that_keeps_sending_after_its_answer_is_cut_off(one_worker_one_thread):
    port = one_worker_one_thread
    with socket.create_connection(("127.0.0.1", port), timeout=30) as sender:
        sender.sendall(b"GET /test/worker HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        while sender.recv(65536):
            pass
        # The worker reads at most 64 KB from a closing connection, then closes it: sending on
        # fails long before 50 MB (reading on, it would take all of them in its 2 s wait).
        with pytest.raises(OSError):
            for _ in range(800):
                sender.sendall(b"x" * 65536)
    assert get(port, "/test/worker").isdigit(), "the worker still answers"
