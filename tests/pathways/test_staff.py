"""Professional findings: thresholds and duties switch on exactly at their boundaries."""
from __future__ import annotations

from pathways import ALL_FINDINGS, assess, recommend, validate_facts
from pathways.staff import KINDS, plain_text

from .helpers import ids


def finding(facts, fid):
    found = [f for f in assess(validate_facts(facts)) if f["id"] == fid]
    return found[0] if found else None


def text(found) -> str:
    """Everything the finding says, in English (its msgids with their numbers filled in)."""
    return plain_text(found)


FGM_KNOWN_GIRL = {"role": "professional", "concerns": ["fgm"], "age": 9, "gender": "female",
                  "fgm_status": "known", "regulated_professional": True}


def test_fgm_duty_applies_to_a_regulated_professional_with_a_known_case_under_18():
    f = finding(FGM_KNOWN_GIRL, "fgm-duty")
    assert f["kind"] == "duty"
    assert "101" in text(f) and "next working day" in text(f) and "Never examine" in text(f)
    assert "police-101-fgm-report" in ids(recommend(validate_facts(FGM_KNOWN_GIRL)))


def test_fgm_duty_does_not_apply_to_someone_who_is_not_a_regulated_professional():
    facts = {**FGM_KNOWN_GIRL, "regulated_professional": False}
    assert finding(facts, "fgm-duty")["kind"] == "threshold"
    assert "police-101-fgm-report" not in ids(recommend(validate_facts(facts)))


def test_fgm_duty_does_not_apply_at_18():
    facts = {**FGM_KNOWN_GIRL, "age": 18}
    assert finding(facts, "fgm-duty")["kind"] == "threshold"
    assert "18 or over" in text(finding(facts, "fgm-duty"))
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
    assert "not met" in text(finding(facts, "marac-threshold"))
    got = ids(recommend(validate_facts(facts)))
    assert "marac-referral" not in got and "changing-pathways-outreach" in got
    assert finding(facts, "idva") is None


def test_marac_threshold_is_met_at_14_ticks():
    facts = {**DA_PRO, "ric_yes_count": 14}
    assert text(finding(facts, "marac-threshold")).startswith("Threshold met")
    got = ids(recommend(validate_facts(facts)))
    assert "marac-referral" in got and "changing-pathways-idva" in got
    assert "changing-pathways-outreach" not in got
    assert finding(facts, "idva")["kind"] == "refer"


def test_professional_judgement_meets_marac_below_14_ticks():
    facts = {**DA_PRO, "ric_yes_count": 6, "risk_indicators": ["strangulation"]}
    assert text(finding(facts, "marac-threshold")).startswith("Threshold met")
    assert "marac-referral" in ids(recommend(validate_facts(facts)))


def test_three_police_callouts_meet_marac_and_say_the_local_number_is_unconfirmed():
    met = text(finding({**DA_PRO, "police_callouts_12m": 3}, "marac-threshold"))
    assert met.startswith("Threshold met") and "not confirmed" in met
    below = text(finding({**DA_PRO, "police_callouts_12m": 2}, "marac-threshold"))
    assert not below.startswith("Threshold met") and "below the common escalation threshold" in below


def test_marac_does_not_apply_under_16():
    facts = {**DA_PRO, "age": 15, "ric_yes_count": 20}
    assert "does not apply" in text(finding(facts, "marac-threshold"))
    got = ids(recommend(validate_facts(facts)))
    assert "marac-referral" not in got and "thurrock-mash" in got


def test_a_16_year_old_in_an_abusive_relationship_goes_to_mash():
    facts = {**DA_PRO, "age": 16, "perpetrator_relationship": "partner"}
    assert finding(facts, "mash")["kind"] == "refer"
    assert "16 or 17" in text(finding(facts, "mash"))
    assert "thurrock-mash" in ids(recommend(validate_facts(facts)))


def test_a_16_year_old_at_high_risk_gets_marac_and_mash():
    facts = {**DA_PRO, "age": 16, "ric_yes_count": 15}
    got = ids(recommend(validate_facts(facts)))
    assert {"marac-referral", "thurrock-mash"} <= set(got)


