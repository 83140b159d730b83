"""Professional findings: thresholds and duties switch on exactly at their boundaries."""
from __future__ import annotations

from pathways import ALL_FINDINGS, assess, recommend, validate_facts
from pathways.staff import KINDS

from .helpers import ids


def finding(facts, fid):
    found = [f for f in assess(validate_facts(facts)) if f["id"] == fid]
    return found[0] if found else None


FGM_KNOWN_GIRL = {"role": "professional", "concerns": ["fgm"], "age": 9, "gender": "female",
                  "fgm_status": "known", "regulated_professional": True}


def test_fgm_duty_applies_to_a_regulated_professional_with_a_known_case_under_18():
    f = finding(FGM_KNOWN_GIRL, "fgm-duty")
    assert f["kind"] == "duty"
    assert "101" in f["text"] and "next working day" in f["text"] and "Never examine" in f["text"]
    assert "police-101-fgm-report" in ids(recommend(validate_facts(FGM_KNOWN_GIRL)))


def test_fgm_duty_does_not_apply_to_someone_who_is_not_a_regulated_professional():
    facts = {**FGM_KNOWN_GIRL, "regulated_professional": False}
    assert finding(facts, "fgm-duty")["kind"] == "threshold"
    assert "police-101-fgm-report" not in ids(recommend(validate_facts(facts)))


def test_fgm_duty_does_not_apply_at_18():
    facts = {**FGM_KNOWN_GIRL, "age": 18}
    assert finding(facts, "fgm-duty")["kind"] == "threshold"
    assert "18 or over" in finding(facts, "fgm-duty")["text"]
    assert "police-101-fgm-report" not in ids(recommend(validate_facts(facts)))


def test_fgm_duty_applies_at_17():
    assert finding({**FGM_KNOWN_GIRL, "age": 17}, "fgm-duty")["kind"] == "duty"


def test_fgm_duty_does_not_apply_when_a_girl_is_only_at_risk():
    facts = {**FGM_KNOWN_GIRL, "fgm_status": "at-risk"}
    assert finding(facts, "fgm-duty")["kind"] == "threshold"
    got = ids(recommend(validate_facts(facts)))
    assert "police-101-fgm-report" not in got and "thurrock-mash" in got


def test_fgm_duty_is_not_claimed_when_the_girls_age_is_unknown():
    facts = {k: v for k, v in FGM_KNOWN_GIRL.items() if k != "age"}
    assert finding(facts, "fgm-duty")["kind"] == "threshold"


DA_PRO = {"role": "professional", "concerns": ["domestic-abuse"], "age": 30, "gender": "female"}


def test_marac_threshold_is_not_met_at_13_ticks():
    facts = {**DA_PRO, "ric_yes_count": 13}
    assert "not met" in finding(facts, "marac-threshold")["text"]
    got = ids(recommend(validate_facts(facts)))
    assert "marac-referral" not in got and "changing-pathways-outreach" in got
    assert finding(facts, "idva") is None


def test_marac_threshold_is_met_at_14_ticks():
    facts = {**DA_PRO, "ric_yes_count": 14}
    assert finding(facts, "marac-threshold")["text"].startswith("Threshold met")
    got = ids(recommend(validate_facts(facts)))
    assert "marac-referral" in got and "changing-pathways-idva" in got
    assert "changing-pathways-outreach" not in got
    assert finding(facts, "idva")["kind"] == "refer"


def test_professional_judgement_meets_marac_below_14_ticks():
    facts = {**DA_PRO, "ric_yes_count": 6, "risk_indicators": ["strangulation"]}
    assert finding(facts, "marac-threshold")["text"].startswith("Threshold met")
    assert "marac-referral" in ids(recommend(validate_facts(facts)))


def test_three_police_callouts_meet_marac_and_say_the_local_number_is_unconfirmed():
    met = finding({**DA_PRO, "police_callouts_12m": 3}, "marac-threshold")["text"]
    assert met.startswith("Threshold met") and "not confirmed" in met
    below = finding({**DA_PRO, "police_callouts_12m": 2}, "marac-threshold")["text"]
    assert not below.startswith("Threshold met") and "below the common escalation threshold" in below


def test_marac_does_not_apply_under_16():
    facts = {**DA_PRO, "age": 15, "ric_yes_count": 20}
    assert "does not apply" in finding(facts, "marac-threshold")["text"]
    got = ids(recommend(validate_facts(facts)))
    assert "marac-referral" not in got and "thurrock-mash" in got


