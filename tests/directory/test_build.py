"""Building data versions and serving them: atomic, unchanged on failure (P19, P20, P21)."""
from __future__ import annotations

import json
import os
import shutil

import pytest

from signpost.directory import DataUnavailable, build, loader
from signpost.directory.store import current_snapshot
from tests.directory.conftest import FAULTS, small_directory

pytestmark = pytest.mark.usefixtures("no_search_index")


def served(app) -> tuple[str, str]:
    """(data version, the whole Open Referral UK list) as the app serves them now."""
    client = app.test_client()
    response = client.get("/api/v1/services?per_page=100")
    assert response.status_code == 200
    with app.app_context():
        version = current_snapshot().version
    return version, response.get_data(as_text=True)


def test_a_build_writes_a_version_and_switches_the_pointer(tmp_path, yaml_file, backend, make_app):
    data = tmp_path / "data"
    result = build.build(yaml_file, data, backend)
    assert result.changed and result.services == len(loader.ROUTE_IDS)
    assert build.read_pointer(data) == result.version
    version_dir = data / "versions" / result.version
    assert (version_dir / "index" / "FAKE_INDEX").read_text() == result.version
    manifest = json.loads((version_dir / "manifest.json").read_text())
    assert manifest["version"] == result.version
    assert (version_dir / "directory.sqlite").exists() == (backend == "")
    app = make_app(data, backend)
    with app.app_context():
        snapshot = current_snapshot()
        assert snapshot.version == result.version
        assert snapshot.index_dir == version_dir / "index"
        assert set(snapshot.by_id) == set(loader.ROUTE_IDS)


def test_an_unchanged_file_is_not_rebuilt(tmp_path, yaml_file, backend):
    data = tmp_path / "data"
    first = build.build(yaml_file, data, backend)
    pointer_stat = os.stat(data / "CURRENT")
    second = build.build(yaml_file, data, backend)
    assert second.version == first.version and not second.changed
    assert os.stat(data / "CURRENT").st_mtime_ns == pointer_stat.st_mtime_ns
    assert sorted(p.name for p in (data / "versions").iterdir()) == [first.version]


def test_the_store_picks_up_a_new_version_and_keeps_only_the_previous_one(
        tmp_path, yaml_file, backend, make_app):
    data = tmp_path / "data"
    v1 = build.build(yaml_file, data, backend).version
    app = make_app(data, backend)
    assert served(app)[0] == v1
    yaml_file.write_text(small_directory(summary="Second wording."), "utf-8")
    v2 = build.build(yaml_file, data, backend).version
    assert served(app)[0] == v2
    with app.app_context():
        assert current_snapshot().by_id["samaritans"].summary == "Second wording."
    yaml_file.write_text(small_directory(summary="Third wording."), "utf-8")
    v3 = build.build(yaml_file, data, backend).version
    assert served(app)[0] == v3
    assert sorted(p.name for p in (data / "versions").iterdir()) == sorted([v2, v3])


def test_one_request_sees_one_data_version_even_if_a_build_lands_midway(
        tmp_path, yaml_file, backend, make_app):
    data = tmp_path / "data"
    v1 = build.build(yaml_file, data, backend).version
    app = make_app(data, backend)
    with app.test_request_context("/en/services"):
        assert current_snapshot().version == v1
        yaml_file.write_text(small_directory(summary="Second wording."), "utf-8")
        v2 = build.build(yaml_file, data, backend).version
        assert v2 != v1
        assert current_snapshot().version == v1
    with app.test_request_context("/en/services"):
        assert current_snapshot().version == v2


@pytest.mark.parametrize("fault", sorted(p.name for p in FAULTS.glob("*.yaml")))
def test_a_bad_file_never_changes_what_is_served(tmp_path, yaml_file, fault, backend, make_app):
    data = tmp_path / "data"
    build.build(yaml_file, data, backend)
    app = make_app(data, backend)
    before = served(app)
    shutil.copy(FAULTS / fault, yaml_file)
    with pytest.raises(loader.DirectoryError) as caught:
        build.build(yaml_file, data, backend)
    assert caught.value.errors
    assert served(app) == before
    assert served(make_app(data, backend)) == before  # a freshly started process too


def test_a_build_that_fails_midway_leaves_the_old_version_serving(
        tmp_path, yaml_file, backend, make_app, monkeypatch):
    data = tmp_path / "data"
    build.build(yaml_file, data, backend)
    app = make_app(data, backend)
    before = served(app)
    yaml_file.write_text(small_directory(summary="Never served."), "utf-8")

    real_write = build.write_tables

    def write_then_fail(engine, directory):
        real_write(engine, directory)  # the new tables are fully written...
        raise OSError("disk full")     # ...and then the build dies

    monkeypatch.setattr(build, "write_tables", write_then_fail)
    with pytest.raises(build.BuildError):
        build.build(yaml_file, data, backend)
    assert served(app) == before
    assert served(make_app(data, backend)) == before
    assert not [p for p in (data / "versions").iterdir() if p.name.startswith(".staging")]

    monkeypatch.setattr(build, "write_tables", real_write)
    assert build.build(yaml_file, data, backend).changed
    with app.app_context():
        assert current_snapshot().by_id["samaritans"].summary == "Never served."