def test_children_who_witness_domestic_abuse_go_to_mash():
    facts = {**DA_PRO, "risk_indicators": ["children-in-home"]}
    assert "victims in their own right" in text(finding(facts, "mash"))


MS_PRO = {"role": "professional", "concerns": ["modern-slavery"], "first_responder": True}


def test_an_adult_who_consents_can_be_referred_to_the_nrm():
    f = finding({**MS_PRO, "age": 25, "consents": True}, "nrm")
    assert f["kind"] == "refer"


def test_an_adult_who_declines_gets_a_duty_to_notify_not_an_nrm_referral():
    f = finding({**MS_PRO, "age": 25, "consents": False}, "nrm")
    assert f["kind"] == "duty" and "MS1" in text(f)


def test_a_child_goes_to_the_nrm_without_consent_after_safeguarding():
    facts = {**MS_PRO, "age": 17, "consents": False}
    f = finding(facts, "nrm")
    assert f["kind"] == "refer" and "do not need to" in text(f) and "MS1" in text(f)
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
    assert child["kind"] == "refer" and "without" in text(child) and "record" in text(child)
    assert "Do not inform the family" in text(child)


def test_every_professional_is_told_about_their_safeguarding_lead_without_delaying_999():
    f = finding({}, "dsl")
    assert "never" in text(f) and "999" in text(f)


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


# --- the finding shape: one source of truth for the staff pages ---------------------------------

from pathlib import Path  # noqa: E402

from babel.messages.extract import extract_python  # noqa: E402
from hypothesis import given, settings  # noqa: E402

from pathways.staff import (  # noqa: E402
    CALLOUT_ESCALATION, MARAC_TICKS, NOT_APPLYING, RULE_SOURCES, STATUSES, sources_for,
)

from .strategies import FACTS  # noqa: E402

RICH = {"role": "professional", "concerns": ["domestic-abuse", "fgm", "modern-slavery", "stalking",
                                             "sexual-violence", "forced-marriage"],
        "age": 16, "ric_yes_count": 14, "police_callouts_12m": 4, "fgm_status": "known",
        "regulated_professional": True, "first_responder": True, "care_and_support_needs": True,
        "perpetrator_relationship": "partner", "danger_now": True}


def _msgids() -> set[str]:
    """Every string marked N_() in pathways/staff.py, as the catalog extractor sees it."""
    with open(Path(__file__).parents[2] / "pathways" / "staff.py", "rb") as f:
        return {m for _, fn, m, _ in extract_python(f, ["N_"], [], {}) if fn == "N_"}


MSGIDS = _msgids()


def _lines(f):
    return [f] + f["threshold"] + f["notes"]


@settings(max_examples=150, deadline=None)
@given(FACTS)
def test_every_visible_text_is_a_fixed_msgid_with_numbers_only_as_params(facts):
    for f in assess(validate_facts(facts)):
        assert f["status"] in STATUSES and f["kind"] in KINDS
        assert f["title"] in MSGIDS and all(g in MSGIDS for g in f["gather"]) and all(s in MSGIDS for s in f["sources"])
        for ln in _lines(f):
            assert ln["text"] in MSGIDS, ln["text"]
            assert all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in ln["params"].values())
            assert "%(" not in ln["text"] % ln["params"] if ln["params"] else "%(" not in ln["text"]
        assert all(item in MSGIDS for ln in f["threshold"] + f["notes"] for item in ln["items"])


def test_marac_threshold_lines_carry_the_numbers_entered_and_the_named_threshold():
    met = finding({**DA_PRO, "ric_yes_count": MARAC_TICKS + 1}, "marac-threshold")
    assert met["status"] == "threshold-met" and met["kind"] == "refer"
    assert {"n": MARAC_TICKS + 1, "t": MARAC_TICKS, "q": 24} == met["threshold"][0]["params"]
    assert "15 of 24 on the risk checklist: threshold of 14 met" in text(met)
    below = finding({**DA_PRO, "ric_yes_count": MARAC_TICKS - 1}, "marac-threshold")
    assert below["status"] == "threshold-not-met" and below["kind"] == "threshold"
    assert "13 of 24" in text(below) and "below the threshold of 14" in text(below)
    assert below["gather"] == [] and "marac-referral" not in below["routes"]


