"""POST /api/v1/routes: the facts contract spoken as JSON (shared/facts.md)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from pathways import ALL_ROUTE_IDS, recommend, validate_facts

EXAMPLES = Path(__file__).resolve().parents[3] / "shared" / "scenarios" / "examples.yaml"
if not EXAMPLES.exists():  # the repository may be checked out on its own
    EXAMPLES = Path("/work/shared/scenarios/examples.yaml")


def _scenarios():
    if not EXAMPLES.exists():
        return []
    return yaml.safe_load(EXAMPLES.read_text(encoding="utf-8"))["scenarios"]


SCENARIOS = _scenarios()


def post(client, body, content_type="application/json"):
    data = body if isinstance(body, (bytes, str)) else json.dumps(body)
    return client.post("/api/v1/routes", data=data, content_type=content_type)


@pytest.mark.parametrize("scenario", SCENARIOS, ids=[s["id"] for s in SCENARIOS])
def test_each_example_scenario_gets_the_routes_it_needs(client, scenario):
    response = post(client, scenario["facts"])
    assert response.status_code == 200, response.get_json()
    result = response.get_json()
    ids = [r["id"] for r in result["routes"]]
    for route in scenario.get("must_include", []):
        assert route in ids, f"{scenario['id']}: {route} missing from {ids}"
    if scenario.get("must_include_first"):
        assert ids[0] == scenario["must_include_first"], f"{scenario['id']}: first is {ids[0]}"
    for route in scenario.get("must_not_include", []):
        assert route not in ids, f"{scenario['id']}: {route} must not be offered"
    for caution in scenario.get("cautions", []):
        assert caution in result["cautions"], f"{scenario['id']}: caution {caution} missing"


def test_a_recommendation_has_the_documented_shape(client):
    response = post(client, {"role": "self", "danger_now": True, "concerns": ["domestic-abuse"]})
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    body = response.get_json()
    assert list(body) == ["routes", "cautions"]
    for route in body["routes"]:
        assert set(route) == {"id", "priority", "reasons", "rules"}
        assert route["id"] in ALL_ROUTE_IDS
        assert route["priority"] in {"urgent", "recommended", "also"}
        assert all(isinstance(r, str) and r for r in route["reasons"])
    assert body["routes"][0]["id"] == "emergency-999"


def test_the_api_answers_exactly_what_the_engine_answers(app, client):
    from signpost.views import pathway
    facts = {"role": "someone-else", "concerns": ["stalking"], "age": 40}
    with app.app_context():
        expected = recommend(validate_facts(facts), pathway.eligibility_from_current_directory())
    assert post(client, facts).get_json() == expected
    # same facts, same answer, every time
    assert post(client, facts).get_json() == post(client, facts).get_json()


def test_empty_facts_still_get_useful_routes(client):
    body = post(client, {}).get_json()
    assert body["routes"], "never an empty answer"


def test_unknown_fields_are_named_in_the_errors(client):
    response = post(client, {"role": "self", "favourite_colour": "blue"})
    assert response.status_code == 400
    assert response.get_json() == {"errors": ["favourite_colour: unknown field"]}


@pytest.mark.parametrize("facts, field", [
    ({"age": "thirty"}, "age"),
    ({"age": 121}, "age"),
    ({"age": -1}, "age"),
    ({"age": 3.5}, "age"),
    ({"danger_now": "yes"}, "danger_now"),
    ({"danger_now": 1}, "danger_now"),
    ({"concerns": "domestic-abuse"}, "concerns"),
    ({"concerns": ["burglary"]}, "concerns"),
    ({"concerns": [1]}, "concerns"),
    ({"role": "victim"}, "role"),
    ({"hours_since_incident": -3}, "hours_since_incident"),
    ({"ric_yes_count": 25}, "ric_yes_count"),
    ({"gender": ["female"]}, "gender"),
    ({"wants_police": True}, "wants_police"),
])
def test_bad_values_are_refused_with_the_field_named(client, facts, field):
    response = post(client, facts)
    assert response.status_code == 400
    errors = response.get_json()["errors"]
    assert errors and all(isinstance(e, str) for e in errors)
    assert any(e.startswith(f"{field}: ") for e in errors), errors


@pytest.mark.parametrize("body", [
    b"", b"not json", b"{", b"{\"age\": }", b"\xff\xfe{}", b"NaN-ish", b"[]", b"[{\"age\": 3}]",
    b"\"a string\"", b"42", b"null", b"true",
    b"{\"age\": 1" + b"0" * 5000 + b"}",            # an integer too long to read
    b"[" * 8000 + b"]" * 8000,                     # nested far too deep
    b"{\"a\":" * 3000 + b"1" + b"}" * 3000,       # nested deep, within the size limit
    b"{\"age\": 3, \"age\": 4}",                    # the same field twice
    b"{\"age\": NaN}", b"{\"hours_since_incident\": Infinity}",
], ids=lambda body: repr(body[:24]) + f"..{len(body)}")
def test_anything_but_a_facts_object_is_a_400_with_errors(client, body):
    response = post(client, body)
    assert response.status_code == 400
    errors = response.get_json()["errors"]
    assert isinstance(errors, list) and errors and all(isinstance(e, str) and ": " in e for e in errors)


def test_a_body_that_is_too_large_is_refused_with_a_400(client):
    facts = {"role": "self", "concerns": ["domestic-abuse"] * 1500}
    response = post(client, facts)
    assert response.status_code == 400
    assert response.get_json()["errors"][0].startswith("body: too large")


def test_a_body_over_the_site_limit_is_refused_with_413_and_errors(client, app):
    body = b"[" * (app.config["MAX_CONTENT_LENGTH"] + 1)
    response = post(client, body)
    assert response.status_code == 413
    assert response.get_json()["errors"]


def test_a_form_encoded_body_is_refused_clearly(client):
    response = client.post("/api/v1/routes", data={"role": "self"})
    assert response.status_code == 400
    assert "errors" in response.get_json()


def test_the_api_sets_no_cookie_and_is_not_cached(client):
    response = post(client, {"role": "self"})
    assert "Set-Cookie" not in response.headers
    assert response.headers["Cache-Control"] == "no-store"


def test_the_api_only_accepts_post(client):
    assert client.get("/api/v1/routes").status_code == 405


def test_the_api_works_without_the_directory(app, monkeypatch):
    from signpost.views import pathway
    monkeypatch.setattr(pathway, "_snapshot", lambda: None)
    response = app.test_client().post("/api/v1/routes", json={"role": "self", "concerns": ["stalking"]})
    assert response.status_code == 200
    assert response.get_json()["routes"]
