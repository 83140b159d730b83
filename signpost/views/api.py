"""The JSON API under /api/v1 (each task's module may add its own `api_bp` too).

Open data: the directory as Open Referral UK (HSDS 3.0 UK profile) services.
"""
from flask import Blueprint, jsonify, request

from signpost.directory import oruk
from signpost.directory.store import current_snapshot

bp = None
api_bp = Blueprint("api", __name__)


def _errors(status: int, *messages: str):
    response = jsonify({"errors": list(messages)})
    response.status_code = status
    return response


@api_bp.get("/services")
def services():
    """A page of services as Open Referral UK JSON (?page=, ?per_page=)."""
    page, per_page, errors = oruk.parse_paging(request.args)
    if errors:
        return _errors(400, *errors)
    return jsonify(oruk.page_of(current_snapshot(), page, per_page))


@api_bp.get("/services/<string:service_id>")
def service(service_id: str):
    """One service as Open Referral UK JSON, by its uuid."""
    record = oruk.find(current_snapshot(), service_id)
    if record is None:
        return _errors(404, "No service has this id.")
    return jsonify(record)
