"""Open Referral UK export (HSDS 3.0 UK profile): /api/v1/services and /api/v1/services/<id>.

Each service validates against oruk-schema/service.json. Ids are uuid5(NAMESPACE, slug) so they
never change while the slug stays. Only what the public site shows is exported: no unverified
contact, and no staff-only (audience: professional) entry. The output depends only on the data
version, so it is computed once per version and is identical across builds and processes.
"""
from __future__ import annotations

import threading
import uuid
from collections import OrderedDict
from math import ceil

from signpost import sanitize
from signpost.directory import hours, loader

# Fixed for ever: changing it would change every exported id.
NAMESPACE = uuid.UUID("17f42138-bcb0-4cc9-886e-ae5e315f3140")
DEFAULT_PER_PAGE = 50
MAX_PER_PAGE = 100
ISO_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
TAXONOMIES = {
    "signpost-concern": "What the service helps with (facts.md concern id)",
    "signpost-gender": "Genders the service is for",
    "signpost-access": "How people reach the service",
    "signpost-kind": "Kind of entry",
}
PHONE_KINDS = {"phone": "voice", "textphone": "textphone", "text": "text"}


def oruk_id(*parts: str) -> str:
    """A stable uuid5 from the slug (and, for nested records, what they belong to)."""
    return str(uuid.uuid5(NAMESPACE, "/".join(parts)))


def service_uuid(service_id: str) -> str:
    return oruk_id(service_id)


def exportable(service: loader.Service) -> bool:
    """Staff-only routes stay out of the open data."""
    return service.audience == "public"


def _time(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}:00"


def _closing(end: int) -> str:
    """A closing time; one that runs past midnight is given as the next day's clock time."""
    if end == 24 * 60:
        return "23:59:59"
    return _time(end % (24 * 60))


def _schedules(service: loader.Service, sid: str) -> list[dict]:
    out: list[dict] = []
    for index, contact in enumerate(service.contacts):
        if not contact.public or not (contact.hours or contact.open):
            continue
        what = contact.label or contact.kind
        description = f"{what}: {contact.hours}" if contact.hours else what
        base = {"service_id": sid, "description": description}
        if not contact.open:
            out.append({"id": oruk_id(service.id, "schedule", str(index)), **base})
            continue
        spec = hours.parse_open(contact.open)
        if spec.always:
            out.append({"id": oruk_id(service.id, "schedule", str(index)), **base,
                        "freq": "WEEKLY", "interval": 1, "byday": ",".join(ISO_DAYS),
                        "opens_at": "00:00:00", "closes_at": "23:59:59"})
            continue
        # Group days that share the same opening times into one weekly rule.
        groups: OrderedDict[tuple[int, int], list[int]] = OrderedDict()
        for span in spec.spans:
            groups.setdefault((span.start, span.end), []).append(span.day)
        for n, ((start, end), days) in enumerate(groups.items()):
            out.append({"id": oruk_id(service.id, "schedule", str(index), str(n)), **base,
                        "freq": "WEEKLY", "interval": 1,
                        "byday": ",".join(ISO_DAYS[d] for d in days),
                        "opens_at": _time(start), "closes_at": _closing(end)})
    return out


def _contacts_and_phones(service: loader.Service, sid: str) -> tuple[list[dict], list[dict]]:
    contacts, phones = [], []
    for index, contact in enumerate(service.contacts):
        if not contact.public:
            continue
        cid = oruk_id(service.id, "contact", str(index))
        record = {"id": cid, "service_id": sid, "name": contact.label or contact.kind.capitalize()}
        if contact.kind == "email":
            record["email"] = contact.value
        elif contact.kind in ("web", "chat") and contact.href:
            record["url"] = contact.href
        elif contact.kind in ("web", "chat"):
            record["description"] = contact.value
        if contact.kind in PHONE_KINDS:
            phone = {"id": oruk_id(service.id, "phone", str(index)), "contact_id": cid,
                     "number": contact.value, "type": PHONE_KINDS[contact.kind]}
            description = "; ".join(p for p in (contact.label, contact.hours) if p)
            if description:
                phone["description"] = description
            record["phones"] = [phone]
            phones.append({**phone, "service_id": sid})
        contacts.append(record)
    return contacts, phones


