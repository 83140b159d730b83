"""The data version being served, read cheaply per request (P19, P20, P21).

Per request this costs one stat() of data_dir/CURRENT (with PostgreSQL: one small query of the
pointer table at most every few seconds). A version's whole directory (~80 entries) is read once
into immutable objects and cached; a switched pointer is picked up by the next request.
When no version can be loaded, `current_snapshot()` raises DataUnavailable and the errors
blueprint answers 503 with 999 and the helpline — never a 500.
"""
from __future__ import annotations

import logging
import os
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Mapping

from flask import Flask, current_app, g, has_request_context

from signpost.directory import DataUnavailable, build, loader

EXTENSION = "signpost_directory_store"
POLL_SECONDS = 5.0

# A child of the app's logger ("signpost"), so it needs no app context: ReadyPages asks for the
# served version before Flask runs.
log = logging.getLogger("signpost.directory.store")


@dataclass(frozen=True)
class Snapshot:
    """One data version, immutable: share it freely between requests and threads."""

    version: str
    services: tuple[loader.Service, ...]          # ordered by name
    by_id: Mapping[str, loader.Service]
    by_code: Mapping[str, loader.Service]
    index_dir: Path | None = None                  # the search index of this version, if built
    eligibility: Mapping[str, tuple[int, int]] = field(default_factory=dict)  # id -> (min, max age)

    @classmethod
    def from_services(cls, version: str, services, index_dir: Path | None = None) -> "Snapshot":
        ordered = tuple(sorted(services, key=lambda s: (s.name.casefold(), s.id)))
        return cls(
            version=version,
            services=ordered,
            by_id=MappingProxyType({s.id: s for s in ordered}),
            by_code=MappingProxyType({s.code: s for s in ordered}),
            index_dir=index_dir,
            eligibility=MappingProxyType({s.id: s.age_range for s in ordered}),
        )

    def get(self, service_id: str) -> loader.Service | None:
        return self.by_id.get(service_id)


