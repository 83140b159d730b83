"""The service directory: directory.yaml -> validated data -> versioned database and index.

Public API (import from the submodules; nothing heavy is imported here):
    store.current_snapshot() -> Snapshot (.version, .services, .by_id, .by_code, .index_dir,
                                          .eligibility)      raises DataUnavailable
    store.current_index_dir()
    loader.load_directory(path) -> Directory   raises loader.DirectoryError(.errors)
    build.build(directory_path=None, data_dir=None, database_url=None) -> BuildResult
    hours.is_open(open_spec, now)
"""
from __future__ import annotations


class DataUnavailable(Exception):
    """No good data version can be served; pages answer 503 with the helplines (P21)."""


def init_app(app) -> None:
    """Set up data access for the app (the store decides how; nothing is loaded here)."""
    from signpost.directory import store
    store.init_app(app)


def current_snapshot():
    """Shortcut for store.current_snapshot()."""
    from signpost.directory import store
    return store.current_snapshot()
