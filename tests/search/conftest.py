"""Search fixtures: one index built from the real directory.yaml, shared by the session."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def load_services():
    """The real directory's services: through the loader, or plainly if it rejects the file.

    The fallback keeps search tests meaningful while directory.yaml is being edited; the
    loader's own tests say whether the file is valid.
    """
    try:
        from signpost.directory.loader import load_directory
        return list(load_directory(ROOT / "directory.yaml").services)
    except Exception:
        import strictyaml
        data = strictyaml.dirty_load((ROOT / "directory.yaml").read_text(encoding="utf-8"),
                                     allow_flow_style=True).data
        return list(data["services"])


@pytest.fixture(scope="session")
def services():
    return load_services()


@pytest.fixture(scope="session")
def index_dir(tmp_path_factory, services):
    from signpost import search
    path = tmp_path_factory.mktemp("search") / "index"
    search.build_index(services, path)
    return path
