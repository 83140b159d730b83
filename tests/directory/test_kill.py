"""`kill -9` in the middle of a build leaves exactly the old version serving (P20)."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from signpost.directory import build
from tests.directory.conftest import ROOT, small_directory

pytestmark = pytest.mark.usefixtures("no_search_index")

# A build that signals when it reaches a given step, then hangs there until it is killed.
SCRIPT = """
import sys, time, pathlib
from signpost.directory import build
step, marker = sys.argv[3], pathlib.Path(sys.argv[4])
def hang():
    marker.write_text("here")
    time.sleep(60)
real_write, real_pointer = build.write_tables, build.write_pointer
def write_tables(engine, directory):
    real_write(engine, directory)
    if step == "tables": hang()
def index(directory, index_dir):
    index_dir.mkdir(parents=True)
    (index_dir / "partial").write_text("x")
    if step == "index": hang()
def write_pointer(data, version):
    if step == "pointer": hang()
    real_pointer(data, version)
build.write_tables, build._build_index, build.write_pointer = write_tables, index, write_pointer
build.build(sys.argv[1], sys.argv[2], "")
"""


@pytest.mark.parametrize("step", ["tables", "index", "pointer"])
def test_killing_a_build_at_any_step_keeps_the_old_version(tmp_path, yaml_file, make_app, step):
    data = tmp_path / "data"
    old = build.build(yaml_file, data).version
    yaml_file.write_text(small_directory(summary="Killed build."), "utf-8")
    marker = tmp_path / "marker"
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.Popen([sys.executable, "-c", SCRIPT, str(yaml_file), str(data), step, str(marker)],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 30
        while not marker.exists() and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.02)
        assert marker.exists(), "the build never reached the step"
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    assert build.read_pointer(data) == old
    with make_app(data).app_context():
        from signpost.directory.store import current_snapshot
        assert current_snapshot().version == old
    new = build.build(yaml_file, data)
    assert new.changed and build.read_pointer(data) == new.version != old
    assert not [p for p in (data / "versions").iterdir() if p.name.startswith(".")]
