"""For professionals: duties, routes, thresholds, what to gather, and whether to share.

GET shows the form; POST renders the result in the response (no redirect, nothing stored,
P6). The printable summary is a POST too: the answers travel in the request body, never in a
URL, and the summary page itself holds no personal data (no age, no free text, no inputs).
"""
from __future__ import annotations

from signpost.render_cache import cached_page
from flask import Blueprint, abort, render_template, request, url_for
from werkzeug.routing import BuildError

from pathways import FactsError, assess, recommend, validate_facts
from pathways.cautions import CAUTIONS, N_
from pathways.staff import NOT_APPLYING, age_band
from signpost.i18n import gettext as _
from signpost.directory.store import snapshot_or_none as _snapshot
from signpost.staff_forms import StaffForm, answers_for_resubmit, facts_from_form, is_tampered

bp = Blueprint("staff", __name__)

CONFIDENCE_LABELS = {
    "confirmed": N_("confirmed"),
    "secondary": N_("from a secondary source"),
    "unverified": N_("unverified: check before use"),
}




def _link(endpoint: str, fallback: str) -> str:
    try:
        return url_for(endpoint)
    except BuildError:
        return url_for(fallback)


def _contact_rows(service) -> list[dict]:
    rows = []
    for c in getattr(service, "contacts", ()) or ():
        confidence = str(getattr(c, "confidence", "") or "unverified")
        rows.append({
            "kind": str(getattr(c, "kind", "") or ""),
            "value": str(getattr(c, "value", "") or ""),
            "label": str(getattr(c, "label", "") or ""),
            "hours": str(getattr(c, "hours", "") or ""),
            "href": getattr(c, "href", None),
            "source": str(getattr(c, "source", "") or ""),
            "checked": str(getattr(c, "checked", "") or ""),
            "confidence": confidence,
            "confidence_label": _(CONFIDENCE_LABELS.get(confidence, CONFIDENCE_LABELS["unverified"])),
            "unverified": confidence not in ("confirmed", "secondary"),
        })
    return rows


def _service(snapshot, route_id: str) -> dict:
    svc = snapshot.by_id.get(route_id) if snapshot is not None else None
    if svc is None:
        return {"id": route_id, "name": route_id, "code": None, "contacts": [], "missing": True,
                "how_else": ""}
    return {"id": route_id, "name": str(svc.name), "code": getattr(svc, "code", None),
            "contacts": _contact_rows(svc), "missing": False,
            "how_else": str(getattr(svc, "how_else", "") or "")}


def _routes(facts: dict, snapshot) -> tuple[list[dict] | None, list[dict]]:
    try:
        result = recommend(facts)
    except Exception:  # pragma: no cover - a broken engine must not take the staff page down
        return None, []
    routes = []
    for r in result.get("routes", []):
        svc = _service(snapshot, r["id"])
        routes.append({**svc, "priority": r.get("priority", "also"),
                       "reasons": [_(str(x)) for x in r.get("reasons", [])],
                       "rules": list(r.get("rules", []))})
    cautions = []
    for cid in result.get("cautions", []):
        c = CAUTIONS.get(cid)
        if c is not None:
            cautions.append({"id": cid, "title": _(c.title), "text": _(c.text)})
    return routes, cautions


def _parse():
    """Read the posted answers: (form, facts) or (form, None) when there are fixable mistakes."""
    if is_tampered(request.form):
        abort(400)
    form = StaffForm(request.form)
    if not form.validate():
        return form, None
    try:
        facts = validate_facts(facts_from_form(form))
    except FactsError:
        abort(400)
    return form, facts


def _result_context(form: StaffForm, facts: dict) -> dict:
    """The engine's findings (pathways.assess) as they are, with the directory's contacts."""
    snapshot = _snapshot()
    findings = assess(facts)
    services = {}
    for f in findings:
        for rid in f["routes"]:
            if rid not in services:
                services[rid] = _service(snapshot, rid)
    routes, cautions = _routes(facts, snapshot)
    concerns_labels = [str(dict(form.concerns.choices).get(c, c)) for c in facts.get("concerns", [])]
    return {
        "findings": findings,
        "not_applying": NOT_APPLYING,
        "services": services,
        "routes": routes,
        "cautions": cautions,
        "band": age_band(facts),
        "concerns": concerns_labels,
        "answers": answers_for_resubmit(form),
        "directory_href": _link("directory.staff_view", "directory.browse"),
        "data_version": getattr(snapshot, "version", None),
        "directory_available": snapshot is not None,
    }


@bp.route("/staff", methods=["GET", "POST"])
@cached_page
def start():
    """For professionals: the form (GET) and the result (POST, rendered in the response)."""
    if request.method == "GET":
        return render_template("staff/start.html", form=StaffForm(), errors=[])
    form, facts = _parse()
    if facts is None:
        errors = []
        for name, messages in form.errors.items():
            field = form[name]
            anchor = field.id if field.type == "_WholeNumber" else f"{field.id}-0"
            errors.append((anchor, str(messages[0])))
        return render_template("staff/start.html", form=form, errors=errors), 400
    return render_template("staff/result.html", form=form, **_result_context(form, facts))


@bp.post("/staff/summary")
def summary():
    """A compact, printable one-page summary of the same answers, with no personal data."""
    form, facts = _parse()
    if facts is None:
        abort(400)  # the summary form only carries answers that were valid a moment ago
    return render_template("staff/summary.html", **_result_context(form, facts))
