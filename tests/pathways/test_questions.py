"""The question flow asks only relevant follow-ups and turns answers into valid facts."""
from __future__ import annotations

import pytest

from pathways import QUESTIONS, FactsError, facts_from_answers, next_question, validate_facts
from pathways.facts import FIELD_SPECS
from pathways.questions import BY_ID, questions_for, relevant_questions

ROLES = ("self", "someone-else", "professional", "own-behaviour")


def asked(answers):
    return [q.id for q in relevant_questions(answers)]


def answers_to_try(q):
    """Every answer a page offers for the question (two ages for the age question)."""
    return [["0"], ["120"]] if q.kind == "age" else [[o.value] for o in q.options]


def test_the_flow_starts_with_danger_role_concerns_age_gender_lgbtq():
    assert [q.id for q in QUESTIONS[:6]] == ["danger", "role", "concerns", "age", "gender", "lgbtq"]
    assert next_question({}).id == "danger"


def test_every_question_sets_real_facts_and_its_options_set_valid_values():
    for q in QUESTIONS:
        assert q.fields and all(name in FIELD_SPECS for name in q.fields)
        for role in ROLES:
            assert q.wording({"role": role})
        for answer in answers_to_try(q):
            facts = q.apply({}, answer)
            assert set(facts) <= set(q.fields), (q.id, answer, facts)
            validate_facts(facts)


def test_time_since_an_assault_is_asked_only_for_sexual_violence():
    assert "hours" not in asked({"role": "self", "concerns": ["domestic-abuse"]})
    assert "hours" in asked({"role": "self", "concerns": ["sexual-violence"]})


def test_risk_signs_are_asked_only_for_domestic_abuse_or_stalking():
    assert "risk" not in asked({"role": "self", "concerns": ["modern-slavery"]})
    assert "risk" in asked({"role": "self", "concerns": ["stalking"]})
    assert "risk" in asked({"role": "self", "concerns": ["domestic-abuse"]})


def test_travel_abroad_is_asked_only_for_forced_marriage_fgm_or_hba():
    assert "travel" not in asked({"role": "self", "concerns": ["domestic-abuse"]})
    assert "travel" in asked({"role": "self", "concerns": ["fgm"]})


def test_care_needs_are_asked_only_for_adults():
    assert "care" not in asked({"role": "self", "concerns": ["domestic-abuse"], "age": "15"})
    assert "care" in asked({"role": "self", "concerns": ["domestic-abuse"], "age": "40"})


def test_questions_about_the_harm_itself_are_not_asked_of_professionals_or_of_someone_worried_about_their_own_behaviour():
    about_the_harm = {"relationship", "risk", "children", "lives_with", "leaving", "care", "police"}
    assert about_the_harm <= set(asked({"role": "self", "concerns": ["domestic-abuse"]}))
    assert about_the_harm <= set(asked({"role": "someone-else", "concerns": ["domestic-abuse"]}))
    assert not about_the_harm & set(asked({"role": "professional", "concerns": ["domestic-abuse"]}))
    assert not about_the_harm & set(asked({"role": "own-behaviour", "concerns": ["domestic-abuse"]}))


def test_questions_speak_about_the_person_to_friends_and_professionals():
    age = BY_ID["age"]
    assert age.wording({"role": "self"}) == "How old are you?"
    assert "the person" in age.wording({"role": "professional"})
    assert "the person" in age.wording({"role": "someone-else"})


def test_answers_become_valid_facts_and_stale_follow_ups_are_dropped():
    answers = {"danger": "no", "role": "self", "concerns": ["domestic-abuse"], "age": "34",
               "hours": "within-3-days", "risk": ["strangulation"], "children": "yes", "leaving": "leave"}
    facts = validate_facts(facts_from_answers(answers))
    assert facts["age"] == 34 and facts["needs_to_leave_home"] is True
    assert facts["risk_indicators"] == ["strangulation", "children-in-home"]
    assert "hours_since_incident" not in facts  # "hours" is not relevant without sexual violence


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
        answers[q.id] = q.options[-1].value if q.options else "0"
    assert next_question(answers) is None
    validate_facts(facts_from_answers(answers))


def test_folding_answers_and_judging_the_facts_they_give_ask_the_same_questions():
    answers = {"danger": "yes", "role": "someone-else", "concerns": ["not-sure", "fgm"], "age": "12",
               "relationship": "partner", "risk": ["none"], "children": "no"}
    facts = validate_facts(facts_from_answers(answers))
    assert asked(answers) == [q.id for q in questions_for(facts)]
