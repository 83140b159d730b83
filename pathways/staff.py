"""Professional mode: which thresholds and duties apply (R10-R18, R43-R78).

``assess(facts)`` is pure: it returns a list of findings, each a dict with
``id``, ``kind`` (exactly one of "duty", "refer", "signpost", "threshold"),
``title``, ``rules``, ``text``, ``routes`` and ``gather`` (what to have
ready). It assumes the asker is the professional, whatever ``role`` says.

Words are used precisely:
- **duty**: the law requires you personally to act;
- **refer**: pass the case to a service that will act (seek consent, but in
  the situations in R75 a referral can go ahead without it);
- **signpost**: give the person the options and contacts; they choose;
- **threshold**: whether a criterion for a process is met.
"""
from __future__ import annotations

from dataclasses import dataclass

from .cautions import N_
from .rules import (
    ADULT, AGE_16_17, AGE_16_PLUS, C, CALLOUTS_HIGH, CHILD, CHILD_HARM, CLUSTER, DA, DA_HIGH,
    HBA_FM, MS, NOT_CHILD, PARTNERISH, PJ_SIGNS, RIC_HIGH, RISK, UNDER_13, UNDER_16,
)
from .conditions import AtLeast, Has, HasAny, Is, IsFalse, Known, Below

KINDS = ("duty", "refer", "signpost", "threshold")


@dataclass(frozen=True)
class FindingSpec:
    id: str
    title: str
    kinds: tuple[str, ...]
    rules: tuple[str, ...]
    routes: tuple[str, ...]
    summary: str
    gather: tuple[str, ...]


def _spec(id, title, kinds, rules, routes, summary, gather):
    return FindingSpec(id, title, tuple(kinds), tuple(rules), tuple(routes), summary, tuple(gather))


