"""P20, P21: a killed rebuild leaves exactly the old or the new version; no data still gives help.

The kill loop and the checks live in bench/rebuild.py (which runs 20 kills); here a few kills at
random moments (each round builds the version that is not served and SIGKILLs the
`flask directory build` process 0..1.1 x one build's duration after start). Each build of the real
directory takes several seconds, so this module is slow (about a minute on a busy machine).
"""
from __future__ import annotations

import http.client
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

from tests.servers import free_port, stop, wait_until_listening

from bench import rebuild

ROOT = Path(__file__).resolve().parent.parent
KILLS = 4


@pytest.fixture(scope="module")
def kill_run(tmp_path_factory):
    work = tmp_path_factory.mktemp("rebuild")
    seed = random.randrange(1 << 30)
    lines = []
    result = rebuild.kill_rounds(work, KILLS, random.Random(seed), log=lines.append)
    result["log"] = [f"seed {seed}"] + lines
    result["work"] = work
    return result


def test_a_build_killed_at_any_moment_leaves_exactly_the_old_or_the_new_version_serving(kill_run):
    log = "\n".join(kill_run["log"])
    assert kill_run["mixed"] == 0, log
    for _after, _state, label, problems in kill_run["outcomes"]:
        assert label in {"A", "B"} and not problems, log


def test_a_build_that_is_not_killed_switches_to_the_new_version_completely(kill_run):
    final = kill_run["final"]
    assert kill_run["final_rc"] == 0
    assert final.ok and final.label == kill_run["final_target"], final.problems


def test_with_the_data_gone_and_the_yaml_broken_every_route_still_gives_help_and_no_traceback(kill_run):
    problems, output = rebuild.fail_safe_in_process(kill_run["work"])
    assert not problems, "\n".join(problems)
    assert "Traceback" not in output


# --------------------------------------------------------------------------- under gunicorn

def _get(port, method, url):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=20)
    try:
        body = b"" if method == "POST" else None
        headers = {"Content-Type": "application/x-www-form-urlencoded"} if method == "POST" else {}
        conn.request(method, url, body=body, headers=headers)
        response = conn.getresponse()
        return response.status, response.read().decode("utf-8", "replace")
    finally:
        conn.close()


@pytest.mark.gunicorn
def test_gunicorn_started_with_no_data_and_a_broken_yaml_serves_help_on_every_route(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    yaml_path = tmp_path / "broken.yaml"
    rebuild.break_data(data, yaml_path)
    port = free_port()
    env = dict(os.environ, SIGNPOST_BIND=f"127.0.0.1:{port}", SIGNPOST_WORKERS="1",
               SIGNPOST_DATA_DIR=str(data), SIGNPOST_DIRECTORY_PATH=str(yaml_path),
               PYTHONDONTWRITEBYTECODE="1")
    proc = subprocess.Popen([sys.executable, "-m", "gunicorn", "-c", str(ROOT / "gunicorn.conf.py"), "wsgi:app"],
                            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    problems = []
    try:
        assert wait_until_listening(proc, port, 90), "gunicorn did not start with broken data"
        from signpost import create_app
        app = create_app({"DATA_DIR": str(data), "DIRECTORY_PATH": str(yaml_path)})
        for method, url in rebuild.route_urls(app):
            status, body = _get(port, method, url)
            problems += rebuild.check_fail_safe_response(method, url, status, body)
    finally:
        out, err = stop(proc)
    output = (out + err).decode("utf-8", "replace")
    assert not problems, "\n".join(problems)
    assert "Traceback" not in output, output
    assert "directory build refused" in output