class Store:
    """Per-app state: where the data lives and the snapshots already loaded."""

    def __init__(self, data_dir: Path, database_url: str = "", poll_seconds: float = POLL_SECONDS):
        self.data_dir = Path(data_dir)
        self.database_url = database_url or ""
        self.poll_seconds = poll_seconds
        self._lock = threading.Lock()
        self._pointer_key: tuple | None = None
        self._pointer: tuple[str, str] | None = None   # (version, schema or "")
        self._checked_at = 0.0
        self._snapshot: Snapshot | None = None
        self._pg_engine = None
        self._failed: tuple[tuple[str, str], float] | None = None  # do not retry a bad version per request

    # -- pointer
    def _read_pointer(self) -> tuple[str, str] | None:
        if build.is_postgres(self.database_url):
            return self._read_pg_pointer()
        path = self.data_dir / build.CURRENT
        try:
            st = os.stat(path)
        except OSError:
            self._pointer_key = None
            return None
        key = (st.st_mtime_ns, st.st_size, st.st_ino)
        if key != self._pointer_key:
            version = build.read_pointer(self.data_dir)
            self._pointer = (version, "") if version else None
            self._pointer_key = key
        return self._pointer

    def _read_pg_pointer(self) -> tuple[str, str] | None:
        now = time.monotonic()
        if self._pointer is not None and now - self._checked_at < self.poll_seconds:
            return self._pointer
        from sqlalchemy import create_engine
        if self._pg_engine is None:
            # A database that does not answer must not hold requests for long (P21).
            self._pg_engine = create_engine(self.database_url, future=True, pool_pre_ping=True,
                                            connect_args={"connect_timeout": 3})
        try:
            with self._pg_engine.connect() as conn:
                pointer = build.read_pg_pointer(conn)
        except Exception:  # the database is down or the table missing: nothing new to switch to
            log.warning("Directory pointer table could not be read")
            pointer = None
        self._checked_at = now
        if pointer and build.VERSION_RE.fullmatch(pointer[0]) and build.SCHEMA_RE.fullmatch(pointer[1]):
            self._pointer = pointer
        else:
            self._pointer = None
        return self._pointer

    # -- loading
    def _load(self, version: str, schema: str) -> Snapshot:
        index_dir = build.version_dir(self.data_dir, version) / build.INDEX_DIR
        index = index_dir if index_dir.is_dir() else None
        if schema:
            engine = self._pg_engine.execution_options(schema_translate_map={None: schema})
            stored_version, services = build.read_services(engine)
        else:
            db_path = build.version_dir(self.data_dir, version) / build.DB_FILE
            if not db_path.is_file():
                raise FileNotFoundError(db_path.name)
            engine = build.sqlite_engine(db_path, readonly=True)
            try:
                stored_version, services = build.read_services(engine)
            finally:
                engine.dispose()
        if stored_version != version:
            raise ValueError("the database holds a different version than the pointer names")
        return Snapshot.from_services(version, services, index)

    def served_version(self) -> str | None:
        """The version being served if it is already loaded, else None (one stat(), no loading)."""
        pointer = self._read_pointer()
        current = self._snapshot
        if pointer is not None and current is not None and current.version == pointer[0]:
            return current.version
        return None

    def snapshot(self) -> Snapshot:
        pointer = self._read_pointer()
        current = self._snapshot
        if pointer is not None and current is not None and current.version == pointer[0]:
            return current
        with self._lock:
            pointer = self._read_pointer()
            current = self._snapshot
            if pointer is None:
                if current is not None:
                    # The pointer vanished under a running process: keep serving what we have.
                    return current
                raise DataUnavailable("no data version is available")
            if current is not None and current.version == pointer[0]:
                return current
            failed = self._failed
            recently_failed = (failed is not None and failed[0] == pointer
                               and time.monotonic() - failed[1] < self.poll_seconds)
            try:
                if recently_failed:
                    raise LookupError("failed a moment ago")
                snapshot = self._load(*pointer)
            except Exception as exc:
                if not recently_failed:
                    self._failed = (pointer, time.monotonic())
                    log.error("Directory version %s could not be loaded (%s)",
                              pointer[0][:12], type(exc).__name__)
                if current is not None:
                    return current  # keep serving the last good version
                raise DataUnavailable("the data version could not be loaded") from None
            self._failed = None
            self._snapshot = snapshot
            return snapshot


def init_app(app: Flask) -> None:
    """Attach a store to the app; nothing is read until the first request needs it."""
    app.extensions[EXTENSION] = Store(
        Path(app.config["DATA_DIR"]),
        app.config.get("DATABASE_URL") or "",
        float(app.config.get("DIRECTORY_POLL_SECONDS", POLL_SECONDS)),
    )


def _store() -> Store:
    store = current_app.extensions.get(EXTENSION)
    if store is None:
        init_app(current_app)
        store = current_app.extensions[EXTENSION]
    return store


def current_snapshot() -> Snapshot:
    """The directory being served. Raises DataUnavailable (-> 503 page) if none can be loaded.

    Within a request it is looked up once and kept on `g`, so one page never mixes two data
    versions (a rebuild can land mid-render) and asks the pointer only once.
    """
    if not has_request_context():
        return _store().snapshot()
    snapshot = g.get("_signpost_snapshot")
    if snapshot is None:
        snapshot = g._signpost_snapshot = _store().snapshot()
    return snapshot


def snapshot_or_none() -> Snapshot | None:
    """The directory being served, or None: for pages whose help does not depend on it
    (the pathway and staff results still give routes, duties and thresholds without it)."""
    try:
        return current_snapshot()
    except Exception:
        return None


def current_index_dir() -> Path | None:
    """The search index directory of the current version (None if it has none)."""
    return current_snapshot().index_dir


def current_version() -> str:
    return current_snapshot().version