def test_a_failing_search_index_build_switches_nothing(tmp_path, yaml_file, backend, make_app,
                                                      monkeypatch):
    data = tmp_path / "data"
    build.build(yaml_file, data, backend)
    before = served(make_app(data, backend))
    yaml_file.write_text(small_directory(summary="Never served."), "utf-8")

    def broken_index(directory, index_dir):
        raise RuntimeError("index writer crashed")

    monkeypatch.setattr(build, "_build_index", broken_index)
    with pytest.raises(build.BuildError):
        build.build(yaml_file, data, backend)
    assert served(make_app(data, backend)) == before


def test_leftovers_of_a_killed_build_are_ignored_then_cleaned(tmp_path, yaml_file, make_app):
    data = tmp_path / "data"
    v1 = build.build(yaml_file, data).version
    # What `kill -9` mid-build leaves: a half-written staging dir and a temp pointer file.
    staging = data / "versions" / ".staging-killed"
    staging.mkdir()
    (staging / "directory.sqlite").write_bytes(b"half a database")
    (data / ".CURRENT.killed").write_text("0" * 64)
    assert served(make_app(data))[0] == v1
    yaml_file.write_text(small_directory(summary="After the crash."), "utf-8")
    v2 = build.build(yaml_file, data).version
    assert served(make_app(data))[0] == v2 != v1
    assert not staging.exists() and not (data / ".CURRENT.killed").exists()


def test_a_version_directory_without_its_manifest_is_rebuilt(tmp_path, yaml_file):
    data = tmp_path / "data"
    v1 = build.build(yaml_file, data).version
    (data / "versions" / v1 / "manifest.json").unlink()
    assert build.build(yaml_file, data).changed


def test_two_builds_of_the_same_file_export_identical_data(tmp_path, yaml_file, backend, make_app):
    build.build(yaml_file, tmp_path / "a", backend)
    first = served(make_app(tmp_path / "a", backend))
    other = tmp_path / "b"
    build.build(yaml_file, other, "")
    assert served(make_app(other)) == first


def test_phone_numbers_survive_the_database_byte_for_byte(tmp_path, backend, make_app):
    numbers = ["01375 380609", "07841999342", "0808 2000 247", "116 123", "+44 20 3866 4107"]
    text = small_directory()
    for i, number in enumerate(numbers):
        text = text.replace('value: "0808 2000 247"', f"value: {number}" if i == 0 else
                            f'value: "{number}"', 1)
    path = tmp_path / "directory.yaml"
    path.write_text(text, "utf-8")
    build.build(path, tmp_path / "data", backend)
    with make_app(tmp_path / "data", backend).app_context():
        stored = [c.value for s in current_snapshot().services for c in s.contacts]
    for number in numbers:
        assert number in stored


def test_the_snapshot_is_ordered_by_name_with_neutral_codes(tmp_path, yaml_file, make_app):
    build.build(yaml_file, tmp_path / "data")
    with make_app(tmp_path / "data").app_context():
        snapshot = current_snapshot()
    names = [s.name.casefold() for s in snapshot.services]
    assert names == sorted(names)
    for service in snapshot.services:
        assert snapshot.by_code[service.code] is service
        assert snapshot.eligibility[service.id] == (16, 120)


# -- no data: 503 with help, never a 500 (P21) ---------------------------------------------

def test_an_empty_data_dir_raises_data_unavailable(tmp_path, make_app):
    with make_app(tmp_path / "nothing").app_context():
        with pytest.raises(DataUnavailable):
            current_snapshot()


@pytest.mark.parametrize("damage", ["no pointer", "pointer to nowhere", "corrupt database",
                                    "garbage pointer"])
def test_damaged_data_gives_data_unavailable_not_a_crash(tmp_path, yaml_file, make_app, damage):
    data = tmp_path / "data"
    version = build.build(yaml_file, data).version
    if damage == "no pointer":
        (data / "CURRENT").unlink()
    elif damage == "pointer to nowhere":
        (data / "CURRENT").write_text("f" * 64 + "\n")
    elif damage == "corrupt database":
        (data / "versions" / version / "directory.sqlite").write_bytes(b"\0garbage" * 100)
    else:
        (data / "CURRENT").write_text("../../etc/passwd\n")
    app = make_app(data)
    with app.app_context():
        with pytest.raises(DataUnavailable):
            current_snapshot()
    response = app.test_client().get("/api/v1/services")
    assert response.status_code == 503 and response.is_json


def test_a_running_site_keeps_its_last_good_data_if_the_new_version_is_damaged(
        tmp_path, yaml_file, make_app):
    data = tmp_path / "data"
    build.build(yaml_file, data)
    app = make_app(data)
    before = served(app)
    (data / "CURRENT").write_text("f" * 64 + "\n")
    assert served(app) == before


def test_every_page_answers_with_999_and_the_helpline_when_there_is_no_data(tmp_path, make_app):
    from signpost import emergency

    app = make_app(tmp_path / "empty")
    client = app.test_client()
    paths = set()
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods or rule.endpoint == "static":
            continue
        args = {name: "en" if name == "lang" else "x" for name in rule.arguments}
        try:
            paths.add(rule.build(args, append_unknown=False)[1])
        except Exception:  # a converter that does not accept "x"
            continue
    assert "/en/services" in paths and "/api/v1/services" in paths
    for path in sorted(paths):
        response = client.get(path)
        assert response.status_code in (200, 301, 302, 308, 404, 503), (path, response.status_code)
        if path.startswith("/api/"):
            assert response.status_code in (404, 503), path
            continue
        if response.status_code in (200, 404, 503):
            body = response.get_data(as_text=True)
            assert "999" in body and emergency.DA_HELPLINE_NUMBER in body, path
    for path in ("/en/services", "/api/v1/services"):
        assert client.get(path).status_code == 503
