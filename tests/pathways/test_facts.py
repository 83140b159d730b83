"""validate_facts accepts the contract and rejects anything else with 'field: message' errors."""
from __future__ import annotations

import re

import pytest

from pathways import FactsError, validate_facts
from pathways.facts import FIELD_NAMES, field_specs_as_dicts

SHAPE = re.compile(r"^[a-z_0-9]+: .+$")


def errors_for(obj):
    with pytest.raises(FactsError) as info:
        validate_facts(obj)
    assert all(SHAPE.match(e) for e in info.value.errors), info.value.errors
    return info.value.errors


def test_empty_facts_are_valid():
    assert validate_facts({}) == {}


def test_a_full_valid_facts_object_comes_back_unchanged():
    facts = {"role": "self", "danger_now": False, "concerns": ["domestic-abuse"], "age": 34,
             "gender": "female", "hours_since_incident": 12.5, "risk_indicators": ["strangulation"],
             "ric_yes_count": 0, "police_callouts_12m": 0, "wants_police": "unsure"}
    assert validate_facts(facts) == facts


def test_unknown_fields_are_rejected_by_name():
    assert errors_for({"colour": "blue"}) == ["colour: unknown field"]


def test_a_string_where_a_bool_belongs_is_rejected():
    assert errors_for({"danger_now": "yes"}) == ["danger_now: must be true or false"]


def test_a_bool_is_not_a_whole_number():
    assert errors_for({"age": True}) == ["age: must be a whole number"]


def test_a_fractional_age_is_rejected_but_a_whole_float_is_accepted():
    assert errors_for({"age": 34.5}) == ["age: must be a whole number"]
    assert validate_facts({"age": 34.0}) == {"age": 34}
    assert isinstance(validate_facts({"age": 34.0})["age"], int)


def test_a_numeric_string_age_is_rejected():
    assert errors_for({"age": "34"}) == ["age: must be a whole number"]


@pytest.mark.parametrize("age", [-1, 121, 1000])
def test_ages_outside_0_to_120_are_rejected(age):
    assert errors_for({"age": age}) == ["age: must be between 0 and 120"]


@pytest.mark.parametrize("age", [0, 120])
def test_ages_at_the_limits_are_accepted(age):
    assert validate_facts({"age": age}) == {"age": age}


def test_risk_checklist_total_stops_at_24():
    assert errors_for({"ric_yes_count": 25}) == ["ric_yes_count: must be between 0 and 24"]
    assert validate_facts({"ric_yes_count": 24}) == {"ric_yes_count": 24}


def test_negative_hours_and_callouts_are_rejected():
    assert errors_for({"hours_since_incident": -0.5}) == ["hours_since_incident: must be 0 or more"]
    assert errors_for({"police_callouts_12m": -1}) == ["police_callouts_12m: must be 0 or more"]


def test_hours_must_be_a_finite_number_and_not_a_bool():
    assert errors_for({"hours_since_incident": float("nan")}) == ["hours_since_incident: must be a finite number"]
    assert errors_for({"hours_since_incident": False}) == ["hours_since_incident: must be a number"]


def test_unknown_enum_values_are_rejected():
    errors = errors_for({"role": "victim"})
    assert errors[0].startswith("role: unknown value 'victim'")


def test_unknown_list_items_and_duplicates_are_rejected():
    assert errors_for({"concerns": ["burglary"]})[0].startswith("concerns: unknown value 'burglary'")
    assert errors_for({"concerns": ["stalking", "stalking"]}) == ["concerns: 'stalking' is listed more than once"]
    assert errors_for({"risk_indicators": "weapon"}) == ["risk_indicators: must be a list"]


def test_every_problem_is_reported_at_once():
    errors = errors_for({"age": 200, "gender": "other", "zzz": 1, "aaa": 2})
    assert errors[:2] == ["aaa: unknown field", "zzz: unknown field"]
    assert any(e.startswith("age: ") for e in errors) and any(e.startswith("gender: ") for e in errors)


def test_null_means_not_known():
    assert validate_facts({"age": None, "role": "self"}) == {"role": "self"}


def test_a_non_object_is_rejected():
    assert errors_for(["role", "self"]) == ["facts: must be an object"]


def test_field_specs_are_published_as_data_in_contract_order():
    specs = field_specs_as_dicts()
    assert [s["name"] for s in specs] == list(FIELD_NAMES)
    age = next(s for s in specs if s["name"] == "age")
    assert age["kind"] == "int" and age["minimum"] == 0 and age["maximum"] == 120
