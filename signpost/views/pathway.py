"""Answer a few questions: the web pathway, its JSON API and the pathway map.

Privacy (P6): every step is a POST to one URL and renders in the POST response; nothing the
person answers is ever put in a URL, a title, a link or a redirect. Trust (P16): the answers
travel in hidden fields and are decoded and revalidated at every step; anything our own pages
never send gives a 400 page (with the quick exit and the helplines).
"""
from __future__ import annotations

import json
from collections import OrderedDict

from signpost.render_cache import cached_page
from flask import (Blueprint, abort, current_app, get_template_attribute, jsonify, render_template,
                   request, url_for)
from markupsafe import Markup
from werkzeug.exceptions import HTTPException
from werkzeug.routing import BuildError

from pathways import CAUTIONS, RULES, FactsError, recommend, validate_facts
from pathways.questions import BY_ID, QUESTIONS, Question, questions_for
from pathways.engine import Eligibility, prepare_eligibility
from signpost import pathway_forms as pf
from signpost.i18n import gettext
from signpost.directory.store import snapshot_or_none as _snapshot

bp = Blueprint("pathway", __name__)
api_bp = Blueprint("pathway_api", __name__)

API_MAX_BYTES = 16 * 1024       # a facts object is a few hundred bytes
API_MAX_DEPTH_ERRORS = (RecursionError, MemoryError)

PRIORITY_LABELS = OrderedDict([
    ("urgent", pf.N_("Act now")),
    ("recommended", pf.N_("Best fit for you")),
    ("also", pf.N_("May also help")),
])
PRIORITY_LABELS_OTHER = {"recommended": pf.N_("Best fit for the person")}


# Shown only when the directory is unavailable (from shared/facts.md): English msgids,
# translated at render time (a directory service name is never translated).
ROUTE_NAMES = {
    'emergency-999': pf.N_('Police / ambulance emergency'),
    'silent-solution': pf.N_('Silent 999 from a mobile, press 55 when prompted'),
    'deaf-999-access': pf.N_('999 BSL, emergencySMS, Relay UK'),
    'police-101': pf.N_('Essex Police non-emergency, online reporting'),
    'police-dvpn-dvpo': pf.N_('Police protection notices and orders'),
    'clares-law': pf.N_('Domestic Violence Disclosure Scheme (right to ask / right to know)'),
    'national-da-helpline': pf.N_('National Domestic Abuse Helpline (Refuge), 24/7'),
    'mens-advice-line': pf.N_("Men's Advice Line (Respect)"),
    'galop': pf.N_('LGBT+ domestic abuse helpline'),
    'changing-pathways-outreach': pf.N_('Changing Pathways community outreach (standard/medium risk)'),
    'changing-pathways-idva': pf.N_('IDVA service for high-risk domestic abuse (Changing Pathways; health IDVA at Basildon hospital; BAME IDVA)'),
    'changing-pathways-stalking': pf.N_('Changing Pathways stalking advocacy caseworkers'),
    'refuge-accommodation': pf.N_('Refuge and safe accommodation (Changing Pathways refuges; national spaces via helplines)'),
    'marac-referral': pf.N_('Thurrock MARAC, professional referral for high-risk cases'),
    'thurrock-housing-safeguarding': pf.N_('Thurrock Council Housing Safeguarding Team'),
    'sanctuary-scheme': pf.N_('Security works so a survivor can stay at home'),
    'sericc': pf.N_('South Essex Rape and Incest Crisis Centre (ISVA, counselling, children and families)'),
    'oakwood-place-sarc': pf.N_('Essex Sexual Assault Referral Centre, Brentwood'),
    'rape-crisis-helpline': pf.N_('Rape and Sexual Abuse Support Line, 24/7, 16+'),
    'survivors-uk': pf.N_('Male and non-binary survivors of sexual violence'),
    'sexual-health-urgent': pf.N_('Emergency contraception and HIV PEP'),
    'project-goldcrest': pf.N_('Self-collected anonymous forensic samples for young people at risk of CSE'),
    'karma-nirvana': pf.N_("'honour'-based abuse and forced marriage helpline"),
    'forced-marriage-unit': pf.N_('Forced Marriage Unit'),
    'nspcc-fgm-helpline': pf.N_('NSPCC FGM helpline (status to confirm; NSPCC helpline as fallback)'),
    'police-101-fgm-report': pf.N_('The FGM mandatory report by a regulated professional'),
    'nspcc-helpline': pf.N_('NSPCC helpline for adults worried about a child'),
    'childline': pf.N_('Childline, under 19'),
    'report-remove': pf.N_('Childline and IWF Report Remove, nude images of under-18s'),
    'thurrock-mash': pf.N_("Thurrock children's social care front door (MASH; out-of-hours duty team)"),
    'adult-safeguarding': pf.N_('Thurrock adult safeguarding via Thurrock First'),
    'modern-slavery-helpline': pf.N_('Modern Slavery and Exploitation Helpline'),
    'nrm-first-responder': pf.N_('National Referral Mechanism referral / Duty to Notify'),
    'national-stalking-helpline': pf.N_('National Stalking Helpline (Suzy Lamplugh Trust)'),
    'paladin': pf.N_('Paladin, high-risk stalking advocacy'),
    'respect-phoneline': pf.N_('For people who want to stop being abusive'),
    'change-hub': pf.N_('Southend, Essex and Thurrock community perpetrator service'),
    'stop-it-now': pf.N_("For people worried about their own or another's sexual thoughts about children"),
    'revenge-porn-helpline': pf.N_('Intimate image abuse, adults'),
    'victim-support': pf.N_('Victim Support'),
    'samaritans': pf.N_('Emotional support, 24/7'),
    'nhs-111': pf.N_('Urgent medical help'),
    'ask-for-ani': pf.N_('Pharmacy codeword scheme'),
}


