"""Find a service: browse and filter the directory, one page per service, and the staff view.

Filters are a POST form whose results render in the response (never a redirect), so what a
person chose never reaches a URL, a title or the browser history (P6). Public pages show only
contacts whose confidence is `confirmed` or `secondary`, and never list staff-only referral
routes as something to contact; the staff view shows everything, with provenance.
"""
from __future__ import annotations

import datetime as dt

from flask import Blueprint, abort, current_app, get_template_attribute, render_template, request
from markupsafe import Markup

from signpost.directory import hours
from signpost.directory_forms import (
    ACCESS_LABELS, CHOICE_FIELDS, CONCERN_TAGS, BrowseFiltersForm,
)
from signpost.i18n import gettext as _
from signpost.i18n import lazy_gettext

bp = Blueprint("directory", __name__)


# --- data access -------------------------------------------------------------------------

def _snapshot():
    """The current directory data (raises DataUnavailable -> 503 page with helplines)."""
    from signpost.directory.store import current_snapshot
    return current_snapshot()


def _cached(view):
    """Cache a GET page per (locale, data version, URL) when the render cache exists."""
    try:
        from signpost.render_cache import cached_page
    except ImportError:
        return view
    return cached_page(view)


# --- filtering ---------------------------------------------------------------------------

def _as_int(value, default: int) -> int:
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        return default


def public_services(snapshot) -> list:
    """Services a member of the public may contact (staff-only routes left out)."""
    return [s for s in snapshot.services if s.audience != "professional"]


def matches(service, filters: dict) -> bool:
    """Does a service fit every filter that was chosen? (Empty filters match everything.)"""
    concerns = filters.get("concerns") or ()
    if concerns and not set(concerns) & set(service.concerns):
        return False
    age = filters.get("age")
    if age is not None:
        if not _as_int(service.min_age, 0) <= age <= _as_int(service.max_age, 120):
            return False
    gender = filters.get("gender")
    if gender and not ({"any", gender} & set(service.genders)):
        return False
    access = filters.get("access") or ()
    if access and not set(access) & set(service.access):
        return False
    scope = filters.get("scope")
    if scope and service.scope != scope:
        return False
    return True


# --- hours and dates ---------------------------------------------------------------------

def open_now(spec: str | None, now: dt.datetime | None = None) -> bool | None:
    """True / False in Europe/London time, or None when the contact gives no machine hours."""
    if not spec:
        return None
    try:
        state = hours.is_open(spec, now or hours.london_now())
    except Exception:  # an unreadable spec must never break a page: say nothing
        return None
    return None if state is None else bool(state)


def _parse_date(value) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        return None


def show_date(value) -> str:
    """A checked date in the page's language, or the raw text if it is not a date."""
    day = _parse_date(value)
    if day is None:
        return str(value or "")
    try:
        from flask_babel import format_date

        from signpost.i18n import current_locale
        # Babel's "en" is American; this site's English is British (21 November 2026).
        return format_date(day, format="d MMMM y" if current_locale().tag == "en" else "long")
    except Exception:
        return day.isoformat()


def is_stale(value, today: dt.date | None = None) -> bool:
    day = _parse_date(value)
    if day is None:
        return True
    today = today or hours.london_now().date()
    return (today - day).days > int(current_app.config.get("STALE_DAYS", 365))


# --- rendering helpers -------------------------------------------------------------------

CONTACT_KINDS = {
    "phone": lazy_gettext("Phone"),
    "text": lazy_gettext("Text"),
    "textphone": lazy_gettext("Textphone"),
    "web": lazy_gettext("Website"),
    "email": lazy_gettext("Email"),
    "chat": lazy_gettext("Online chat"),
}

SCOPE_LABELS = {
    "local": lazy_gettext("Thurrock and Essex"),
    "national": lazy_gettext("Across the UK"),
}

GENDER_LABELS = {
    "any": lazy_gettext("Anyone"),
    "female": lazy_gettext("Women and girls"),
    "male": lazy_gettext("Men and boys"),
    "non-binary": lazy_gettext("Non-binary people"),
}


def ages_text(service) -> str:
    low, high = _as_int(service.min_age, 0), _as_int(service.max_age, 120)
    if low <= 0 and high >= 120:
        return _("Any age")
    if high >= 120:
        return _("%(age)s and over", age=low)
    if low <= 0:
        return _("Up to %(age)s", age=high)
    return _("%(low)s to %(high)s", low=low, high=high)


def genders_text(service) -> str:
    genders = list(service.genders) or ["any"]
    if "any" in genders:
        return str(GENDER_LABELS["any"])
    return ", ".join(str(GENDER_LABELS.get(g, g)) for g in genders)


def offers_html(service) -> Markup:
    """The sanitised rich text, translated; a translation is sanitised again before use (P11)."""
    english = service.offers or ""
    translated = _(english) if english else ""
    if translated and translated != english:
        from signpost.sanitize import clean_rich_text
        try:
            translated = clean_rich_text(translated)
        except Exception:  # a broken translation falls back to the English
            translated = english
    # The loader sanitised `offers` with nh3 once, at load (the only markup we trust).
    return Markup(translated)


def main_contact(service):
    """The contact to show first on a card: a public phone line if there is one."""
    contacts = list(service.public_contacts)
    for kind in ("phone", "text", "web", "email", "chat", "textphone"):
        for contact in contacts:
            if contact.kind == kind:
                return contact
    return contacts[0] if contacts else None


