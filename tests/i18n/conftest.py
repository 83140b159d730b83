"""Fixtures for the language tests: the real catalogs compiled, and a poisoned catalog."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from signpost import create_app
from signpost.i18n_commands import compile_catalogs

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data" / "i18n"
POISONED_PO = DATA / "poisoned.po"


@pytest.fixture(scope="session", autouse=True)
def real_catalogs_compiled():
    """The .mo files are build output: make sure they exist for this run."""
    compile_catalogs(ROOT / "translations")


@pytest.fixture(scope="session")
def poisoned_dir(tmp_path_factory) -> Path:
    """A translations directory whose Polish catalog is the poisoned one, compiled."""
    path = tmp_path_factory.mktemp("poisoned-translations")
    target = path / "pl" / "LC_MESSAGES"
    target.mkdir(parents=True)
    shutil.copy(POISONED_PO, target / "messages.po")
    compile_catalogs(path)
    assert (target / "messages.mo").exists()
    return path


@pytest.fixture(scope="session")
def poisoned_app(poisoned_dir, data_dir):
    return create_app({"TESTING": True, "DATA_DIR": str(data_dir),
                       "TRANSLATIONS_DIR": str(poisoned_dir)})


@pytest.fixture
def poisoned_client(poisoned_app):
    return poisoned_app.test_client()