# The directory is optional here: `_snapshot()` is None when it is unavailable, and the
# engine answers on its own.


def _as_int(value, default: int) -> int:
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        return default


def eligibility_from(snapshot) -> dict | None:
    """Route id -> (min_age, max_age, genders) from the directory snapshot, or None."""
    if snapshot is None:
        return None
    table = {}
    try:
        for sid, svc in snapshot.by_id.items():
            genders = tuple(getattr(svc, "genders", None) or ("any",))
            table[sid] = (_as_int(getattr(svc, "min_age", 0), 0),
                          _as_int(getattr(svc, "max_age", 120), 120), genders)
    except Exception:
        return None
    return table


# One normalised table per data version: it depends on the directory alone.
_ELIGIBILITY: dict[str, Eligibility | None] = {}


def _eligibility(snapshot) -> Eligibility | None:
    if snapshot is None:
        return None
    version = getattr(snapshot, "version", None)
    table = _ELIGIBILITY.get(version) if version else None
    if table is None:
        raw = eligibility_from(snapshot)
        table = prepare_eligibility(raw) if raw is not None else None
        if version and table is not None:
            if len(_ELIGIBILITY) >= 4:
                _ELIGIBILITY.clear()
            _ELIGIBILITY[version] = table
    return table


def eligibility_from_current_directory() -> dict | None:
    return eligibility_from(_snapshot())


def _recommend(facts: dict, snapshot=None) -> dict:
    return recommend(facts, _eligibility(snapshot if snapshot is not None else _snapshot()))


# ---------------------------------------------------------------------------------------------
# JSON API: POST /api/v1/routes
# ---------------------------------------------------------------------------------------------

def _api_error(errors: list[str], status: int = 400):
    response = jsonify({"errors": errors})
    response.status_code = status
    return response


def _no_duplicates(pairs):
    obj = {}
    for key, value in pairs:
        if key in obj:
            raise ValueError(f"{key}: given more than once")
        obj[key] = value
    return obj


