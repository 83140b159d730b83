"""How complete each language is, and whether a qualified translator has checked it."""
from __future__ import annotations

from babel.dates import format_date
from babel.numbers import format_decimal, format_percent
from flask import Blueprint, current_app, render_template

from signpost.i18n import current_locale
from signpost.i18n_status import locale_stats

bp = Blueprint("translations", __name__)


def _cldr(fn, value, tag, **kwargs) -> str:
    """A number or date in the reader's language, or plain English digits if CLDR has no data."""
    try:
        return fn(value, locale=tag.replace("-", "_"), **kwargs)
    except Exception:  # noqa: BLE001 - a formatting gap must never break the page
        return fn(value, locale="en", **kwargs)


@bp.get("/translations")
def status():
    """Each locale's completeness, status and date."""
    tag = current_locale().tag
    rows = []
    for row in locale_stats(current_app.config["TRANSLATIONS_DIR"]):
        rows.append({
            "locale": row.locale,
            "has_catalog": row.has_catalog,
            "reviewed": row.locale.status == "reviewed",
            "percent": _cldr(format_percent, row.percent / 100, tag),
            "translated": _cldr(format_decimal, row.translated, tag),
            "total": _cldr(format_decimal, row.total, tag),
            "revised_iso": row.revised.isoformat() if row.revised else "",
            "revised": _cldr(format_date, row.revised, tag, format="long") if row.revised else "",
        })
    return render_template("translations/status.html", rows=rows)
