"""Shared fixtures: an app on the embedded SQLite default with the real directory built once."""
from __future__ import annotations

from pathlib import Path

import pytest

from signpost import create_app

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session", autouse=True)
def compiled_catalogs():
    """The .mo files are built, not committed: compile them once for the whole run."""
    try:
        from signpost.i18n_commands import compile_catalogs
    except ImportError:
        return
    compile_catalogs(str(ROOT / "translations"))


@pytest.fixture(scope="session")
def data_dir(tmp_path_factory):
    """A data directory holding one build of the real directory.yaml (shared by the session)."""
    path = tmp_path_factory.mktemp("data")
    try:
        from signpost.directory import build
    except ImportError:
        return path
    build.build(directory_path=str(ROOT / "directory.yaml"), data_dir=str(path))
    return path


@pytest.fixture(scope="session")
def app(data_dir):
    return create_app({"TESTING": True, "DATA_DIR": str(data_dir)})


@pytest.fixture
def client(app):
    return app.test_client()
