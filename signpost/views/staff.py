"""For professionals (placeholder until this task's blueprint lands)."""
from flask import Blueprint, render_template

bp = Blueprint("staff", __name__)


@bp.get("/staff")
def start():
    """For professionals."""
    return render_template("pages/placeholder.html", heading="For professionals")
