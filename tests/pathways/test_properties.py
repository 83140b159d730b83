"""Properties that hold for every valid facts object."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pathways import ALL_ROUTE_IDS, CAUTIONS, RULES, recommend, validate_facts
from pathways.rules import PRIORITIES, VICTIM_ONLY_ROUTES

from .helpers import directory_eligibility, ids
from .strategies import FACTS

FAST = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(FACTS)
def test_the_answer_is_never_empty(facts):
    result = recommend(validate_facts(facts))
    assert result["routes"], facts
    assert any(r["id"] not in {"emergency-999", "silent-solution", "deaf-999-access"} for r in result["routes"])


def test_empty_facts_still_give_helplines():
    got = ids(recommend(validate_facts({})))
    assert {"national-da-helpline", "victim-support", "samaritans"} <= set(got)


def test_not_sure_with_danger_puts_999_first_then_helplines():
    got = ids(recommend(validate_facts({"concerns": ["not-sure"], "danger_now": True})))
    assert got[0] == "emergency-999"
    assert "national-da-helpline" in got and "samaritans" in got


@FAST
@given(FACTS.map(lambda f: {**f, "danger_now": True}))
def test_danger_now_puts_999_first(facts):
    result = recommend(validate_facts(facts))
    assert result["routes"][0]["id"] == "emergency-999"
    assert result["routes"][0]["priority"] == "urgent"


@FAST
@given(FACTS.map(lambda f: {**f, "danger_now": True, "can_speak": False, "deaf_or_speech_impaired": False}))
def test_danger_without_speech_adds_silent_solution_straight_after_999(facts):
    got = ids(recommend(validate_facts(facts)))
    assert got[:2] == ["emergency-999", "silent-solution"]


@FAST
@given(FACTS.map(lambda f: {**f, "danger_now": True, "deaf_or_speech_impaired": True}))
def test_deaf_people_in_danger_get_deaf_999_access_not_silent_solution(facts):
    got = ids(recommend(validate_facts(facts)))
    assert got[:2] == ["emergency-999", "deaf-999-access"]
    assert "silent-solution" not in got


@FAST
@given(FACTS)
def test_urgent_routes_come_first_then_recommended_then_also(facts):
    ranks = [PRIORITIES.index(r["priority"]) for r in recommend(validate_facts(facts))["routes"]]
    assert ranks == sorted(ranks)


@FAST
@given(FACTS)
def test_every_route_is_known_and_listed_once_with_reasons_and_rules(facts):
    result = recommend(validate_facts(facts))
    got = ids(result)
    assert len(got) == len(set(got))
    for route in result["routes"]:
        assert route["id"] in ALL_ROUTE_IDS
        assert route["reasons"] and all(isinstance(s, str) and s for s in route["reasons"])
        assert all(isinstance(n, str) for n in route["rules"])
    assert all(c in CAUTIONS for c in result["cautions"])


def test_every_route_the_engine_can_return_is_in_the_directory():
    eligibility = directory_eligibility()
    if eligibility is None:
        pytest.skip("directory.yaml is not written yet (a colleague is writing it)")
    assert sorted(ALL_ROUTE_IDS - set(eligibility)) == []


@FAST
@given(FACTS)
def test_the_same_facts_always_give_the_same_answer(facts):
    assert recommend(validate_facts(facts)) == recommend(validate_facts(dict(reversed(list(facts.items())))))


@FAST
@given(FACTS, st.randoms())
def test_the_order_of_list_answers_does_not_change_the_answer(facts, rnd):
    shuffled = dict(facts)
    for key in ("concerns", "risk_indicators"):
        if key in shuffled:
            items = list(shuffled[key])
            rnd.shuffle(items)
            shuffled[key] = items
    assert recommend(validate_facts(facts)) == recommend(validate_facts(shuffled))


@FAST
@given(FACTS, st.lists(st.sampled_from(["forced-marriage", "honour-based-abuse", "fgm"]), min_size=1, unique=True))
def test_forced_marriage_hba_and_fgm_always_carry_the_one_chance_caution(facts, extra):
    facts = {**facts, "concerns": sorted(set(facts.get("concerns", [])) | set(extra))}
    assert "one-chance" in recommend(validate_facts(facts))["cautions"]


@FAST
@given(FACTS.map(lambda f: {**f, "role": "own-behaviour"}))
def test_own_behaviour_never_gets_refuge_or_victim_only_services(facts):
    got = set(ids(recommend(validate_facts(facts))))
    assert "refuge-accommodation" not in got
    assert not got & VICTIM_ONLY_ROUTES


@FAST
@given(FACTS.map(lambda f: {**f, "age": f.get("age", 0) % 16}))
def test_under_16s_never_get_a_route_for_16_and_over(facts):
    eligibility = directory_eligibility()
    got = ids(recommend(validate_facts(facts)))
    assert not {"marac-referral", "changing-pathways-idva", "changing-pathways-outreach",
                "rape-crisis-helpline", "revenge-porn-helpline", "change-hub", "respect-phoneline",
                "adult-safeguarding", "refuge-accommodation"} & set(got)
    if eligibility is not None:
        too_young = [r for r in got if eligibility[r][0] >= 16]
        assert too_young == [], too_young


@FAST
@given(FACTS.map(lambda f: {**f, "age": 18 + f.get("age", 0) % 100}))
def test_adults_never_get_routes_only_for_under_18s(facts):
    got = ids(recommend(validate_facts(facts)))
    assert "report-remove" not in got and "project-goldcrest" not in got


@FAST
@given(FACTS.map(lambda f: {**f, "age": f.get("age", 0) % 18}))
def test_children_never_get_adult_safeguarding(facts):
    assert "adult-safeguarding" not in ids(recommend(validate_facts(facts)))


def _exempt(route: str, facts: dict) -> bool:
    """A route is exempt from the person's age range when a rule added it for someone
    else: children in the home, or the helper themselves (e.g. the NSPCC helpline)."""
    return any(rule.about != "person" and rule.when(facts) and route in {r for r, _ in rule.routes}
               for rule in RULES)


@FAST
@given(FACTS)
def test_no_route_outside_its_directory_age_or_gender_range(facts):
    eligibility = directory_eligibility()
    if eligibility is None:
        pytest.skip("directory.yaml is not written yet")
    facts = validate_facts(facts)
    result = recommend(facts, eligibility)
    assert result["routes"]
    for route in ids(result):
        lo, hi, genders = eligibility[route]
        age, gender = facts.get("age"), facts.get("gender")
        fits_age = age is None or lo <= age <= hi
        fits_gender = (gender is None or "any" in genders or gender in genders
                       or facts.get("role") == "own-behaviour")
        if not (fits_age and fits_gender):
            assert _exempt(route, facts), (route, facts)


def test_eligibility_drops_a_route_outside_its_age_range_but_never_empties_the_answer():
    everything_closed = {rid: (200, 200) for rid in ALL_ROUTE_IDS}
    result = recommend(validate_facts({"age": 30, "concerns": ["stalking"]}), everything_closed)
    assert result["routes"]


def test_eligibility_from_the_directory_decides_the_age_range():
    facts = validate_facts({"role": "self", "age": 17, "concerns": ["sexual-violence"]})
    assert "rape-crisis-helpline" in ids(recommend(facts))
    assert "rape-crisis-helpline" not in ids(recommend(facts, {"rape-crisis-helpline": (18, 120)}))


@given(FACTS)
def test_an_eligibility_table_prepared_once_gives_the_same_answer(facts):
    from pathways.engine import prepare_eligibility
    eligibility = directory_eligibility()
    if eligibility is None:
        pytest.skip("directory.yaml is not loadable here")
    assert recommend(facts, prepare_eligibility(eligibility)) == recommend(facts, eligibility)
