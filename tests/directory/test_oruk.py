"""The Open Referral UK export at /api/v1/services (DESIGN 3)."""
from __future__ import annotations

import json
import uuid

import pytest

from signpost.directory import oruk
from signpost.directory.store import current_snapshot
from tests.directory.conftest import SHARED

SCHEMAS = SHARED / "oruk-schema"


@pytest.fixture(scope="module")
def validator():
    jsonschema = pytest.importorskip("jsonschema")
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT202012

    if not (SCHEMAS / "service.json").exists():
        pytest.skip("../shared/oruk-schema is not beside the repository")
    # Any $ref resolves against the schema folder (service.json itself has none today).
    resources = [(path.name, Resource.from_contents(json.loads(path.read_text("utf-8")),
                                                    default_specification=DRAFT202012))
                 for path in SCHEMAS.glob("*.json")]
    registry = Registry().with_resources(resources)
    schema = json.loads((SCHEMAS / "service.json").read_text("utf-8"))
    return jsonschema.Draft202012Validator(schema, registry=registry,
                                           format_checker=jsonschema.FormatChecker())


@pytest.fixture(scope="module")
def phone_validator():
    import jsonschema

    full = json.loads((SCHEMAS / "service_with_definitions.json").read_text("utf-8"))
    schema = dict(full["definitions"]["phone"], definitions=full["definitions"])
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


@pytest.fixture(scope="module")
def everything(app):
    client = app.test_client()
    body = client.get("/api/v1/services?per_page=100").get_json()
    assert body["total_pages"] == 1
    return body["contents"]


def test_every_exported_service_validates_against_the_oruk_schema(everything, validator,
                                                                  phone_validator):
    assert everything
    for record in everything:
        errors = sorted(validator.iter_errors(record), key=str)
        assert not errors, (record["name"], [e.message for e in errors[:3]])
        for phone in record["phones"]:
            assert not list(phone_validator.iter_errors(phone)), phone


def test_ids_are_uuid5_of_the_slug_and_stable(app, everything):
    with app.app_context():
        snapshot = current_snapshot()
    by_uuid = {r["id"]: r for r in everything}
    service = snapshot.by_id["national-da-helpline"]
    expected = str(uuid.uuid5(uuid.UUID("17f42138-bcb0-4cc9-886e-ae5e315f3140"), "national-da-helpline"))
    assert oruk.service_uuid("national-da-helpline") == expected
    assert by_uuid[expected]["name"] == service.name


def test_no_unverified_contact_and_no_staff_only_entry_is_exported(app, everything):
    with app.app_context():
        snapshot = current_snapshot()
    exported = {r["id"]: json.dumps(r) for r in everything}
    for service in snapshot.services:
        sid = oruk.service_uuid(service.id)
        if service.audience != "public":
            assert sid not in exported, service.id
            continue
        public_values = {c.value for c in service.public_contacts}
        for contact in service.contacts:
            if not contact.public and contact.value not in public_values:
                assert json.dumps(contact.value) not in exported[sid], (service.id, contact.value)


def test_phone_numbers_are_exported_exactly_as_written(app, everything):
    with app.app_context():
        snapshot = current_snapshot()
    numbers = {p["number"] for r in everything for p in r["phones"]}
    for service in snapshot.services:
        if service.audience == "public":
            for contact in service.public_contacts:
                if contact.kind == "phone":
                    assert contact.value in numbers


def test_one_service_by_its_uuid(client, everything):
    first = everything[0]
    response = client.get(f"/api/v1/services/{first['id']}")
    assert response.status_code == 200 and response.get_json() == first


@pytest.mark.parametrize("bad", ["not-a-uuid", str(uuid.uuid4()), "00000000-0000-0000-0000-000000000000",
                                 "%00", "..%2f..%2fetc"])
def test_an_unknown_service_is_a_json_404(client, bad):
    response = client.get(f"/api/v1/services/{bad}")
    assert response.status_code == 404 and response.is_json and response.get_json()["errors"]


def test_pages_follow_the_oruk_list_shape(client, everything):
    body = client.get("/api/v1/services?page=2&per_page=5").get_json()
    assert body["page_number"] == 2 and body["size"] == 5
    assert body["total_items"] == len(everything)
    assert body["total_pages"] == -(-len(everything) // 5)
    assert not body["first_page"] and not body["last_page"] and not body["empty"]
    assert body["contents"] == everything[5:10]
    beyond = client.get("/api/v1/services?page=999").get_json()
    assert beyond["empty"] and beyond["contents"] == [] and beyond["last_page"]


@pytest.mark.parametrize("query", ["page=0", "page=-1", "page=abc", "per_page=0", "per_page=101",
                                   "per_page=1e3", "page=1&page=2", "page=%00", "page=١",
                                   "page=99999999999999999999"])
def test_bad_paging_is_a_json_400(client, query):
    response = client.get(f"/api/v1/services?{query}")
    assert response.status_code == 400 and response.is_json
    assert response.get_json()["errors"]


def test_the_export_is_identical_on_every_request(client):
    first = client.get("/api/v1/services?per_page=100").get_data()
    assert client.get("/api/v1/services?per_page=100").get_data() == first
