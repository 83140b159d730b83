"""Build a data version: validate -> new database + search index -> switch one pointer (P19, P20).

    data_dir/
      CURRENT                       the version being served (written with write-temp + os.replace)
      versions/<version>/           one complete, immutable data version
        directory.sqlite            (embedded default; with PostgreSQL the tables live in the
                                     schema v_<version[:16]> and this file is not written)
        index/                      the search index, when signpost.search provides build_index
        manifest.json               what this version holds (written last, before the rename)
      versions/.staging-*           a build in progress (never pointed at; removed by the next build)

The version is the sha256 of directory.yaml's bytes, so an unchanged file is not rebuilt and two
builds of the same file produce identical data. A version directory appears only by an atomic
rename of a fully written and fsynced staging directory, and CURRENT moves only after that, so a
failed or killed build leaves the previous version serving. The previous version is kept (for a
quick switch back and for requests still using it); older ones are pruned.
"""
from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from signpost.directory import loader, models

CURRENT = "CURRENT"
VERSIONS = "versions"
DB_FILE = "directory.sqlite"
INDEX_DIR = "index"
MANIFEST = "manifest.json"
POINTER_TABLE = "signpost_current"
VERSION_RE = re.compile(r"[0-9a-f]{64}")
SCHEMA_RE = re.compile(r"v_[0-9a-f]{16}")


class BuildError(Exception):
    """The build could not finish; the previous version is still the one served."""


@dataclass(frozen=True)
class BuildResult:
    version: str
    changed: bool
    services: int = 0


# --------------------------------------------------------------------------- settings

def settings(directory_path=None, data_dir=None, database_url=None) -> tuple[Path, Path, str]:
    """Explicit arguments, else the app's config (inside an app context), else the defaults."""
    try:
        from flask import current_app
        config = dict(current_app.config)
    except RuntimeError:
        from signpost import config as config_mod
        config = config_mod.load()
    path = Path(directory_path if directory_path is not None else config["DIRECTORY_PATH"])
    data = Path(data_dir if data_dir is not None else config["DATA_DIR"])
    url = database_url if database_url is not None else (config.get("DATABASE_URL") or "")
    return path, data, url


def is_postgres(url: str) -> bool:
    return url.startswith(("postgresql:", "postgresql+", "postgres:"))


def schema_name(version: str) -> str:
    return f"v_{version[:16]}"


def read_pointer(data_dir: Path) -> str | None:
    """The version named by data_dir/CURRENT, or None when there is no valid pointer."""
    try:
        value = (Path(data_dir) / CURRENT).read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        return None
    return value if VERSION_RE.fullmatch(value) else None


def version_dir(data_dir: Path, version: str) -> Path:
    return Path(data_dir) / VERSIONS / version