def test_callout_escalation_uses_the_named_threshold_and_cites_the_a4_caveat():
    at = finding({**DA_PRO, "police_callouts_12m": CALLOUT_ESCALATION}, "marac-threshold")
    below = finding({**DA_PRO, "police_callouts_12m": CALLOUT_ESCALATION - 1}, "marac-threshold")
    assert at["status"] == "threshold-met" and below["status"] == "threshold-not-met"
    assert "A4" in at["rules"] and "A4" in below["rules"]
    assert "3 police call-outs" in text(at) and "below the 3" in text(below)


def test_does_not_apply_is_a_status_not_a_guess_from_the_kind():
    not_regulated = finding({**FGM_KNOWN_GIRL, "regulated_professional": False}, "fgm-duty")
    assert not_regulated["status"] == "does-not-apply"
    assert finding(FGM_KNOWN_GIRL, "fgm-duty")["status"] == "applies"
    under_16 = finding({**DA_PRO, "age": 15, "ric_yes_count": 20}, "marac-threshold")
    assert under_16["status"] == "does-not-apply" and under_16["rules"] == ["R9", "R16"]
    s42_child = finding({"concerns": ["domestic-abuse"], "age": 17, "care_and_support_needs": True},
                        "adult-safeguarding")
    assert s42_child["status"] in NOT_APPLYING and s42_child["rules"] == ["R49"]
    assert finding({**MS_PRO, "age": 25, "first_responder": False}, "nrm")["status"] == "does-not-apply"


def test_fgm_duty_checklist_is_shown_only_when_the_duty_applies():
    duty = finding(FGM_KNOWN_GIRL, "fgm-duty")
    assert duty["gather"] == list(ALL_FINDINGS["fgm-duty"].gather)
    for change in ({"regulated_professional": False}, {"age": 30}, {"fgm_status": "at-risk"}):
        boundary = finding({**FGM_KNOWN_GIRL, **change}, "fgm-duty")
        assert boundary["gather"] == [] and "police-101-fgm-report" not in boundary["routes"]
        assert "R51" in boundary["rules"] and "R50" not in boundary["rules"]


def test_mash_and_one_chance_cite_the_rules_for_this_case_only():
    home = finding({**DA_PRO, "risk_indicators": ["children-in-home"]}, "mash")
    assert {"R8", "R17", "R43", "R47"} <= set(home["rules"])
    assert not {"R15", "R39", "R56", "R68"} & set(home["rules"])
    fm_adult = finding({"role": "professional", "concerns": ["forced-marriage"], "age": 22}, "one-chance")
    assert {"R55", "R57", "R58"} <= set(fm_adult["rules"]) and not {"R53", "R56", "R59"} & set(fm_adult["rules"])
    fm_child = finding({"role": "professional", "concerns": ["forced-marriage"], "age": 15}, "one-chance")
    assert "R56" in fm_child["rules"]


def test_every_rule_a_finding_can_cite_has_its_source_and_findings_list_their_sources():
    for spec in ALL_FINDINGS.values():
        assert [r for r in spec.rules if r.startswith("R") and r not in RULE_SOURCES] == []
    for f in assess(validate_facts(RICH)):
        assert f["sources"] == sources_for(f["rules"]) and f["sources"]
        assert set(f["rules"]) <= set(ALL_FINDINGS[f["id"]].rules)
    marac = finding({**DA_PRO, "ric_yes_count": 15}, "marac-threshold")
    assert "SafeLives MARAC criteria" in marac["sources"] and "R11" in marac["rules"]


def test_999_then_personal_duties_come_first():
    order = [f["id"] for f in assess(validate_facts({**RICH, "age": 17, "first_responder": False}))]
    assert order[:2] == ["emergency", "fgm-duty"]
    adult = [f for f in assess(validate_facts({**MS_PRO, "age": 25, "consents": False,
                                                "concerns": ["modern-slavery", "domestic-abuse"],
                                                "ric_yes_count": 20}))]
    assert adult[0]["id"] == "nrm" and adult[0]["kind"] == "duty"
