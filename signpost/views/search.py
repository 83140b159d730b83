"""Search (placeholder until this task's blueprint lands)."""
from flask import Blueprint, render_template

bp = Blueprint("search", __name__)


@bp.get("/search")
def search():
    """Search."""
    return render_template("pages/placeholder.html", heading="Search")
