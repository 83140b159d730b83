"""`flask directory check | build | verify-report`."""
from __future__ import annotations

import re

import pytest

from signpost.directory import build
from tests.directory.conftest import FAULTS, ROOT, entry, small_directory


@pytest.fixture
def runner_for(make_app, tmp_path):
    def factory(directory_path):
        app = make_app(tmp_path / "data", DIRECTORY_PATH=str(directory_path))
        return app, app.test_cli_runner()
    return factory


def test_check_passes_the_real_directory_with_a_one_line_summary(runner_for):
    _, runner = runner_for(ROOT / "directory.yaml")
    result = runner.invoke(args=["directory", "check"])
    assert result.exit_code == 0, result.output
    assert len(result.output.strip().splitlines()) == 1 and ": OK: " in result.output


def test_check_prints_every_problem_and_exits_1(runner_for):
    path = FAULTS / "wrong-types.yaml"
    _, runner = runner_for(path)
    result = runner.invoke(args=["directory", "check"])
    assert result.exit_code == 1
    lines = [l for l in result.stdout.splitlines() if l]
    assert len(lines) > 10
    assert all(re.match(r"^\S+wrong-types\.yaml:\d+:\d+: \S+: .+", l) for l in lines), lines


def test_build_prints_the_version_and_whether_it_changed(runner_for, yaml_file, no_search_index):
    app, runner = runner_for(yaml_file)
    first = runner.invoke(args=["directory", "build"])
    assert first.exit_code == 0, first.output
    version = build.read_pointer(app.config["DATA_DIR"])
    assert version in first.output and "changed" in first.output
    again = runner.invoke(args=["directory", "build"])
    assert again.exit_code == 0 and version in again.output and "unchanged" in again.output


def test_build_of_a_bad_file_exits_1_and_serves_the_old_version(runner_for, yaml_file,
                                                               no_search_index):
    app, runner = runner_for(yaml_file)
    runner.invoke(args=["directory", "build"])
    version = build.read_pointer(app.config["DATA_DIR"])
    yaml_file.write_text((FAULTS / "duplicate-key.yaml").read_text())
    result = runner.invoke(args=["directory", "build"])
    assert result.exit_code == 1 and "duplicate key" in result.output
    assert build.read_pointer(app.config["DATA_DIR"]) == version


def test_verify_report_lists_unverified_secondary_and_stale_contacts_with_sources(runner_for, tmp_path):
    text = small_directory().replace("  - id: samaritans\n", "  - id: old-samaritans\n", 1)
    text += entry("samaritans", confidence="unverified").replace(
        "    area: UK\n", "    area: UK\n    how_else: Ask a GP.\n")
    text = text.replace('checked: "2026-11-21"', 'checked: "2019-01-01"', 1)
    text = text.replace("confidence: confirmed", "confidence: secondary", 2)
    path = tmp_path / "directory.yaml"
    path.write_text(text)
    _, runner = runner_for(path)
    result = runner.invoke(args=["directory", "verify-report", "--days", "365"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    unverified = [l for l in lines if l.startswith("samaritans ")]
    assert any("unverified" in l and "https://example.org/source" in l for l in unverified)
    assert any(l.startswith("emergency-999 ") and "2019-01-01" in l and "secondary" in l for l in lines)
    assert any(l.startswith("silent-solution ") and "secondary" in l for l in lines)
    assert lines[-1].endswith("item(s) to check (stale after 365 days)")
