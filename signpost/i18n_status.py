"""How complete each language is, its status (draft or reviewed) and when it last changed.

Read from the .po files (the .pot gives the total), cached by file modification time, so
the /translations page costs nothing after the first visit.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path

from signpost.i18n import LOCALES, Locale


@dataclass(frozen=True)
class LocaleStats:
    locale: Locale
    translated: int
    total: int
    revised: date | None        # PO-Revision-Date of the catalog (None if never set)
    has_catalog: bool

    @property
    def percent(self) -> int:
        """Whole percent, rounded down so 99.6% never shows as 100%."""
        return 100 if self.total == 0 else (100 * self.translated) // self.total

    @property
    def status(self) -> str:
        return self.locale.status


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return -1.0


@lru_cache(maxsize=64)
def _stats(po: str, po_mtime: float, pot: str, pot_mtime: float, tag: str) -> tuple:
    from signpost.i18n_commands import _read, completeness
    template = _read(Path(pot)) if pot_mtime >= 0 else None
    if po_mtime < 0:
        total = len([m for m in template if m.id]) if template is not None else 0
        return 0, total, None, False
    try:
        translated, total = completeness(Path(po), tag, template)
        catalog = _read(Path(po), locale=tag)
    except Exception:  # noqa: BLE001 - a broken catalog shows as 0%, never as an error
        total = len([m for m in template if m.id]) if template is not None else 0
        return 0, total, None, True
    revised = catalog.revision_date
    revised = revised.date() if isinstance(revised, datetime) else None
    return translated, total, revised, True


def locale_stats(translations_dir) -> list[LocaleStats]:
    """One row per locale in LOCALES, in LOCALES order (English is the source: 100%)."""
    from signpost.i18n_commands import po_path, pot_path
    translations_dir = Path(translations_dir)
    pot = pot_path(translations_dir)
    rows = []
    for loc in LOCALES:
        if loc.tag == "en":
            total = _stats(str(pot), -1.0, str(pot), _mtime(pot), "en")[1]
            rows.append(LocaleStats(loc, total, total, None, True))
            continue
        po = po_path(translations_dir, loc.tag)
        translated, total, revised, has = _stats(str(po), _mtime(po), str(pot), _mtime(pot), loc.tag)
        rows.append(LocaleStats(loc, translated, total, revised, has))
    return rows
