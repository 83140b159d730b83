"""The question flow asks only relevant follow-ups and turns answers into valid facts."""
from __future__ import annotations

import pytest

from pathways import QUESTIONS, FactsError, facts_from_answers, next_question, validate_facts
from pathways.facts import FIELD_SPECS
from pathways.questions import relevant_questions


def asked(answers):
    return [q.id for q in relevant_questions(answers)]


def test_the_flow_starts_with_danger_role_concerns_age_gender_lgbtq():
    assert [q.id for q in QUESTIONS[:6]] == ["danger", "role", "concerns", "age", "gender", "lgbtq"]
    assert next_question({}).id == "danger"


def test_every_question_sets_real_facts_and_its_options_set_valid_values():
    for q in QUESTIONS:
        assert q.sets and all(name in FIELD_SPECS for name in q.sets)
        assert q.text and q.text_other
        for opt in q.all_options():
            validate_facts({name: ([v] if FIELD_SPECS[name].kind == "list" else v) for name, v in opt.sets})


def test_time_since_an_assault_is_asked_only_for_sexual_violence():
    assert "when" not in asked({"role": "self", "concerns": ["domestic-abuse"]})
    assert "when" in asked({"role": "self", "concerns": ["sexual-violence"]})


def test_risk_signs_are_asked_only_for_domestic_abuse_or_stalking():
    assert "risk" not in asked({"role": "self", "concerns": ["modern-slavery"]})
    assert "risk" in asked({"role": "self", "concerns": ["stalking"]})


def test_travel_abroad_is_asked_only_for_forced_marriage_fgm_or_hba():
    assert "travel" not in asked({"role": "self", "concerns": ["domestic-abuse"]})
    assert "travel" in asked({"role": "self", "concerns": ["fgm"]})


def test_care_needs_are_asked_only_for_adults():
    assert "care-needs" not in asked({"role": "self", "concerns": ["domestic-abuse"], "age": "15"})
    assert "care-needs" in asked({"role": "self", "concerns": ["domestic-abuse"], "age": "40"})


def test_staff_questions_are_asked_only_of_professionals():
    staff = {"ric", "callouts", "consents"}
    assert not staff & set(asked({"role": "self", "concerns": ["domestic-abuse"]}))
    assert staff <= set(asked({"role": "professional", "concerns": ["domestic-abuse"]}))


def test_questions_speak_about_the_person_to_friends_and_professionals():
    age = next(q for q in QUESTIONS if q.id == "age")
    assert age.text_for({"role": "self"}) == "How old are you?"
    assert "the person" in age.text_for({"role": "professional"})


def test_answers_become_valid_facts_and_stale_follow_ups_are_dropped():
    answers = {"danger": "no", "role": "self", "concerns": ["domestic-abuse"], "age": "34",
               "when": "1-3-days", "risk": ["strangulation"], "children": "yes", "home": "leave"}
    facts = validate_facts(facts_from_answers(answers))
    assert facts["age"] == 34 and facts["needs_to_leave_home"] is True
    assert facts["risk_indicators"] == ["strangulation", "children-in-home"]
    assert "hours_since_incident" not in facts  # "when" is not relevant without sexual violence


def test_bad_answers_raise_field_errors():
    with pytest.raises(FactsError) as info:
        facts_from_answers({"age": "thirty"})
    assert info.value.errors == ["age: must be a whole number"]
    with pytest.raises(FactsError):
        facts_from_answers({"role": "boss"})


def test_a_full_walk_through_the_flow_ends():
    answers = {}
    for _ in range(len(QUESTIONS) + 1):
        q = next_question(answers)
        if q is None:
            break
        answers[q.id] = q.all_options()[-1].value if q.all_options() else "0"
    assert next_question(answers) is None
    validate_facts(facts_from_answers(answers))