def read_manifest(data_dir: Path, version: str) -> dict | None:
    try:
        manifest = json.loads((version_dir(data_dir, version) / MANIFEST).read_text("utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(manifest, dict) or manifest.get("version") != version:
        return None
    return manifest


# --------------------------------------------------------------------------- the build

def build(directory_path=None, data_dir=None, database_url=None) -> BuildResult:
    """Validate directory.yaml and make it the served version, atomically; no-op if unchanged.

    Raises loader.DirectoryError (every problem, `file:LINE:COL: field: message`) when the file
    is invalid, and BuildError when writing fails; in both cases nothing served changes.
    """
    path, data, url = settings(directory_path, data_dir, database_url)
    label = loader.display_name(path)
    raw = loader.read_bytes(path, label)
    version = hashlib.sha256(raw).hexdigest()
    if not is_postgres(url) and read_pointer(data) == version and _is_complete(data, version, "sqlite"):
        # Unchanged since it was validated and built: nothing to do (P20), not even parsing.
        return BuildResult(version, False, int(read_manifest(data, version).get("services", 0)))
    directory = loader.parse_directory(raw, label=label)
    try:
        data.mkdir(parents=True, exist_ok=True)
        (data / VERSIONS).mkdir(exist_ok=True)
        with _build_lock(data):
            _remove_staging(data)
            if is_postgres(url):
                return _build_postgres(directory, data, url)
            return _build_sqlite(directory, data)
    except (loader.DirectoryError, BuildError):
        raise
    except Exception as exc:  # e.g. the data directory cannot be written
        raise BuildError(f"the build of version {version[:12]} failed ({type(exc).__name__}: "
                         f"{exc}); the previous version is still served") from exc


@contextlib.contextmanager
def _build_lock(data: Path):
    """One build at a time per data directory (a killed build releases it with its process)."""
    with open(data / ".build.lock", "a+b") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _is_complete(data: Path, version: str, database: str) -> bool:
    manifest = read_manifest(data, version)
    if manifest is None or manifest.get("schema") != models.SCHEMA_VERSION:
        return False
    if manifest.get("database") != database:
        return False
    if database == "sqlite" and not (version_dir(data, version) / DB_FILE).is_file():
        return False
    return True


def _build_sqlite(directory: loader.Directory, data: Path) -> BuildResult:
    version = directory.version
    if read_pointer(data) == version and _is_complete(data, version, "sqlite"):
        return BuildResult(version, False, len(directory.services))
    staging = _new_staging(data)
    try:
        db_path = staging / DB_FILE
        engine = sqlite_engine(db_path)
        try:
            write_tables(engine, directory)
            _verify(engine, directory)
        finally:
            engine.dispose()
        _build_index(directory, staging / INDEX_DIR)
        _write_manifest(staging, version, "sqlite", len(directory.services))
        _fsync_tree(staging)
        _install(data, staging, version)
    except loader.DirectoryError:
        raise
    except Exception as exc:
        raise BuildError(f"the build of version {version[:12]} failed ({type(exc).__name__}: "
                         f"{exc}); the previous version is still served") from exc
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    previous = read_pointer(data)
    write_pointer(data, version)
    _prune(data, keep={version, previous})
    return BuildResult(version, True, len(directory.services))


def _build_postgres(directory: loader.Directory, data: Path, url: str) -> BuildResult:
    version = directory.version
    schema = schema_name(version)
    engine = create_engine(url, future=True)
    try:
        with engine.connect() as conn:
            # One build at a time across every host sharing the database.
            conn.execute(text("SELECT pg_advisory_lock(hashtext('signpost-build'))"))
            conn.commit()
            try:
                return _build_postgres_locked(directory, data, engine, conn, version, schema)
            finally:
                conn.execute(text("SELECT pg_advisory_unlock(hashtext('signpost-build'))"))
                conn.commit()
    except (loader.DirectoryError, BuildError):
        raise
    except Exception as exc:
        raise BuildError(f"the build of version {version[:12]} failed ({type(exc).__name__}); "
                         f"the previous version is still served") from exc
    finally:
        engine.dispose()


def ensure_pointer_table(conn) -> None:
    conn.execute(text(
        f"CREATE TABLE IF NOT EXISTS {POINTER_TABLE} ("
        " id integer PRIMARY KEY CHECK (id = 1),"
        " version text NOT NULL,"
        " schema_name text NOT NULL)"))


def read_pg_pointer(conn) -> tuple[str, str] | None:
    row = conn.execute(text(f"SELECT version, schema_name FROM {POINTER_TABLE} WHERE id = 1")).first()
    return (row[0], row[1]) if row else None


def _schema_exists(conn, schema: str) -> bool:
    return conn.execute(text("SELECT 1 FROM information_schema.schemata WHERE schema_name = :s"),
                        {"s": schema}).first() is not None


def _build_postgres_locked(directory, data, engine, conn, version, schema) -> BuildResult:
    ensure_pointer_table(conn)
    conn.commit()
    pointer = read_pg_pointer(conn)
    db_current = pointer is not None and pointer[0] == version and _schema_exists(conn, schema)
    local_current = read_pointer(data) == version and _is_complete(data, version, "postgresql")
    if db_current and local_current:
        return BuildResult(version, False, len(directory.services))
    changed = False
    if not db_current:
        # A leftover schema from a killed build is never pointed at: start it again.
        conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
        conn.commit()
        staged = engine.execution_options(schema_translate_map={None: schema})
        write_tables(staged, directory)
        _verify(staged, directory)
        changed = True
    if not local_current:
        staging = _new_staging(data)
        try:
            _build_index(directory, staging / INDEX_DIR)
            _write_manifest(staging, version, "postgresql", len(directory.services))
            _fsync_tree(staging)
            _install(data, staging, version)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    if not db_current:
        previous = pointer[1] if pointer else None
        # The one switch every host sees: a single-row update in one transaction.
        conn.execute(text(
            f"INSERT INTO {POINTER_TABLE} (id, version, schema_name) VALUES (1, :v, :s) "
            "ON CONFLICT (id) DO UPDATE SET version = EXCLUDED.version, "
            "schema_name = EXCLUDED.schema_name"), {"v": version, "s": schema})
        conn.commit()
        _prune_schemas(conn, keep={schema, previous})
    previous_local = read_pointer(data)
    if previous_local != version:
        write_pointer(data, version)
        changed = True
    _prune(data, keep={version, previous_local})
    return BuildResult(version, changed, len(directory.services))


def _prune_schemas(conn, keep: set) -> None:
    rows = conn.execute(text("SELECT schema_name FROM information_schema.schemata")).all()
    for (name,) in rows:
        if SCHEMA_RE.fullmatch(name) and name not in keep:
            conn.execute(text(f'DROP SCHEMA IF EXISTS "{name}" CASCADE'))
    conn.commit()


# --------------------------------------------------------------------------- pieces

def sqlite_engine(path: Path, *, readonly: bool = False) -> Engine:
    if readonly:
        url = f"sqlite:///file:{path}?mode=ro&uri=true"
    else:
        url = f"sqlite:///{path}"
    engine = create_engine(url, future=True)
    if readonly:
        @event.listens_for(engine, "connect")
        def _query_only(dbapi_connection, _record):  # pragma: no cover - trivial
            dbapi_connection.execute("PRAGMA query_only = ON")
    return engine


def write_tables(engine: Engine, directory: loader.Directory) -> None:
    """Create the tables and write every service, contact and list item, in file order."""
    models.Base.metadata.create_all(engine)
    with Session(engine) as session, session.begin():
        session.add(models.Meta(key="version", value=directory.version))
        session.add(models.Meta(key="schema", value=models.SCHEMA_VERSION))
        for position, concern in enumerate(loader.CONCERNS):
            session.add(models.Concern(id=concern, position=position))
        for position, service in enumerate(directory.services):
            row = models.ServiceRow(
                id=service.id, position=position, code=service.code, name=service.name,
                kind=service.kind, scope=service.scope, audience=service.audience,
                summary=service.summary, offers=service.offers, who_for=service.who_for,
                min_age=service.min_age, max_age=service.max_age, area=service.area,
                access_notes=service.access_notes, languages=service.languages,
                safe_contact=service.safe_contact, how_else=service.how_else,
                facts_id=service.facts_id,
            )
            for field in models.LIST_FIELDS:
                for i, value in enumerate(getattr(service, field)):
                    row.tags.append(models.ServiceTag(field=field, position=i, value=value))
            for i, contact in enumerate(service.contacts):
                row.contacts.append(models.ContactRow(
                    position=i, kind=contact.kind, value=contact.value, label=contact.label,
                    hours=contact.hours, open=contact.open, source=contact.source,
                    confidence=contact.confidence, checked=contact.checked))
            session.add(row)


def read_services(engine: Engine) -> tuple[str, tuple[loader.Service, ...]]:
    """(version, services in file order) from one version's tables."""
    from sqlalchemy import select
    from sqlalchemy.orm import selectinload

    with Session(engine) as session:
        meta = dict(session.execute(select(models.Meta.key, models.Meta.value)).all())
        rows = session.scalars(
            select(models.ServiceRow)
            .options(selectinload(models.ServiceRow.contacts), selectinload(models.ServiceRow.tags))
            .order_by(models.ServiceRow.position)).all()
        services = []
        for row in rows:
            lists: dict[str, list[str]] = {f: [] for f in models.LIST_FIELDS}
            for tag in sorted(row.tags, key=lambda t: (t.field, t.position)):
                lists[tag.field].append(tag.value)
            contacts = tuple(
                loader.Contact(kind=c.kind, value=c.value, label=c.label, hours=c.hours,
                               open=c.open, source=c.source, confidence=c.confidence,
                               checked=c.checked)
                for c in sorted(row.contacts, key=lambda c: c.position))
            services.append(loader.Service(
                id=row.id, name=row.name, kind=row.kind, scope=row.scope, audience=row.audience,
                summary=row.summary, who_for=row.who_for, area=row.area,
                access_notes=row.access_notes, offers=row.offers, min_age=row.min_age,
                max_age=row.max_age, genders=tuple(lists["genders"]),
                access=tuple(lists["access"]), concerns=tuple(lists["concerns"]),
                languages=row.languages, safe_contact=row.safe_contact, how_else=row.how_else,
                related=tuple(lists["related"]), facts_id=row.facts_id, contacts=contacts))
    if meta.get("schema") != models.SCHEMA_VERSION or not VERSION_RE.fullmatch(meta.get("version", "")):
        raise ValueError("the tables are not a complete data version")
    return meta["version"], tuple(services)


def _verify(engine: Engine, directory: loader.Directory) -> None:
    """Read the new copy back: it must hold exactly what was validated (numbers byte for byte)."""
    version, services = read_services(engine)
    if version != directory.version or services != directory.services:
        raise BuildError("the written data does not read back identically")


def _build_index(directory: loader.Directory, index_dir: Path) -> None:
    """The search index, when the search module provides a builder (it owns whoosh)."""
    try:
        from signpost import search
    except ModuleNotFoundError as exc:
        if exc.name != "signpost.search":
            raise
        return
    build_index = getattr(search, "build_index", None)
    if build_index is None:
        return
    index_dir.mkdir(parents=True, exist_ok=True)
    build_index(directory.services, index_dir)


def _write_manifest(staging: Path, version: str, database: str, count: int) -> None:
    manifest = {"version": version, "schema": models.SCHEMA_VERSION, "database": database,
                "services": count, "index": (staging / INDEX_DIR).is_dir()}
    (staging / MANIFEST).write_text(json.dumps(manifest, sort_keys=True, indent=1) + "\n", "utf-8")


def _new_staging(data: Path) -> Path:
    return Path(tempfile.mkdtemp(prefix=".staging-", dir=data / VERSIONS))


def _remove_staging(data: Path) -> None:
    """Staging directories left by a killed build (we hold the build lock, so none is live)."""
    for entry in (data / VERSIONS).glob(".staging-*"):
        shutil.rmtree(entry, ignore_errors=True)
    for entry in (data / VERSIONS).glob(".old-*"):
        shutil.rmtree(entry, ignore_errors=True)
    for entry in data.glob(f".{CURRENT}.*"):
        with contextlib.suppress(OSError):
            entry.unlink()


def _install(data: Path, staging: Path, version: str) -> None:
    """Rename the finished staging directory to versions/<version> (atomic)."""
    target = version_dir(data, version)
    if target.exists():
        # An earlier incomplete or outdated copy that is not being served: move it aside first.
        aside = Path(tempfile.mkdtemp(prefix=".old-", dir=data / VERSIONS))
        os.rename(target, aside / "v")
        shutil.rmtree(aside, ignore_errors=True)
    os.rename(staging, target)
    _fsync_dir(data / VERSIONS)


def write_pointer(data: Path, version: str) -> None:
    """Switch CURRENT to `version`: write a temp file, fsync, os.replace, fsync the directory."""
    fd, tmp = tempfile.mkstemp(prefix=f".{CURRENT}.", dir=data)
    try:
        with os.fdopen(fd, "w", encoding="ascii") as handle:
            handle.write(version + "\n")
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, data / CURRENT)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _fsync_dir(data)


def _prune(data: Path, keep: set) -> None:
    for entry in (data / VERSIONS).iterdir():
        if VERSION_RE.fullmatch(entry.name) and entry.name not in keep:
            shutil.rmtree(entry, ignore_errors=True)


def _fsync_tree(root: Path) -> None:
    for dirpath, _dirnames, filenames in os.walk(root):
        for name in filenames:
            fd = os.open(os.path.join(dirpath, name), os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
        _fsync_dir(Path(dirpath))


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
