"""Every worked example in shared/scenarios/examples.yaml gives the expected routes."""
from __future__ import annotations

import pytest

from pathways import recommend, validate_facts

from .helpers import directory_eligibility, ids, scenarios

CASES = scenarios()


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_scenario_includes_the_expected_routes(case):
    result = recommend(validate_facts(case["facts"]))
    got = ids(result)
    missing = [r for r in case.get("must_include", []) if r not in got]
    assert not missing, f"{case['id']} is missing {missing}; got {got}"


@pytest.mark.parametrize("case", [c for c in CASES if c.get("must_include_first")], ids=lambda c: c["id"])
def test_scenario_puts_the_expected_route_first(case):
    assert ids(recommend(validate_facts(case["facts"])))[0] == case["must_include_first"]


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_scenario_leaves_out_the_wrong_routes(case):
    got = ids(recommend(validate_facts(case["facts"])))
    wrong = [r for r in case.get("must_not_include", []) if r in got]
    assert not wrong, f"{case['id']} wrongly includes {wrong}"


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_scenario_shows_the_expected_cautions(case):
    cautions = recommend(validate_facts(case["facts"]))["cautions"]
    assert set(case.get("cautions", [])) <= set(cautions)


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_scenario_still_passes_with_the_directory_age_ranges(case):
    eligibility = directory_eligibility()
    if eligibility is None:
        pytest.skip("directory.yaml is not written yet")
    result = recommend(validate_facts(case["facts"]), eligibility)
    got = ids(result)
    assert [r for r in case.get("must_include", []) if r not in got] == []
    assert [r for r in case.get("must_not_include", []) if r in got] == []
    if case.get("must_include_first"):
        assert got[0] == case["must_include_first"]