@api_bp.post("/routes")
def api_routes():
    """Facts in (JSON object), recommendation out (shared/facts.md)."""
    length = request.content_length
    if length is not None and length > API_MAX_BYTES:
        return _api_error([f"body: too large (at most {API_MAX_BYTES} bytes)"])
    try:
        raw = request.get_data(cache=False)
    except HTTPException:
        return _api_error([f"body: too large (at most {API_MAX_BYTES} bytes)"])
    if len(raw) > API_MAX_BYTES:
        return _api_error([f"body: too large (at most {API_MAX_BYTES} bytes)"])
    if not raw.strip():
        return _api_error(["body: must be a JSON object of facts"])
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return _api_error(["body: must be UTF-8 JSON"])
    try:
        body = json.loads(text, object_pairs_hook=_no_duplicates)
    except ValueError as exc:  # JSONDecodeError, duplicate keys, huge integers
        message = str(exc) if "given more than once" in str(exc) else "body: not valid JSON"
        return _api_error([message[:200]])
    except API_MAX_DEPTH_ERRORS:
        return _api_error(["body: nested too deeply"])
    if not isinstance(body, dict):
        return _api_error(["body: must be a JSON object of facts"])
    try:
        facts = validate_facts(body)
    except FactsError as exc:
        return _api_error([str(e)[:300] for e in exc.errors] or ["body: invalid facts"])
    except Exception:
        return _api_error(["body: invalid facts"])
    body = json.dumps(_recommend(facts), ensure_ascii=False)
    return current_app.response_class(body, status=200, mimetype="application/json")


# ---------------------------------------------------------------------------------------------
# The web flow
# ---------------------------------------------------------------------------------------------

def _staff_url() -> str | None:
    if "staff.start" not in current_app.view_functions:
        return None
    try:
        return url_for("staff.start")
    except BuildError:
        return None


def _service_url(service) -> str | None:
    code = getattr(service, "code", None)
    if not code or "directory.service" not in current_app.view_functions:
        return None
    for arg in ("code", "n"):
        try:
            return url_for("directory.service", **{arg: code})
        except BuildError:
            continue
    return None


def _common(state_facts: dict, seen, skipped, step: str) -> dict:
    return {
        "hidden": pf.hidden_fields(state_facts, seen, skipped),
        "step": step,
        "back_to": pf.previous_step(step, state_facts) if step != "danger" else None,
        "someone_else": state_facts.get("role") == "someone-else",
        "action": url_for("pathway.step"),
    }


def render_question(question: Question, facts: dict, seen, skipped, error: str | None = None,
                    typed: str | None = None):
    number, total = pf.position(question, facts)
    values = pf.current_values(question, facts)
    if typed is not None:
        values = [typed]
    ctx = _common(facts, seen, skipped, question.id)
    body = render_template(
        "pathway/question.html", q=question, number=number, total=total, values=values,
        wording=question.wording(facts), hint=question.hint_for(facts), facts=facts, error=error, **ctx)
    return body, 200


def render_check(facts: dict, seen, skipped):
    rows = []
    for q in questions_for(facts):
        if q.id not in seen and q.id not in skipped:
            continue
        labels = pf.answer_labels(q, facts, q.id in seen) if q.id in seen else []
        rows.append({"q": q, "wording": q.wording(facts), "labels": labels,
                     "skipped": q.id in skipped, "is_number": q.kind == "age"})
    ctx = _common(facts, seen, skipped, "check")
    return render_template("pathway/check.html", rows=rows, **ctx), 200


def _contacts(service) -> list:
    try:
        return list(getattr(service, "public_contacts", ()) or ())
    except Exception:
        return []


def _route_name(route_id: str) -> str:
    """The readable name of a route when the directory has no entry for it, translated."""
    name = ROUTE_NAMES.get(route_id)
    return gettext(name) if name else route_id


def _route_card(route_id: str, service) -> dict:
    return {
        "id": route_id,
        "name": getattr(service, "name", None) or _route_name(route_id),
        "summary": getattr(service, "summary", None),
        "contacts": _contacts(service) if service is not None else [],
        "url": _service_url(service) if service is not None else None,
    }


