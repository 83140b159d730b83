"""Answer a few questions (placeholder until this task's blueprint lands)."""
from flask import Blueprint, render_template

bp = Blueprint("pathway", __name__)


@bp.get("/questions")
def start():
    """Answer a few questions."""
    return render_template("pages/placeholder.html", heading="Answer a few questions")