ALL_FINDINGS: dict[str, FindingSpec] = {f.id: f for f in (
    _spec("emergency", N_("Immediate danger: call 999"), ["refer"], ["R1", "R5", "R78"], ["emergency-999"],
          N_("Anyone in immediate danger: call 999 before anything else, including before telling your safeguarding lead."),
          [N_("Where the person is now"), N_("Who is with them, and any weapons"), N_("Whether children are present")]),
    _spec("marac-threshold", N_("MARAC threshold"), ["threshold"], ["R10", "R11", "R12", "R13", "R14", "R18", "A2", "A3", "A4"],
          ["marac-referral"],
          N_("High risk is met by any one of: 14 or more 'yes' answers on the SafeLives RIC; professional judgement; "
             "or escalation shown by repeated police call-outs (3 or more in 12 months is common practice; the local number "
             "was not confirmed)."),
          [N_("The completed SafeLives RIC (24 questions) with its total and date"),
           N_("Which criterion is met: score, professional judgement (say why) or escalation (number of call-outs)"),
           N_("Sign-off by your manager or safeguarding lead (mandatory for SET MARAC)"),
           N_("Whether the victim wants to speak to the police, and your reasons"),
           N_("Whether the victim has been told about the referral (unless that is unsafe)"),
           N_("Children in the household, and your separate MASH referral"),
           N_("Safe contact details and safe times to call; interpreter needs (an independent interpreter)")]),
    _spec("idva", N_("Refer to the IDVA service"), ["refer"], ["R11", "R12", "R59"], ["changing-pathways-idva"],
          N_("High-risk domestic abuse, or 'honour'-based abuse or forced marriage: refer to an IDVA (Changing Pathways; "
             "health IDVA; BAME/HBA specialist IDVA)."),
          [N_("The person's consent, or your reasons for referring without it"), N_("Safe contact details and safe times"),
           N_("The risk checklist and the main risks"), N_("Any current safety plan, court orders or police involvement")]),
    _spec("outreach", N_("Outreach support (below the MARAC threshold)"), ["refer", "signpost"], ["R13", "R19"],
          ["changing-pathways-outreach", "national-da-helpline"],
          N_("Standard or medium risk: refer to Changing Pathways outreach with consent, or signpost the person to it and "
             "to the 24-hour helpline. Repeat the risk checklist if anything changes."),
          [N_("The person's consent to a referral"), N_("Safe contact details and safe times"),
           N_("The risk checklist total (0-9 standard, 10-13 medium)")]),
    _spec("mash", N_("Refer to Thurrock children's services (MASH)"), ["refer"],
          ["R8", "R14", "R15", "R17", "R39", "R43", "R44", "R47", "R49", "R56", "R68"], ["thurrock-mash"],
          N_("Any child (under 18) suffering or likely to suffer significant harm, including children who see or hear "
             "domestic abuse and 16-17-year-olds in abusive relationships: refer to MASH straight away (out of hours: "
             "the Emergency Duty Team)."),
          [N_("The child's name, date of birth, address and school"),
           N_("What the child said, in their own words, and what you saw, with dates"),
           N_("Parents or carers, and whether telling them first is safe (not for sexual abuse, 'honour'-based abuse, "
              "forced marriage or FGM)"),
           N_("The child's immediate safety now"), N_("Other agencies involved, and your DSL informed")]),
    _spec("adult-safeguarding", N_("Adult safeguarding (Care Act section 42)"), ["refer", "threshold"], ["R48", "R49"],
          ["adult-safeguarding"],
          N_("An adult (18+) with care and support needs, experiencing or at risk of abuse or neglect, who cannot protect "
             "themselves because of those needs: refer to Thurrock adult safeguarding (Thurrock First) for a section 42 "
             "enquiry. Never for under-18s."),
          [N_("The person's care and support needs"), N_("The abuse or neglect, and who is causing it"),
           N_("Why they cannot protect themselves"), N_("Their views and wishes, and whether they have capacity to decide"),
           N_("Whether they consent, or your reasons for referring without consent")]),
    _spec("fgm-duty", N_("FGM mandatory reporting duty"), ["duty", "threshold"], ["R50", "R51", "R52", "A8"],
          ["police-101-fgm-report", "thurrock-mash"],
          N_("Only regulated health and social care professionals and teachers; only girls under 18; only known cases "
             "(she told you, or you saw signs in your normal work). Report personally to the police on 101, best practice "
             "by the close of the next working day. Never examine. Suspected or at-risk cases and adult women: normal "
             "safeguarding, not the duty."),
          [N_("The girl's name, age, date of birth and address"),
           N_("What she said, in her own words, or what you saw, and when"),
           N_("Your name, role, professional registration and contact details"),
           N_("The police reference number, recorded in your records"),
           N_("Your safeguarding referral to MASH, and your DSL informed (the report itself cannot be delegated)")]),
    _spec("one-chance", N_("Forced marriage, 'honour'-based abuse and FGM: the one chance rule"), ["refer"],
          ["R44", "R55", "R56", "R57", "R58", "R59", "R77"], ["forced-marriage-unit", "karma-nirvana", "thurrock-mash"],
          N_("See the person alone, now. Do not contact the family, friends or community leaders; no mediation; no family "
             "interpreters. Refer to the Forced Marriage Unit, Karma Nirvana and the police; under 18 also MASH. "
             "Protection orders are available."),
          [N_("A safe way to contact the person, and a code word"), N_("Passport details, travel dates and destination"),
           N_("A recent photo and any addresses abroad"), N_("Names of people who may be involved"),
           N_("An independent interpreter if needed"), N_("A safety plan before the person leaves")]),
    _spec("nrm", N_("Modern slavery: NRM referral and Duty to Notify"), ["refer", "duty", "signpost", "threshold"],
          ["R65", "R66", "R67", "R68"], ["nrm-first-responder", "modern-slavery-helpline", "police-101"],
          N_("Only first-responder organisations can refer to the NRM. Adults must give informed consent; if they decline, "
             "police, local authority, NCA and GLAA staff must still make an anonymous Duty to Notify (MS1). Children need "
             "no consent: safeguard first, then refer. Others signpost to the Modern Slavery Helpline and the police."),
          [N_("Indicators of exploitation you saw or were told about"), N_("The person's age (or whether it is disputed)"),
           N_("Their informed consent, recorded (adults only)"), N_("Immediate safety and accommodation needs"),
           N_("An independent interpreter if needed")]),
    _spec("clares-law", N_("Clare's Law (Domestic Violence Disclosure Scheme)"), ["signpost"], ["R25", "R26", "A15"],
          ["clares-law"],
          N_("Right to ask: the person, or a friend, relative or professional, can ask the police about a partner's history "
             "of abuse. Right to know: police disclose proactively. Decision in about 28 days; disclosure is confidential."),
          [N_("The partner's name and any known details"), N_("A safe way for the police to contact the person")]),
    _spec("dvpn-dvpo", N_("Police protection notices and orders (DVPN/DVPO)"), ["signpost"], ["R27", "R28", "A5"],
          ["police-dvpn-dvpo"],
          N_("After a police-attended incident, police can issue a DVPN (barring the abuser from the home at once) and apply "
             "for a DVPO (14-28 days). DAPN/DAPO is a pilot elsewhere, not in Essex as far as known."),
          [N_("Dates of police call-outs and crime reference numbers")]),
    _spec("sarc", N_("Sexual assault referral centre"), ["refer", "signpost"], ["R29", "R30", "R31", "R32", "R33", "R36", "R37"],
          ["oakwood-place-sarc", "sexual-health-urgent"],
          N_("Within 7 days: forensic examination, with or without a police report. Under 13: only via police or children's "
             "services. 13-17: a professional can refer with consent. PEP within 72 hours; emergency contraception up to 120 "
             "hours (copper coil 5 days)."),
          [N_("When it happened (hours)"), N_("The person's consent and whether they want police involved"),
           N_("Immediate health needs")]),
    _spec("stalking-screen", N_("Stalking screening"), ["threshold"], ["R61", "R62", "R63", "R64"],
          ["changing-pathways-stalking", "national-stalking-helpline", "paladin"],
          N_("Two or more incidents, or a very frightened victim: use the S-DASH stalking screen alongside RIC question 8. "
             "Stalking by an ex-partner is a high-risk indicator (MARAC by professional judgement)."),
          [N_("A log of incidents with dates"), N_("Evidence: messages, screenshots, photos"),
           N_("The stalker's relationship to the victim")]),
    _spec("consent-sharing", N_("Consent and information sharing"), ["refer", "signpost"], ["R75", "R76", "R77"], [],
          N_("Adult with capacity, no child or adult at risk, risk not high: signpost, or refer with consent. A child at risk, "
             "high-risk domestic abuse, known FGM under 18, a section 42 adult, or serious risk to others: refer, seeking "
             "consent but going ahead without it if needed; share only what is necessary and record why."),
          [N_("Whether the person consents, and if not, your lawful basis for sharing"),
           N_("What you shared, with whom, when and why (recorded)")]),
    _spec("dsl", N_("Tell your safeguarding lead"), ["refer"], ["R78"], [],
          N_("Tell your designated safeguarding lead, but never let that delay a 999 call or an urgent MASH referral."),
          [N_("Your notes of what was said and seen, with times")]),
)}