def _render_parts(card: dict) -> tuple[Markup, Markup]:
    head = get_template_attribute("pathway/_route.html", "head")
    tail = get_template_attribute("pathway/_route.html", "tail")
    return Markup(head(card)), Markup(tail(card))


def route_parts(snapshot) -> dict[str, tuple[Markup, Markup]]:
    """Head and tail of every directory entry's route card, in the page's language; a result
    page only adds the reasons and rule numbers."""
    if snapshot is None:
        return {}
    from signpost.render_cache import for_every_entry
    return for_every_entry("route-parts", snapshot, lambda s: _render_parts(_route_card(s.id, s)))


def render_result(facts: dict, seen, skipped):
    snapshot = _snapshot()
    rec = _recommend(facts, snapshot)
    parts = route_parts(snapshot)
    groups = OrderedDict((p, []) for p in PRIORITY_LABELS)
    for route in rec["routes"]:
        head, tail = parts.get(route["id"]) or _render_parts(_route_card(route["id"], None))
        groups.setdefault(route["priority"], []).append({
            "id": route["id"],
            "priority": route["priority"],
            "reasons": route["reasons"],
            "rules": route["rules"],
            "head": head,
            "tail": tail,
        })
    caution_ids = list(rec["cautions"])
    if "not-a-risk-assessment" not in caution_ids and "not-a-risk-assessment" in CAUTIONS:
        caution_ids.append("not-a-risk-assessment")
    cautions = [CAUTIONS[c] for c in caution_ids if c in CAUTIONS]
    labels = dict(PRIORITY_LABELS)
    if facts.get("role") == "someone-else":
        labels.update(PRIORITY_LABELS_OTHER)
    ctx = _common(facts, seen, skipped, "result")
    body = render_template(
        "pathway/result.html", groups=[(p, labels.get(p, p), items) for p, items in groups.items() if items],
        cautions=cautions, directory_missing=snapshot is None, **ctx)
    return body, 200


EMERGENCY_SERVICES = ("silent-solution", "deaf-999-access")


def render_emergency(facts: dict, seen, skipped):
    snapshot = _snapshot()
    by_id = getattr(snapshot, "by_id", {}) if snapshot is not None else {}
    services = []
    for sid in EMERGENCY_SERVICES:
        service = by_id.get(sid)
        if service is not None:
            services.append({"id": sid, "name": service.name, "summary": getattr(service, "summary", None),
                             "contacts": _contacts(service)})
    ctx = _common(facts, seen, skipped, "emergency")
    return render_template("pathway/emergency.html", silent=CAUTIONS.get("silent-call"),
                           services=services, **ctx), 200


def render_professional(facts: dict, seen, skipped):
    ctx = _common(facts, seen, skipped, "professional")
    return render_template("pathway/professional.html", staff_url=_staff_url(), **ctx), 200


def _show(step: str, facts: dict, seen, skipped):
    if step in BY_ID:
        return render_question(BY_ID[step], facts, seen, skipped)
    if step == "emergency":
        return render_emergency(facts, seen, skipped)
    if step == "professional":
        return render_professional(facts, seen, skipped)
    if step == "result":
        return render_result(facts, seen, skipped)
    return render_check(facts, seen, skipped)


def _forward(facts: dict, seen, skipped):
    """The next unanswered question the answers make relevant, or the check page."""
    question = pf.next_question(facts, set(seen) | set(skipped))
    if question is None:
        return render_check(facts, seen, skipped)
    return render_question(question, facts, seen, skipped)


@bp.get("/questions")
@cached_page
def start():
    """The first question (nothing answered yet)."""
    return render_question(QUESTIONS[0], {}, [], [])