def _label(mapping: dict, key: str) -> str:
    """A label from one of the lazy-msgid tables, as plain text (the template escapes it)."""
    return str(mapping.get(key, key))


def service_cards(ctx) -> dict[str, Markup]:
    """Every service's card in the list, rendered once per (locale, data version).

    The list page shows up to ~60 cards; a card holds nothing that changes with the clock
    or the visitor, so it is kept with the cached pages instead of being rendered every POST.
    """
    from signpost.render_cache import for_every_entry
    card = get_template_attribute("_macros/service.html", "service_card")
    return for_every_entry("card", _snapshot(), lambda s: Markup(card(s, ctx)))


def _common_context() -> dict:
    ctx = {
        "label": _label,
        "concern_tags": CONCERN_TAGS,
        "access_labels": ACCESS_LABELS,
        "contact_kinds": CONTACT_KINDS,
        "scope_labels": SCOPE_LABELS,
        "ages_text": ages_text,
        "genders_text": genders_text,
        "main_contact": main_contact,
        "show_date": show_date,
        "is_stale": is_stale,
        "open_now": open_now,
        "stale_days": int(current_app.config.get("STALE_DAYS", 365)),
    }
    cards = {}   # looked up on the page's first card, not once per card

    def card(service) -> Markup:
        if not cards:
            cards.update(service_cards(ctx))
        return cards[service.id]

    ctx["card"] = card
    return {"ctx": ctx}


# --- views -------------------------------------------------------------------------------

@_cached
def _browse_all():
    snapshot = _snapshot()
    services = public_services(snapshot)
    return render_template(
        "directory/browse.html", form=BrowseFiltersForm(), services=services,
        filtered=False, total=len(services), **_common_context())


@bp.route("/services", methods=["GET", "POST"])
def browse():
    """Find a service: every public service, and a filter form whose results come back in the POST."""
    if request.method == "GET":
        return _browse_all()
    snapshot = _snapshot()
    everything = public_services(snapshot)
    form = BrowseFiltersForm(request.form)
    if not form.validate():
        tampered = form.tampered()
        for name in CHOICE_FIELDS:
            if form[name].errors:
                form[name].errors = [lazy_gettext("Choose from the options shown.")]
        body = render_template(
            "directory/browse.html", form=form, services=everything, filtered=False,
            total=len(everything), has_errors=True, **_common_context())
        # A value the page never offered is tampering (400); a mistyped age is ours to explain.
        return body, 400 if tampered else 200
    filters = form.filters()
    services = [s for s in everything if matches(s, filters)]
    return render_template(
        "directory/browse.html", form=form, services=services, filtered=True,
        total=len(everything), **_common_context())


def _service_by_code(code: str):
    snapshot = _snapshot()
    if len(code) > 40 or not code.isascii():
        abort(404)
    service = snapshot.by_code.get(code)
    if service is None:
        abort(404)
    return snapshot, service


def _related(snapshot, service, public_only: bool) -> list:
    out = []
    for rid in service.related or ():
        other = snapshot.by_id.get(rid)
        if other is None or other is service:
            continue
        if public_only and other.audience == "professional":
            continue
        out.append(other)
    return out


def _service_signature(service) -> tuple:
    """What changes on a service page over time (open/closed, stale notes), for the cache key."""
    states = "".join({True: "o", False: "c"}.get(open_now(c.open), "-")
                     for c in service.public_contacts)
    return (states, *_today_key())


def _render_service(code: str):
    snapshot, service = _service_by_code(code)
    return render_template(
        "directory/service.html", service=service, offers=offers_html(service),
        related=_related(snapshot, service, public_only=True),
        professional_only=service.audience == "professional", **_common_context())


def _cached_by(extra_key: tuple, render):
    """Keep a page in the shared render cache under (locale, data version, endpoint, extra_key).

    For pages that also depend on the clock ("open now", stale notes): the caller puts what
    changes into extra_key, so the page is re-rendered when it changes.
    """
    try:
        from signpost.render_cache import page_cache
    except ImportError:
        return render()
    if current_app.config.get("RENDER_CACHE_DISABLED"):
        return render()
    from signpost.i18n import current_locale
    from signpost.render_cache import mark_ready
    version = _snapshot().version
    key = (current_locale().tag, version, request.endpoint, extra_key)
    cache = page_cache()
    hit = cache.get(key)
    if hit is None:
        hit = render()
        cache.put(key, hit)
    if request.method == "GET" and not request.query_string:
        mark_ready(version)
    return hit


def _today_key() -> tuple:
    return (hours.london_now().date().isoformat(), current_app.config.get("STALE_DAYS", 365))


@bp.get("/s/<code>")
def service(code: str):
    """One service: what it offers, who it is for, how to get in touch and when."""
    svc = _service_by_code(code)[1]
    return _cached_by((code, _service_signature(svc)), lambda: _render_service(code))


def _render_staff_view():
    snapshot = _snapshot()
    return render_template(
        "directory/staff.html", services=list(snapshot.services), **_common_context())


@bp.get("/staff/services")
def staff_view():
    """The staff directory: every entry, staff-only routes included, with each contact's provenance."""
    return _cached_by(_today_key(), _render_staff_view)