def _attributes(service: loader.Service, sid: str) -> list[dict]:
    out = []
    for taxonomy, values in (("signpost-concern", service.concerns),
                             ("signpost-gender", service.genders),
                             ("signpost-access", service.access),
                             ("signpost-kind", (service.kind,))):
        meaning = TAXONOMIES[taxonomy]
        for value in values:
            term_id = oruk_id("taxonomy", taxonomy, value)
            out.append({
                "id": oruk_id(service.id, "attribute", taxonomy, value),
                "link_id": sid,
                "link_type": "service",
                "taxonomy_term_id": term_id,
                "taxonomy_term": {"id": term_id, "name": value,
                                  "description": f"{meaning}: {value}",
                                  "taxonomy": taxonomy, "term": value},
            })
    return out


def export_service(service: loader.Service) -> dict:
    """One service as an Open Referral UK service object (public information only)."""
    sid = service_uuid(service.id)
    public = service.public_contacts
    offers = sanitize.to_plain_text(service.offers)
    description = "\n\n".join(p for p in (service.summary, offers, service.who_for,
                                           service.access_notes, service.safe_contact,
                                           service.how_else) if p)
    record: dict = {"id": sid, "name": service.name, "description": description,
                    "status": "active"}
    web = next((c for c in public if c.kind == "web" and c.href), None)
    if web:
        record["url"] = web.href
    email = next((c for c in public if c.kind == "email"), None)
    if email:
        record["email"] = email.value
    record["minimum_age"], record["maximum_age"] = service.age_range
    if service.last_checked:
        record["assured_date"] = service.last_checked
        record["last_modified"] = f"{service.last_checked}T00:00:00.000Z"
    record["schedules"] = _schedules(service, sid)
    record["service_areas"] = [{"id": oruk_id(service.id, "area"), "service_id": sid,
                                "name": service.area, "service_area": service.area}]
    if service.languages:
        record["languages"] = [{"id": oruk_id(service.id, "languages"), "service_id": sid,
                                "note": service.languages}]
    contacts, phones = _contacts_and_phones(service, sid)
    record["contacts"] = contacts
    record["phones"] = phones
    record["attributes"] = _attributes(service, sid)
    return record


class _Export:
    """Exported services for one data version, computed once."""

    def __init__(self, snapshot):
        self.version = snapshot.version
        services = [s for s in snapshot.services if exportable(s)]
        self.records = tuple(export_service(s) for s in services)
        self.by_uuid = {r["id"]: r for r in self.records}


_cache: OrderedDict[str, _Export] = OrderedDict()
_cache_lock = threading.Lock()


def export_for(snapshot) -> _Export:
    with _cache_lock:
        found = _cache.get(snapshot.version)
        if found is not None:
            return found
    export = _Export(snapshot)
    with _cache_lock:
        _cache[snapshot.version] = export
        while len(_cache) > 4:
            _cache.popitem(last=False)
    return export


def page_of(snapshot, page: int, per_page: int) -> dict:
    """The paginated list Open Referral UK clients expect."""
    records = export_for(snapshot).records
    total = len(records)
    total_pages = max(1, ceil(total / per_page))
    start = (page - 1) * per_page
    contents = list(records[start:start + per_page])
    return {
        "total_items": total,
        "total_pages": total_pages,
        "page_number": page,
        "size": len(contents),
        "first_page": page == 1,
        "last_page": page >= total_pages,
        "empty": not contents,
        "contents": contents,
    }


def find(snapshot, service_uuid_text: str) -> dict | None:
    try:
        key = str(uuid.UUID(service_uuid_text))
    except (ValueError, AttributeError, TypeError):
        return None
    if key != service_uuid_text.lower():
        return None
    return export_for(snapshot).by_uuid.get(key)


def parse_paging(args) -> tuple[int, int, list[str]]:
    """(page, per_page, errors) from the query string; errors say what to send instead."""
    errors = []
    values = {}
    for name, default, maximum in (("page", 1, 100000), ("per_page", DEFAULT_PER_PAGE, MAX_PER_PAGE)):
        raw = args.getlist(name)
        if not raw:
            values[name] = default
            continue
        if len(raw) > 1:
            errors.append(f"{name}: give it once")
            continue
        text = raw[0]
        if not (text.isascii() and text.isdigit()) or len(text) > 6 or not 1 <= int(text) <= maximum:
            errors.append(f"{name}: must be a whole number from 1 to {maximum}")
            continue
        values[name] = int(text)
    return values.get("page", 1), values.get("per_page", DEFAULT_PER_PAGE), errors