@bp.post("/questions")
def step():
    """Every later step: read and revalidate all answers, then act on the button pressed."""
    try:
        state = pf.read_state(request.form)
    except pf.Tampered:
        abort(400)
    facts, seen, skipped, current, do = state.facts, state.seen, state.skipped, state.step, state.do

    if do == "answer":
        question = BY_ID.get(current)
        if question is None:
            abort(400)
        try:
            facts = pf.apply_answer(question, facts, request.form)
            facts = validate_facts(facts)
        except pf.Missing as missing:
            typed = request.form.get("answer", "") if question.kind == "age" else None
            return render_question(question, facts, seen, skipped, error=missing.message, typed=typed)
        except (pf.Tampered, FactsError):
            abort(400)
        seen = [s for s in seen if s != question.id] + [question.id]
        skipped = [s for s in skipped if s != question.id]
        if question.id == "danger" and facts.get("danger_now") is True:
            return render_emergency(facts, seen, skipped)
        if question.id == "role" and facts.get("role") == "professional":
            return render_professional(facts, seen, skipped)
        return _forward(facts, seen, skipped)

    if do == "skip":
        question = BY_ID.get(current)
        if question is None or not question.skippable:
            abort(400)
        facts = pf.clear_answer(question, facts)
        seen = [s for s in seen if s != question.id]
        skipped = [s for s in skipped if s != question.id] + [question.id]
        return _forward(facts, seen, skipped)

    if do == "next":
        return _forward(facts, seen, skipped)

    if do == "back":
        target = pf.previous_step(current, facts)
        if target is None:
            return render_question(QUESTIONS[0], facts, seen, skipped)
        return _show(target, facts, seen, skipped)

    if do.startswith("change:"):
        target = do[len("change:"):]
        if target not in BY_ID:
            abort(400)
        return render_question(BY_ID[target], facts, seen, skipped)

    if do == "check":
        return render_check(facts, seen, skipped)

    if do == "result":
        return render_result(facts, seen, skipped)

    abort(400)


# ---------------------------------------------------------------------------------------------
# The pathway map, for staff and trainers
# ---------------------------------------------------------------------------------------------

AREA_LABELS = OrderedDict([
    ("danger", pf.N_("Danger now, and ways to call for help")),
    ("domestic-abuse", pf.N_("Domestic abuse")),
    ("housing", pf.N_("Housing: leaving or staying")),
    ("stalking", pf.N_("Stalking")),
    ("sexual-violence", pf.N_("Rape and sexual assault")),
    ("children", pf.N_("Children and young people")),
    ("images", pf.N_("Intimate images")),
    ("harassment", pf.N_("Sexual harassment")),
    ("honour-based-abuse", pf.N_("'Honour'-based abuse")),
    ("forced-marriage", pf.N_("Forced marriage")),
    ("fgm", pf.N_("Female genital mutilation")),
    ("modern-slavery", pf.N_("Modern slavery and exploitation")),
    ("adults", pf.N_("Adults with care and support needs")),
    ("own-behaviour", pf.N_("Worried about their own behaviour")),
    ("not-sure", pf.N_("Not sure what is happening")),
    ("cautions", pf.N_("Safety cautions")),
    ("", pf.N_("Other rules")),
])


def _describe(cond) -> str:
    try:
        return cond.describe()
    except Exception:
        return str(cond)


def map_groups() -> list[dict]:
    groups = OrderedDict((area, []) for area in AREA_LABELS)
    for rule in RULES:
        area = getattr(rule, "area", "") or ""
        groups.setdefault(area, []).append({
            "key": rule.key,
            "numbers": list(rule.rules),
            "when": _describe(rule.when),
            "routes": list(rule.routes),
            "reason": rule.reason.you if rule.reason else "",
            "cautions": [CAUTIONS[c] for c in rule.cautions if c in CAUTIONS],
            "fallback": bool(getattr(rule, "fallback", False)),
        })
    return [{"area": area, "label": AREA_LABELS.get(area, area), "rules": rules}
            for area, rules in groups.items() if rules]


@bp.get("/questions/map")
@cached_page
def map():  # noqa: A001 - the endpoint name is part of the contract (pathway.map)
    """Every rule, grouped by concern, with the routes it adds and their priority."""
    snapshot = _snapshot()
    names = {sid: getattr(s, "name", sid) for sid, s in (getattr(snapshot, "by_id", {}) or {}).items()}
    return render_template("pathway/map.html", groups=map_groups(), names=names,
                           priority_labels=PRIORITY_LABELS)
