"""How complete each language is, and whether a qualified translator has checked it."""
from flask import Blueprint, render_template

from signpost.i18n import LOCALES

bp = Blueprint("translations", __name__)


@bp.get("/translations")
def status():
    """Each locale's completeness, status and date."""
    return render_template("translations/status.html", rows=[(loc, None) for loc in LOCALES])
