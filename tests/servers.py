"""Starting real servers on loopback for tests: a free port, and waiting until one listens."""
from __future__ import annotations

import signal
import socket
import subprocess
import time


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_listening(proc, port: int, seconds: float) -> bool:
    """True once 127.0.0.1:port accepts a connection; False if the process exits or time runs out."""
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return True
        except OSError:
            if proc.poll() is not None:
                return False
            time.sleep(0.2)
    return False


def stop(proc, seconds: float = 30) -> tuple[bytes, bytes]:
    """SIGTERM, then wait (SIGKILL after `seconds`); what the process printed, if it was piped."""
    proc.send_signal(signal.SIGTERM)
    try:
        return proc.communicate(timeout=seconds)
    except subprocess.TimeoutExpired:
        proc.kill()
        return proc.communicate()
