"""Find a service (placeholder until this task's blueprint lands)."""
from flask import Blueprint, render_template

bp = Blueprint("directory", __name__)


@bp.get("/services")
def browse():
    """Find a service."""
    return render_template("pages/placeholder.html", heading="Find a service")
