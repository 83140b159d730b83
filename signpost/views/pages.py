"""The fixed pages: home, staying safe online, privacy and accessibility."""
from flask import Blueprint, render_template

bp = Blueprint("pages", __name__)


@bp.get("/")
def home():
    """What this site does and the two ways in."""
    return render_template("pages/home.html")


@bp.get("/safety")
def safety():
    """How to browse more safely, and what this site cannot hide."""
    return render_template("pages/safety.html")


@bp.get("/privacy")
def privacy():
    """What we don't keep."""
    return render_template("pages/privacy.html")


@bp.get("/accessibility")
def accessibility():
    """The accessibility statement."""
    return render_template("pages/accessibility.html")


@bp.get("/emergency")
def emergency():
    """How to get help now: 999, silent calls, deaf access, the 24-hour helpline."""
    return render_template("pages/emergency.html")
