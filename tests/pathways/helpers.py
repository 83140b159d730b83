"""Shared helpers for the pathway tests: paths, scenarios and directory eligibility."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
SCENARIOS = SHARED / "scenarios" / "examples.yaml"
DIRECTORY = ROOT / "directory.yaml"


@lru_cache(maxsize=1)
def scenarios() -> list[dict]:
    import yaml

    return yaml.safe_load(SCENARIOS.read_text(encoding="utf-8"))["scenarios"]


@lru_cache(maxsize=1)
def directory_eligibility() -> dict[str, tuple[int, int, tuple[str, ...]]] | None:
    """id -> (min_age, max_age, genders) read from directory.yaml, or None if absent."""
    if not DIRECTORY.exists():
        return None
    import strictyaml

    data = strictyaml.dirty_load(DIRECTORY.read_text(encoding="utf-8"), allow_flow_style=True).data
    out = {}
    for service in data["services"]:
        out[service["id"]] = (
            int(service.get("min_age", "0")),
            int(service.get("max_age", "120")),
            tuple(service.get("genders", ["any"])),
        )
    return out


def ids(recommendation: dict) -> list[str]:
    return [r["id"] for r in recommendation["routes"]]
