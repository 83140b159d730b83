"""The service directory: directory.yaml -> validated data -> versioned database and index."""
from __future__ import annotations


class DataUnavailable(Exception):
    """No good data version can be served; pages answer 503 with the helplines (P21)."""


def init_app(app) -> None:
    """Set up data access for the app (the store decides how; nothing is loaded here)."""
    try:
        from signpost.directory import store
    except ImportError:  # pragma: no cover - the store arrives with the directory work
        return
    if hasattr(store, "init_app"):
        store.init_app(app)
