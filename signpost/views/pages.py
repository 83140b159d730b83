"""The fixed pages: home, staying safe online, privacy and accessibility."""
from flask import Blueprint, render_template

from signpost.render_cache import cached_page

bp = Blueprint("pages", __name__)


@bp.get("/")
@cached_page
def home():
    """What this site does and the two ways in."""
    return render_template("pages/home.html")


@bp.get("/safety")
@cached_page
def safety():
    """How to browse more safely, and what this site cannot hide."""
    return render_template("pages/safety.html")


@bp.get("/privacy")
@cached_page
def privacy():
    """What we don't keep."""
    return render_template("pages/privacy.html")


@bp.get("/accessibility")
@cached_page
def accessibility():
    """The accessibility statement."""
    return render_template("pages/accessibility.html")


@bp.get("/emergency")
@cached_page
def emergency():
    """How to get help now: 999, silent calls, deaf access, the 24-hour helpline."""
    return render_template("pages/emergency.html")