def _finding(spec_id: str, kind: str, text: str, routes=None, rules=None, extra_gather=()) -> dict:
    spec = ALL_FINDINGS[spec_id]
    assert kind in spec.kinds, (spec_id, kind)
    return {
        "id": spec.id, "kind": kind, "title": spec.title,
        "rules": list(rules or spec.rules), "text": text,
        "routes": list(routes if routes is not None else spec.routes),
        "gather": list(spec.gather) + list(extra_gather),
    }


_PJ_LABELS = {
    "strangulation": "strangulation or choking",
    "threats-to-kill": "threats to kill",
    "stalking-by-partner": "stalking by the partner",
    "fear-for-life": "the victim's fear for their life",
    "escalating": "abuse that is escalating",
}


def assess(facts: dict) -> list[dict]:
    """Findings for a professional, in a fixed order. Pure and deterministic."""
    f = dict(facts)
    out: list[dict] = []
    ric = f.get("ric_yes_count")
    callouts = f.get("police_callouts_12m")
    da = DA(f) or ric is not None or callouts is not None
    child = CHILD(f)
    fgm = C("fgm")(f)
    child_at_risk = child and (CHILD_HARM(f) or C("sexual-harassment")(f))
    children_home = da and RISK("children-in-home", "pregnant")(f)

    if f.get("danger_now"):
        out.append(_finding("emergency", "refer", N_(
            "Someone is in immediate danger: call 999 now. Do this before telling your safeguarding lead.")))

    # MARAC threshold (R10-R14, R16, A4)
    high = False
    if (da or HBA_FM(f)) and UNDER_16(f):
        out.append(_finding("marac-threshold", "threshold", N_(
            "MARAC works with victims aged 16 and over, so it does not apply: the person is under 16. "
            "Refer to MASH as child safeguarding instead."), routes=["thurrock-mash"], rules=["R9", "R16"]))
    elif da or HBA_FM(f):
        met = []
        if RIC_HIGH(f):
            met.append(f"visible high risk: {ric} 'yes' answers on the SafeLives RIC (14 or more)")
        signs = [_PJ_LABELS[s] for s in _PJ_LABELS if Has("risk_indicators", s)(f)]
        if signs:
            met.append("professional judgement: " + ", ".join(signs))
        if CLUSTER(f):
            met.append("professional judgement: separation with coercive control and violence")
        if C("stalking")(f) and PARTNERISH(f):
            met.append("professional judgement: stalking by a partner or ex-partner")
        if HBA_FM(f):
            met.append("professional judgement: 'honour'-based abuse or forced marriage concern")
        if CALLOUTS_HIGH(f):
            met.append(f"potential escalation: {callouts} police call-outs in 12 months (3 or more is common practice; "
                       "the Thurrock/SET local number was not confirmed, so check the SET MARAC protocol)")
        if met:
            high = True
            text = ("Threshold met. Refer to MARAC (SET MARAC form, with manager or safeguarding-lead sign-off) and to an "
                    "IDVA. Criteria met: " + "; ".join(met) + ". Any child concern must be referred to MASH separately.")
            if AGE_16_17(f):
                text += " The person is 16 or 17: also refer to MASH (R15)."
            out.append(_finding("marac-threshold", "threshold", text))
        else:
            if ric is None:
                text = ("Threshold not known: complete the SafeLives RIC (24 questions; young people's version for 13-17) "
                        "with the person. 14 or more 'yes' answers meets the MARAC threshold; your professional judgement "
                        "can refer with fewer. Police now use DARA, which is not scored the same way.")
            elif ric >= 10:
                text = (f"Threshold not met on score: {ric} 'yes' answers is medium risk (10-13). Refer for outreach "
                        "support and repeat the checklist if anything changes; professional judgement can still refer to MARAC.")
            else:
                text = (f"Threshold not met on score: {ric} 'yes' answers is standard risk (0-9). Professional judgement "
                        "can still refer to MARAC.")
            if callouts is not None and not CALLOUTS_HIGH(f):
                text += (f" {callouts} police call-outs in 12 months is below the common escalation threshold of 3 "
                         "(the local number was not confirmed).")
            out.append(_finding("marac-threshold", "threshold", text))
    if high:
        out.append(_finding("idva", "refer", N_(
            "High risk: refer to the Changing Pathways IDVA service. Seek consent; at high risk a referral can go ahead "
            "without it (record why).")))
    elif da and AGE_16_PLUS(f):
        if f.get("consents") is True:
            out.append(_finding("outreach", "refer", N_(
                "Below the MARAC threshold and the person agrees: refer to Changing Pathways outreach.")))
        else:
            out.append(_finding("outreach", "signpost", N_(
                "Below the MARAC threshold: signpost the person to Changing Pathways outreach and the 24-hour helpline; "
                "refer only with their consent.")))

    # Children (R8, R15, R17, R43, R44, R49)
    if child_at_risk or children_home:
        why = []
        if child and da and AtLeast("age", 16)(f):
            why.append("the person is 16 or 17 and in an abusive relationship: still a child in law")
        elif child and da:
            why.append("the person is under 16: child safeguarding, not adult domestic abuse")
        elif child_at_risk:
            why.append("the person is under 18 and at risk of significant harm")
        if children_home:
            why.append("children in the home see or hear the abuse and are victims in their own right "
                       "(when police attend, the school is told through Operation Encompass)")
        text = ("Refer to Thurrock children's services (MASH) straight away: " + "; ".join(why) + ". "
                "Out of hours, the Emergency Duty Team.")
        if CONCERNS_SENSITIVE(f):
            text += " Do not tell the parents or the suspected abuser first (sexual abuse, 'honour'-based abuse, forced marriage or FGM)."
        out.append(_finding("mash", "refer", text))

    # Adults with care and support needs (R48, R49)
    if f.get("care_and_support_needs") is True:
        if child:
            out.append(_finding("adult-safeguarding", "threshold", N_(
                "Section 42 does not apply to under-18s: refer to MASH instead."), routes=["thurrock-mash"], rules=["R49"]))
        else:
            out.append(_finding("adult-safeguarding", "refer", N_(
                "The three section 42 conditions appear to be met (care and support needs; abuse or risk of it; cannot "
                "protect themselves because of those needs): refer to Thurrock adult safeguarding through Thurrock First, "
                "as well as the crime-specific route.")))

    # FGM (R50-R54)
    if fgm:
        regulated = f.get("regulated_professional") is True
        known = f.get("fgm_status") == "known"
        if regulated and known and child:
            out.append(_finding("fgm-duty", "duty", N_(
                "The mandatory reporting duty applies to you: you are a regulated professional or teacher, the girl is under "
                "18, and FGM is known (disclosed or seen). Report it yourself to the police on 101 (you cannot delegate this), "
                "best practice by the close of the next working day (one month is the outer limit). Never examine her. "
                "Also refer to MASH, where specialist FGM advice sits.")))
        else:
            reasons = []
            if not regulated:
                reasons.append("you are not a regulated health or social care professional or teacher")
            if ADULT(f):
                reasons.append("she is 18 or over")
            elif f.get("age") is None:
                reasons.append("her age is not known (the duty applies only under 18: check)")
            if not known:
                reasons.append("FGM is suspected or a risk, not known (no disclosure and no signs seen)")
            text = ("The mandatory reporting duty does not apply: " + "; ".join(reasons) + ". Follow normal safeguarding: "
                    + ("refer girls at risk to MASH (an FGM Protection Order is possible); " if not ADULT(f) else
                       "offer health support, record it, and refer any daughters at risk to MASH; ")
                    + "advice from the NSPCC.")
            out.append(_finding("fgm-duty", "threshold", text,
                                routes=["thurrock-mash", "nspcc-fgm-helpline", "nspcc-helpline"], rules=["R51", "R53", "A8"]))

    # Forced marriage / HBA one chance (R55-R59, R77)
    if HBA_FM(f) or fgm:
        text = ("The one chance rule applies: see the person alone, straight away, somewhere private; do not contact family, "
                "friends or community leaders; no mediation; use an independent interpreter; agree a safe contact method. ")
        if C("forced-marriage")(f):
            text += ("Refer to the Forced Marriage Unit and Karma Nirvana; a Forced Marriage Protection Order is possible. ")
            if child:
                text += "Under 18, any marriage is a crime: refer to MASH and the police. "
        if C("honour-based-abuse")(f):
            text += "Refer to Karma Nirvana and the police; adults to the IDVA and MARAC (professional judgement). "
        if f.get("travel_abroad_planned"):
            text += "Travel abroad is planned: if it is imminent, call 999. "
        out.append(_finding("one-chance", "refer", text.strip()))

    # Modern slavery (R65-R68)
    if C("modern-slavery")(f):
        if f.get("first_responder") is not True:
            out.append(_finding("nrm", "signpost", N_(
                "Only first-responder organisations can refer to the NRM. Signpost or report: the Modern Slavery Helpline "
                "and the police (999 if immediate)."), routes=["modern-slavery-helpline", "police-101"], rules=["R65"]))
        elif child:
            out.append(_finding("nrm", "refer", N_(
                "The person is a child: safeguard first (MASH and police), then refer to the NRM. Children do not need to "
                "consent and no MS1 is needed. Consider an Independent Child Trafficking Guardian."),
                routes=["thurrock-mash", "nrm-first-responder", "police-101"], rules=["R66", "R68"]))
        elif f.get("consents") is True:
            out.append(_finding("nrm", "refer", N_(
                "The adult gives informed consent: refer to the NRM."), rules=["R66", "R67"]))
        elif f.get("consents") is False:
            out.append(_finding("nrm", "duty", N_(
                "The adult does not consent, so no NRM referral. If you work for the police, a local authority, the NCA or "
                "the GLAA you must still meet the Duty to Notify: send an anonymous MS1 to the Home Office."),
                rules=["R66", "R67"]))
        else:
            out.append(_finding("nrm", "threshold", N_(
                "An adult needs to give informed consent to an NRM referral. If they decline, police, local authority, NCA "
                "and GLAA staff must still make an anonymous Duty to Notify (MS1)."), rules=["R66", "R67"]))

    # Clare's Law and police powers (R25-R28)
    if (da or C("not-sure")(f)) and PARTNERISH(f) and AGE_16_PLUS(f):
        out.append(_finding("clares-law", "signpost", N_(
            "Clare's Law: the person (or you, or a friend or relative) can use the right to ask; police can use the right to "
            "know. Expect a decision within about 28 days; disclosures are confidential.")))
    if da and AGE_16_PLUS(f) and (AtLeast("police_callouts_12m", 1)(f) or Is("lives_with_abuser")(f)):
        out.append(_finding("dvpn-dvpo", "signpost", N_(
            "After a police-attended incident, police can use a DVPN and DVPO to keep the abuser away from the home (Essex "
            "uses DVPN/DVPO; DAPN/DAPO is a pilot elsewhere). The person can also seek a non-molestation order.")))

    # Sexual violence (R29-R37)
    if C("sexual-violence")(f) or C("child-sexual-abuse")(f):
        hours = f.get("hours_since_incident")
        if UNDER_13(f):
            text = ("Under 13: do not self-refer to the SARC. Children's services (MASH) or the police refer to the SARC's "
                    "paediatric service.")
            kind = "refer"
        else:
            parts = []
            if hours is None:
                parts.append("Find out when it happened: forensic evidence within 7 days, PEP within 72 hours, emergency "
                             "contraception up to 120 hours (copper coil 5 days).")
            elif hours < 168:
                parts.append(f"{hours:g} hours: within the 7-day forensic window; refer to the SARC as soon as possible.")
                if hours <= 72:
                    parts.append("PEP is still possible (within 72 hours).")
                if hours <= 120:
                    parts.append("Emergency contraception is still possible (up to 120 hours; copper coil 5 days).")
            else:
                parts.append("More than 7 days: forensic recovery is unlikely, but the SARC offers non-recent health "
                             "checks and aftercare; ISVA support via SERICC.")
            if CHILD(f):
                parts.append("13-17: refer with their consent, and consider a MASH referral.")
            else:
                parts.append("An adult can self-refer; samples can be stored without a police report.")
            text = " ".join(parts)
            kind = "refer" if f.get("consents") is True or CHILD(f) else "signpost"
        out.append(_finding("sarc", kind, text))

    if C("stalking")(f):
        out.append(_finding("stalking-screen", "threshold", N_(
            "If there have been two or more incidents or the victim is very frightened, screen with the S-DASH (2009) "
            "alongside RIC question 8 (do not reproduce it without permission). Stalking by an ex-partner is a "
            "professional-judgement MARAC indicator. Police can apply for a Stalking Protection Order.")))

    # Consent and information sharing (R75-R77)
    must_refer = []
    if child_at_risk or children_home:
        must_refer.append("a child is at risk")
    if high:
        must_refer.append("domestic abuse is high risk (MARAC)")
    if fgm and f.get("regulated_professional") is True and f.get("fgm_status") == "known" and child:
        must_refer.append("FGM is known in a girl under 18")
    if f.get("care_and_support_needs") is True and NOT_CHILD(f):
        must_refer.append("an adult at risk meets section 42")
    if RISK("weapon", "threats-to-kill")(f):
        must_refer.append("there is a serious risk to others")
    if must_refer:
        text = ("Refer: " + "; ".join(must_refer) + ". Seek consent, but the referral can go ahead without it. Sharing without "
                "consent is lawful where safety is at risk, to safeguard children or adults at risk, or to prevent or detect "
                "crime. Share only what is necessary, proportionate, relevant, accurate, timely and secure; record your "
                "decision and reasons; seek advice if unsure. Data protection law is not a barrier.")
        if f.get("consents") is False:
            text += " The person does not agree: tell them you are sharing and why, unless that would increase the risk."
        kind = "refer"
    else:
        text = ("Signpost: from what you have said, no child or adult at risk is involved and the risk is not high. "
                "If the person is an adult with capacity, give them the options and contacts and let them choose, or refer with "
                "their consent. If that changes, "
                "a referral can go ahead without consent.")
        kind = "signpost"
    if CONCERNS_SENSITIVE(f):
        text += " Do not inform the family or the suspected abuser first, and use secure channels."
    out.append(_finding("consent-sharing", kind, text))

    out.append(_finding("dsl", "refer", N_(
        "Tell your designated safeguarding lead (or safeguarding lead), following your organisation's procedure, but never "
        "let that delay a 999 call or an urgent MASH referral.")))
    return out


CONCERNS_SENSITIVE = HasAny("concerns", ("child-sexual-abuse", "honour-based-abuse", "forced-marriage", "fgm"))
