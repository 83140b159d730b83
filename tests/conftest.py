"""Shared fixtures: an app on the embedded SQLite default with the real directory built once."""
from __future__ import annotations

import pytest

from signpost import create_app


@pytest.fixture(scope="session")
def data_dir(tmp_path_factory):
    """A data directory holding one build of the real directory.yaml (shared by the session)."""
    path = tmp_path_factory.mktemp("data")
    try:
        from signpost.directory import build
    except ImportError:
        return path
    build.build(directory_path=None, data_dir=path)
    return path


@pytest.fixture(scope="session")
def app(data_dir):
    return create_app({"TESTING": True, "DATA_DIR": str(data_dir)})


@pytest.fixture
def client(app):
    return app.test_client()