def test_a_16_year_old_in_an_abusive_relationship_goes_to_mash():
    facts = {**DA_PRO, "age": 16, "perpetrator_relationship": "partner"}
    assert finding(facts, "mash")["kind"] == "refer"
    assert "16 or 17" in finding(facts, "mash")["text"]
    assert "thurrock-mash" in ids(recommend(validate_facts(facts)))


def test_a_16_year_old_at_high_risk_gets_marac_and_mash():
    facts = {**DA_PRO, "age": 16, "ric_yes_count": 15}
    got = ids(recommend(validate_facts(facts)))
    assert {"marac-referral", "thurrock-mash"} <= set(got)


def test_children_who_witness_domestic_abuse_go_to_mash():
    facts = {**DA_PRO, "risk_indicators": ["children-in-home"]}
    assert "victims in their own right" in finding(facts, "mash")["text"]


MS_PRO = {"role": "professional", "concerns": ["modern-slavery"], "first_responder": True}


def test_an_adult_who_consents_can_be_referred_to_the_nrm():
    f = finding({**MS_PRO, "age": 25, "consents": True}, "nrm")
    assert f["kind"] == "refer"


def test_an_adult_who_declines_gets_a_duty_to_notify_not_an_nrm_referral():
    f = finding({**MS_PRO, "age": 25, "consents": False}, "nrm")
    assert f["kind"] == "duty" and "MS1" in f["text"]


def test_a_child_goes_to_the_nrm_without_consent_after_safeguarding():
    facts = {**MS_PRO, "age": 17, "consents": False}
    f = finding(facts, "nrm")
    assert f["kind"] == "refer" and "do not need to" in f["text"] and "MS1" in f["text"]
    got = ids(recommend(validate_facts(facts)))
    assert {"nrm-first-responder", "thurrock-mash"} <= set(got)


def test_only_first_responders_can_refer_to_the_nrm():
    facts = {**MS_PRO, "age": 25, "first_responder": False}
    assert finding(facts, "nrm")["kind"] == "signpost"
    assert "nrm-first-responder" not in ids(recommend(validate_facts(facts)))


def test_care_act_s42_only_for_adults_with_care_needs():
    assert finding({"concerns": ["domestic-abuse"], "age": 40, "care_and_support_needs": True},
                   "adult-safeguarding")["kind"] == "refer"
    assert finding({"concerns": ["domestic-abuse"], "age": 17, "care_and_support_needs": True},
                   "adult-safeguarding")["kind"] == "threshold"
    assert finding({"concerns": ["domestic-abuse"], "age": 40}, "adult-safeguarding") is None


def test_low_risk_adult_with_capacity_is_signposted_and_a_child_at_risk_is_referred():
    assert finding({**DA_PRO, "ric_yes_count": 3}, "consent-sharing")["kind"] == "signpost"
    child = finding({"role": "professional", "concerns": ["child-sexual-abuse"], "age": 8, "consents": False},
                    "consent-sharing")
    assert child["kind"] == "refer" and "without" in child["text"] and "record" in child["text"]
    assert "Do not inform the family" in child["text"]


def test_every_professional_is_told_about_their_safeguarding_lead_without_delaying_999():
    f = finding({}, "dsl")
    assert "never" in f["text"] and "999" in f["text"]


def test_findings_use_only_the_four_precise_kinds_and_carry_checklists():
    facts = {"role": "professional", "concerns": ["domestic-abuse", "fgm", "modern-slavery", "stalking",
                                                  "sexual-violence", "forced-marriage"],
             "age": 16, "ric_yes_count": 14, "police_callouts_12m": 4, "fgm_status": "known",
             "regulated_professional": True, "first_responder": True, "care_and_support_needs": True,
             "perpetrator_relationship": "partner", "danger_now": True}
    findings = assess(validate_facts(facts))
    assert len({f["id"] for f in findings}) == len(findings)
    for f in findings:
        assert f["kind"] in KINDS
        assert f["rules"] and f["title"] and f["text"] and f["gather"]
        assert f["kind"] in ALL_FINDINGS[f["id"]].kinds


def test_all_findings_metadata_covers_every_finding_with_rules_and_a_summary():
    for spec in ALL_FINDINGS.values():
        assert spec.rules and spec.summary and spec.title
        assert set(spec.kinds) <= set(KINDS)
