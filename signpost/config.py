"""Configuration: safe defaults, then SIGNPOST_* environment variables, then test_config."""
from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

DEFAULTS = {
    # No SECRET_KEY on purpose: there are no sessions, so any use of one fails loudly (P1).
    "DEBUG": False,
    "TESTING": False,
    "PROPAGATE_EXCEPTIONS": False,
    "TRAP_HTTP_EXCEPTIONS": False,
    "SESSION_COOKIE_NAME": None,
    "MAX_CONTENT_LENGTH": 64 * 1024,
    "MAX_FORM_MEMORY_SIZE": 64 * 1024,
    "MAX_FORM_PARTS": 200,
    "JSON_SORT_KEYS": False,
    "DIRECTORY_PATH": str(ROOT / "directory.yaml"),
    "DATA_DIR": str(ROOT / "instance" / "data"),
    # Empty means the embedded SQLite file of the current data version.
    "DATABASE_URL": "",
    "EXIT_URL": "https://www.bbc.co.uk/weather",
    "STALE_DAYS": 365,
    "HSTS": True,
    "SEARCH_BUDGET_MS": 200,
    "TRANSLATIONS_DIR": str(ROOT / "translations"),
    "DEFAULT_LOCALE": "en",
    # A name, like a service's name: never translated.
    "SITE_NAME": "Signpost",
}

# Environment variables a deployment may set (documented in README.md).
ENV_VARS = {
    "SIGNPOST_DIRECTORY_PATH": ("DIRECTORY_PATH", str),
    "SIGNPOST_DATA_DIR": ("DATA_DIR", str),
    "SIGNPOST_DATABASE_URL": ("DATABASE_URL", str),
    "SIGNPOST_EXIT_URL": ("EXIT_URL", str),
    "SIGNPOST_STALE_DAYS": ("STALE_DAYS", int),
    "SIGNPOST_HSTS": ("HSTS", lambda v: v.strip().lower() not in {"0", "false", "no", "off"}),
    "SIGNPOST_MAX_CONTENT_LENGTH": ("MAX_CONTENT_LENGTH", int),
    "SIGNPOST_SEARCH_BUDGET_MS": ("SEARCH_BUDGET_MS", int),
}


def load(test_config: dict | None = None) -> dict:
    """Return the settings: defaults, overridden by the environment, then by test_config."""
    settings = dict(DEFAULTS)
    for var, (key, convert) in ENV_VARS.items():
        if var in os.environ:
            settings[key] = convert(os.environ[var])
    if test_config:
        settings.update(test_config)
    return settings
