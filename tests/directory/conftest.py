"""Fixtures for the directory tests: small valid directories, fault files, storage backends."""
from __future__ import annotations

import os
import uuid
from pathlib import Path

import pytest

from signpost import create_app
from signpost.directory import build, loader

ROOT = Path(__file__).resolve().parents[2]
FAULTS = ROOT / "tests" / "data" / "directory"
SHARED = ROOT.parent / "shared"


def entry(service_id: str, *, name: str | None = None, summary: str = "A short, plain summary.",
          value: str = "0808 2000 247", confidence: str = "confirmed") -> str:
    """One valid entry in directory.yaml form."""
    return f"""  - id: {service_id}
    name: {name or 'Entry ' + service_id}
    kind: helpline
    scope: national
    audience: public
    summary: {summary}
    offers: |
      <p>Help for <strong>anyone</strong>. <a href="https://example.org/help">More</a></p>
    who_for: Anyone.
    min_age: "16"
    genders:
      - any
    area: UK
    access:
      - self-referral
    access_notes: Call when it is safe.
    concerns:
      - domestic-abuse
    contacts:
      - kind: phone
        value: "{value}"
        label: Helpline
        hours: 24 hours
        open: "24/7"
        source: https://example.org/source
        confidence: {confidence}
        checked: "2026-11-21"
"""


def small_directory(summary: str = "A short, plain summary.", extra: str = "") -> str:
    """A valid directory: one entry per facts.md route id (what the loader requires)."""
    entries = [entry(route, summary=summary) for route in loader.ROUTE_IDS]
    return "services:\n" + "".join(entries) + extra


@pytest.fixture(scope="session")
def real_directory() -> loader.Directory:
    return loader.load_directory(ROOT / "directory.yaml")


@pytest.fixture
def no_search_index(monkeypatch):
    """Builds without the (slow) search index: a marker file stands in for it."""
    def fake_index(directory, index_dir):
        index_dir.mkdir(parents=True, exist_ok=True)
        (index_dir / "FAKE_INDEX").write_text(directory.version, "ascii")
    monkeypatch.setattr(build, "_build_index", fake_index)


@pytest.fixture
def yaml_file(tmp_path):
    """A writable directory.yaml holding the small valid directory."""
    path = tmp_path / "directory.yaml"
    path.write_text(small_directory(), "utf-8")
    return path


def _postgres_url() -> str:
    return os.environ.get("SIGNPOST_TEST_POSTGRES_URL", "")


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def backend(request):
    """'' for the embedded SQLite default, or the URL of a fresh PostgreSQL database."""
    if request.param == "sqlite":
        yield ""
        return
    base = _postgres_url()
    if not base:
        pytest.skip("SIGNPOST_TEST_POSTGRES_URL is not set")
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    name = f"signpost_t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(make_url(base).set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(base).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture
def make_app():
    """An app on a given data directory and database (each with its own store)."""
    apps = []

    def factory(data_dir, database_url="", **extra):
        app = create_app({"TESTING": True, "DATA_DIR": str(data_dir),
                          "DATABASE_URL": database_url, "DIRECTORY_POLL_SECONDS": 0, **extra})
        apps.append(app)
        return app

    yield factory
    for app in apps:
        store = app.extensions.get("signpost_directory_store")
        if store is not None and store._pg_engine is not None:
            store._pg_engine.dispose()
