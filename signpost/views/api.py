"""The JSON API under /api/v1 (each task's module may add its own `api_bp` too)."""
from flask import Blueprint

bp = None
api_bp = Blueprint("api", __name__)
