"""Professional mode: which thresholds and duties apply (R10-R18, R25-R37, R43-R78).

``assess(facts)`` is pure and deterministic: it returns a list of findings for the
professional who is asking (whatever ``role`` says), personal duties first. Each finding is
a dict::

    {
      "id": "marac-threshold",            # a key of ALL_FINDINGS
      "kind": "refer",                    # one of KINDS: what you do
      "status": "threshold-met",          # one of STATUSES: whether it applies, with the numbers
      "title": msgid,
      "text": msgid, "params": {...},     # the main statement: _(text, **params)
      "threshold": [line, ...],           # the test, with the numbers entered
      "notes": [line, ...],               # further advice for this case
      "rules": ["R10", "R11", ...],       # the rules of pathway-rules.md behind THIS case
      "sources": [msgid, ...],            # their short source names (RULE_SOURCES), no repeats
      "gather": [msgid, ...],             # what to have ready; empty when nothing is referred
      "routes": [route id, ...],          # directory entries whose contacts are shown
    }

where a ``line`` is ``{"text": msgid, "params": {name: number}, "items": [msgid, ...]}``
(``items``: a list shown under the line, e.g. the professional-judgement signs disclosed).
Every visible text is a fixed English msgid (marked with ``N_``) with ``%(name)s``
placeholders for numbers only; the caller translates at render time. No sentence is built
from pieces here.

Words are used precisely (``kind``):
- **duty**: the law requires you personally to act;
- **refer**: pass the case to a service that will act (seek consent; in the situations in
  R75 a referral can go ahead without it);
- **signpost**: give the person the options and contacts; they choose;
- **threshold**: a criterion to check; on what was entered, nothing is referred on this route.

``status`` says which side of the line the case falls:
- **applies** / **does-not-apply**: a duty, route or rule that does (not) apply to this case;
- **threshold-met** / **threshold-not-met**: a referral threshold (MARAC, Care Act s.42),
  with the numbers that decide it in ``threshold``.
"""
from __future__ import annotations

from dataclasses import dataclass

from .cautions import N_
from .conditions import AtLeast, Has, HasAny, Is, Known
from .rules import (
    ADULT, AGE_16_17, AGE_16_PLUS, C, CALLOUT_ESCALATION, CALLOUTS_HIGH, CHILD, CHILD_HARM, CLUSTER, DA,
    HBA_FM, MARAC_TICKS, NOT_CHILD, PARTNERISH, RIC_HIGH, RIC_MEDIUM, RIC_QUESTIONS, RISK, UNDER_13, UNDER_16,
)

__all__ = [
    "assess", "ALL_FINDINGS", "KINDS", "STATUSES", "NOT_APPLYING", "RULE_SOURCES", "sources_for",
    "age_band", "plain_text", "MARAC_TICKS", "CALLOUT_ESCALATION", "RIC_QUESTIONS", "RIC_MEDIUM",
]

KINDS = ("duty", "refer", "signpost", "threshold")
STATUSES = ("applies", "does-not-apply", "threshold-met", "threshold-not-met")
NOT_APPLYING = frozenset({"does-not-apply", "threshold-not-met"})

# Time windows after a sexual assault (R29-R32). Hours since the incident.
FORENSIC_HOURS = 168        # R29: forensic evidence within 7 days
PEP_HOURS = 72              # R32: PEP no later than 72 hours
EC_HOURS = 120              # R31: emergency contraception pill up to 120 hours (copper coil 5 days)

# Short names of the sources behind each rule (shared/pathway-rules.md, after "source:" and
# "BECAUSE"), one msgid per source. The A-numbers are the document's own notes on ambiguities: no source of their own.
RULE_SOURCES: dict[str, tuple[str, ...]] = {
    "R1": (N_("Thurrock Council domestic abuse advice (immediate danger)"),),
    "R5": (N_("Ofcom emergency video relay (999 BSL)"), N_("emergencySMS")),
    "R8": (N_("Domestic Abuse Act 2021 s.3"),),
    "R9": (N_("Domestic Abuse Act 2021 ss.1-2 (both people 16 or over)"),),
    "R10": (N_("SafeLives Dash risk checklist (RIC)"),),
    "R11": (N_("SafeLives MARAC criteria"),),
    "R12": (N_("SafeLives Dash guidance: professional judgement indicators"),),
    "R13": (N_("SafeLives Dash risk bands (local convention)"),),
    "R14": (N_("SET MARAC referral form and FAQ"),),
    "R15": (N_("SafeLives guidance for 16 and 17 year olds at MARAC"),),
    "R16": (N_("SafeLives MARAC guidance (16+)"),),
    "R17": (N_("SafeLives Dash quick-start guidance"), N_("Operation Encompass")),
    "R18": (N_("College of Policing Domestic Abuse Risk Assessment (DARA)"),),
    "R19": (N_("Changing Pathways services (Thurrock)"),),
    "R25": (N_("Domestic Violence Disclosure Scheme (Clare's Law)"),),
    "R26": (N_("Revised DVDS statutory guidance (DA Act 2021 s.77)"),),
    "R27": (N_("Crime and Security Act 2010 ss.24-33 (DVPN/DVPO)"), N_("Thurrock VAWG Strategy 2017")),
    "R28": (N_("DA Act 2021 Part 3 pilot (DAPN/DAPO)"),),
    "R29": (N_("FFLM forensic persistence windows"), N_("Oakwood Place SARC")),
    "R30": (N_("Oakwood Place SARC: non-recent cases"),),
    "R31": (N_("Licensed emergency contraception windows"),),
    "R32": (N_("PEPSE guidance (HIV post-exposure prophylaxis)"),),
    "R33": (N_("SARC self-referral: samples stored without a police report"),),
    "R36": (N_("Oakwood Place SARC (under 13s)"), N_("Sexual Offences Act 2003 ss.5-8")),
    "R37": (N_("Oakwood Place SARC (13 to 17)"), N_("Working Together to Safeguard Children 2023")),
    "R39": (N_("Working Together to Safeguard Children 2023"),),
    "R43": (N_("Working Together to Safeguard Children 2023"), N_("Children Act 1989 s.47")),
    "R44": (N_("Thurrock children's referral pathways"),),
    "R47": (N_("Operation Encompass (Victims and Prisoners Act 2024)"),),
    "R48": (N_("Care Act 2014 s.42"),),
    "R49": (N_("Care Act 2014 s.42 (adults only)"),),
    "R50": (N_("FGM Act 2003 s.5B"), N_("mandatory reporting procedural information")),
    "R51": (N_("FGM Act 2003 s.5B (known cases under 18 only)"),),
    "R52": (N_("FGM mandatory reporting procedural information"),),
    "R53": (N_("FGM Act 2003 Sch. 2 (FGM Protection Orders)"),),
    "R54": (N_("Thurrock VAWG Strategy 2017 (National FGM Centre in MASH)"),),
    "R55": (N_("Forced marriage multi-agency statutory guidance 2023"),),
    "R56": (N_("Marriage and Civil Partnership (Minimum Age) Act 2022"),),
    "R57": (N_("Family Law Act 1996 Part 4A (Forced Marriage Protection Orders)"),),
    "R58": (N_("Forced marriage statutory guidance: the one chance rule"),),
    "R59": (N_("NPCC/APP honour-based abuse guidance"),),
    "R61": (N_("Suzy Lamplugh Trust FOUR test"),),
    "R62": (N_("SafeLives Dash guidance (stalking, Q8)"),),
    "R63": (N_("S-DASH (2009) stalking screen"),),
    "R64": (N_("Stalking Protection Act 2019"),),
    "R65": (N_("Modern Slavery Act 2015"), N_("NRM guidance")),
    "R66": (N_("NRM first responder organisations (Home Office)"),),
    "R67": (N_("Modern Slavery Act 2015 s.52 (Duty to Notify)"),),
    "R68": (N_("NRM guidance: children need no consent"),),
    "R75": (N_("Thurrock referral pathways"), N_("SCIE adult safeguarding referrals")),
    "R76": (N_("DfE Information sharing advice for practitioners (2024)"), N_("DPA 2018")),
    "R77": (N_("Thurrock referral pathways"), N_("forced marriage practitioner guidance")),
    "R78": (N_("Thurrock referral pathways"), N_("Working Together to Safeguard Children 2023")),
}


def sources_for(rules) -> list[str]:
    """The short source names of these rules, in order, each once."""
    return list(dict.fromkeys(name for r in rules for name in RULE_SOURCES.get(r, ())))


@dataclass(frozen=True)
class FindingSpec:
    """What a finding can be: its title, the kinds and rules it may use, and its checklist."""
    id: str
    title: str
    kinds: tuple[str, ...]
    rules: tuple[str, ...]     # every rule this finding can cite; each case cites its own subset
    routes: tuple[str, ...]
    summary: str
    gather: tuple[str, ...]    # the checklist when the finding applies


def _spec(id, title, kinds, rules, routes, summary, gather):
    return FindingSpec(id, title, tuple(kinds), tuple(rules), tuple(routes), summary, tuple(gather))


ALL_FINDINGS: dict[str, FindingSpec] = {f.id: f for f in (
    _spec("emergency", N_("Immediate danger: call 999"), ["refer"], ["R1", "R5", "R78"], ["emergency-999"],
          N_("Anyone in immediate danger: call 999 before anything else, including before telling your safeguarding lead."),
          [N_("Where the person is now"), N_("Who is with them, and any weapons"), N_("Whether children are present")]),
    _spec("marac-threshold", N_("MARAC threshold"), ["refer", "threshold"],
          ["R9", "R10", "R11", "R12", "R13", "R14", "R15", "R16", "R18", "R59", "R62", "A2", "A3", "A4"],
          ["marac-referral", "thurrock-mash"],
          N_("High risk is met by any one of: the MARAC number of 'yes' answers on the SafeLives RIC; professional "
             "judgement; or escalation shown by repeated police call-outs (the local number was not confirmed)."),
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
    _spec("outreach", N_("Outreach support (below the MARAC threshold)"), ["signpost"], ["R13", "R19"],
          ["changing-pathways-outreach", "national-da-helpline"],
          N_("Standard or medium risk: signpost the person to Changing Pathways outreach and to the 24-hour helpline, "
             "or refer with their consent. Repeat the risk checklist if anything changes."),
          [N_("The person's consent to a referral"), N_("Safe contact details and safe times"),
           N_("The risk checklist total and its band (standard or medium)")]),
    _spec("mash", N_("Refer to Thurrock children's services (MASH)"), ["refer"],
          ["R8", "R9", "R15", "R16", "R17", "R37", "R39", "R43", "R44", "R47", "R51", "R54", "R55", "R56",
           "R68", "R77"],
          ["thurrock-mash"],
          N_("Any child (under 18) suffering or likely to suffer significant harm, including children who see or hear "
             "domestic abuse and 16-17-year-olds in abusive relationships: refer to MASH straight away (out of hours: "
             "the Emergency Duty Team)."),
          [N_("The child's name, date of birth, address and school"),
           N_("What the child said, in their own words, and what you saw, with dates"),
           N_("Parents or carers, and whether telling them first is safe (not for sexual abuse, 'honour'-based abuse, "
              "forced marriage or FGM)"),
           N_("The child's immediate safety now"), N_("Other agencies involved, and your DSL informed")]),
    _spec("adult-safeguarding", N_("Adult safeguarding (Care Act section 42)"), ["refer", "threshold"], ["R48", "R49"],
          ["adult-safeguarding", "thurrock-mash"],
          N_("An adult (18+) with care and support needs, experiencing or at risk of abuse or neglect, who cannot protect "
             "themselves because of those needs: refer to Thurrock adult safeguarding (Thurrock First) for a section 42 "
             "enquiry. Never for under-18s."),
          [N_("The person's care and support needs"), N_("The abuse or neglect, and who is causing it"),
           N_("Why they cannot protect themselves"), N_("Their views and wishes, and whether they have capacity to decide"),
           N_("Whether they consent, or your reasons for referring without consent")]),
    _spec("fgm-duty", N_("FGM mandatory reporting duty"), ["duty", "threshold"], ["R50", "R51", "R52", "R53", "R54", "A8"],
          ["police-101-fgm-report", "thurrock-mash", "nspcc-fgm-helpline"],
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
          ["R53", "R55", "R56", "R57", "R58", "R59", "R77"], ["forced-marriage-unit", "karma-nirvana", "thurrock-mash"],
          N_("See the person alone, now. Do not contact the family, friends or community leaders; no mediation; no family "
             "interpreters. Refer to the Forced Marriage Unit, Karma Nirvana and the police; under 18 also MASH. "
             "Protection orders are available."),
          [N_("A safe way to contact the person, and a code word"), N_("Passport details, travel dates and destination"),
           N_("A recent photo and any addresses abroad"), N_("Names of people who may be involved"),
           N_("An independent interpreter if needed"), N_("A safety plan before the person leaves")]),
    _spec("nrm", N_("Modern slavery: NRM referral and Duty to Notify"), ["refer", "duty", "signpost", "threshold"],
          ["R65", "R66", "R67", "R68"], ["nrm-first-responder", "modern-slavery-helpline", "police-101", "thurrock-mash"],
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
          ["oakwood-place-sarc", "sexual-health-urgent", "thurrock-mash"],
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

# Professional-judgement signs (R12), in the order they are listed.
JUDGEMENT_SIGNS: dict[str, str] = {
    "strangulation": N_("strangling, choking or suffocating"),
    "threats-to-kill": N_("threats to kill"),
    "fear-for-life": N_("the person's own high fear"),
    "escalating": N_("abuse getting worse"),
    "stalking-by-partner": N_("stalking by a partner or ex-partner"),
}
SIGN_CLUSTER = N_("separation, controlling behaviour and violence together")
SIGN_HBA_FM = N_("'honour'-based abuse or forced marriage")

# Concerns where the family or the person suspected must not be told first (R44, R77).
SENSITIVE = HasAny("concerns", ("child-sexual-abuse", "honour-based-abuse", "forced-marriage", "fgm"))
SERIOUS_RISK_TO_OTHERS = RISK("weapon", "threats-to-kill")
PARTNER_OR_NOT_SAID = PARTNERISH | ~Known("perpetrator_relationship")
POLICE_POWERS_SIGNS = RISK("physical-violence", "threats-to-kill", "strangulation", "weapon")


def line(text: str, *, items=(), **params) -> dict:
    """One line of a finding: a msgid, its numbers, and an optional list of msgids under it."""
    return {"text": text, "params": params, "items": list(items)}


def _rule_key(rule: str) -> tuple[int, int]:
    """R-numbers first, then the A-notes, each in number order."""
    return (rule[0] != "R", int(rule[1:]))


def _finding(spec_id: str, kind: str, status: str, text: str, *, rules, params=None,
             threshold=(), notes=(), gather=None, routes=None) -> dict:
    spec = ALL_FINDINGS[spec_id]
    rules = sorted(set(rules), key=_rule_key)
    assert kind in spec.kinds and status in STATUSES, (spec_id, kind, status)
    assert rules and set(rules) <= set(spec.rules), (spec_id, rules)
    return {
        "id": spec.id, "kind": kind, "status": status, "title": spec.title,
        "text": text, "params": dict(params or {}),
        "threshold": list(threshold), "notes": list(notes),
        "rules": rules, "sources": sources_for(rules),
        "gather": list(spec.gather if gather is None else gather),
        "routes": list(spec.routes if routes is None else routes),
    }


def age_band(facts: dict) -> str:
    """The age as a band, never the number (for summaries that must not echo answers)."""
    age = facts.get("age")
    if age is None:
        return N_("age not known")
    return N_("under 18") if age < 18 else N_("18 or over")


def plain_text(finding: dict, translate=None) -> str:
    """Every sentence of a finding (main text, threshold lines and items, notes), translated by
    ``translate`` (default: English) and joined by spaces: for tests, logs and plain-text use."""
    tr = translate or (lambda s: s)
    out = [tr(finding["text"]) % finding["params"] if finding["params"] else tr(finding["text"])]
    for ln in finding["threshold"] + finding["notes"]:
        out.append(tr(ln["text"]) % ln["params"] if ln["params"] else tr(ln["text"]))
        out.extend(tr(item) for item in ln["items"])
    return " ".join(out)


# ---------------------------------------------------------------------------- findings

def _emergency(f: dict) -> list[dict]:
    if not f.get("danger_now"):
        return []
    return [_finding("emergency", "refer", "applies", N_(
        "Someone is in immediate danger: call 999 now. Do this before telling your safeguarding lead."),
        rules=["R1", "R78"])]


def _marac(f: dict, da: bool) -> tuple[list[dict], bool]:
    """MARAC (R9-R16, A4) and then the IDVA or outreach. Returns (findings, high risk)."""
    if not (da or HBA_FM(f)):
        return [], False
    if UNDER_16(f):
        return [_finding(
            "marac-threshold", "threshold", "does-not-apply", N_(
                "MARAC does not apply: abuse in a relationship where someone is under 16 is child safeguarding, not adult "
                "domestic abuse. Refer to the MASH instead, and call 999 if the child is in immediate danger."),
            rules=["R9", "R16"],
            threshold=[line(N_("MARAC works only with people aged 16 or over: under 16, MARAC does not apply."))],
            gather=[], routes=["thurrock-mash"])], False

    ric, callouts = f.get("ric_yes_count"), f.get("police_callouts_12m")
    numbers = {"q": RIC_QUESTIONS, "t": MARAC_TICKS}
    lines, rules, met = [], ["R10", "R11"], False
    # (a) visible high risk
    if ric is None:
        lines.append(line(N_("Risk checklist not completed: complete the SafeLives Dash risk checklist with the person "
                             "(the MARAC threshold is %(t)s of %(q)s 'yes' answers; young people's version for 13 to 17)."),
                          **numbers))
    elif RIC_HIGH(f):
        met = True
        lines.append(line(N_("MARAC: %(n)s of %(q)s on the risk checklist: threshold of %(t)s met (visible high risk)."),
                          n=ric, **numbers))
    elif ric >= RIC_MEDIUM:
        rules.append("R13")
        lines.append(line(N_("MARAC: %(n)s of %(q)s on the risk checklist: below the threshold of %(t)s; on its own this "
                             "is medium risk (%(m)s or more). Professional judgement or escalation can still meet the "
                             "criteria."), n=ric, m=RIC_MEDIUM, **numbers))
    else:
        rules.append("R13")
        lines.append(line(N_("MARAC: %(n)s of %(q)s on the risk checklist: below the threshold of %(t)s; on its own this "
                             "is standard risk (below %(m)s). Professional judgement or escalation can still meet the "
                             "criteria."), n=ric, m=RIC_MEDIUM, **numbers))
    # (b) professional judgement (R12)
    signs = [label for sign, label in JUDGEMENT_SIGNS.items() if Has("risk_indicators", sign)(f)]
    if C("stalking")(f) and PARTNERISH(f) and JUDGEMENT_SIGNS["stalking-by-partner"] not in signs:
        signs.append(JUDGEMENT_SIGNS["stalking-by-partner"])
    if CLUSTER(f):
        signs.append(SIGN_CLUSTER)
    if HBA_FM(f):
        signs.append(SIGN_HBA_FM)
        rules.append("R59")
    if signs:
        met = True
        rules.append("R12")
        if JUDGEMENT_SIGNS["stalking-by-partner"] in signs:
            rules.append("R62")
        lines.append(line(N_("Professional judgement: named high-risk indicators, so the MARAC criteria are met whatever "
                             "the checklist total:"), items=signs))
    # (c) potential escalation (A4: the local number was not confirmed)
    if callouts is not None:
        rules.append("A4")
        if CALLOUTS_HIGH(f):
            met = True
            lines.append(line(N_("Escalation: %(n)s police call-outs in 12 months: %(t)s or more is common practice "
                                 "(the Thurrock number is not confirmed; check the SET MARAC protocol)."),
                              n=callouts, t=CALLOUT_ESCALATION))
        else:
            lines.append(line(N_("Escalation: %(n)s police call-outs in 12 months, below the %(t)s usually used: below "
                                 "the common escalation threshold (the Thurrock number is not confirmed; check the SET "
                                 "MARAC protocol)."), n=callouts, t=CALLOUT_ESCALATION))

    out: list[dict] = []
    teen = AGE_16_17(f)
    if met:
        notes = [line(N_("Your manager or safeguarding lead must sign the referral off. Any concern about a child is "
                         "referred to the MASH separately: MARAC does not replace child safeguarding."))]
        if teen:
            notes.append(line(N_("The person is 16 or 17: a child under the Children Act. Refer to the MASH as well as "
                                 "the MARAC, and use the young people's version of the risk checklist.")))
        out.append(_finding(
            "marac-threshold", "refer", "threshold-met", N_(
                "Threshold met: refer to the Thurrock MARAC on the SET MARAC referral form, and to the IDVA service. "
                "The referral can go ahead without the person's consent; tell them about it unless that would be unsafe."),
            rules=rules + ["R14"] + (["R15"] if teen else []), threshold=lines, notes=notes,
            routes=["marac-referral"] + (["thurrock-mash"] if teen else [])))
        out.append(_finding(
            "idva", "refer", "applies", N_(
                "Refer to the Changing Pathways IDVA service (there are health IDVAs and a specialist IDVA for "
                "'honour'-based abuse). Seek consent; at high risk a referral can go ahead without it (record why)."),
            rules=["R11", "R12"] + (["R59"] if HBA_FM(f) else []),
            threshold=[line(N_("High risk: an IDVA is recommended for everyone referred to MARAC."))]))
        return out, True

    notes = []
    if ric is None:
        notes.append(line(N_("The police now use DARA, which is not scored the same way: partner agencies still refer "
                             "with the SafeLives risk checklist.")))
        rules.append("R18")
    out.append(_finding(
        "marac-threshold", "threshold", "threshold-not-met", N_(
            "Threshold not met on what you entered. If you are still worried, your professional judgement can meet "
            "the MARAC criteria: talk to your safeguarding lead."),
        rules=rules, threshold=lines, notes=notes, gather=[], routes=[]))
    if da:
        out.append(_finding(
            "outreach", "signpost", "applies", N_(
                "Signpost: give the person the options and contacts and let them choose, or refer to Changing Pathways "
                "outreach with their consent. Repeat the risk checklist if anything changes."),
            rules=["R13", "R19"],
            threshold=[line(N_("Below the MARAC threshold: community outreach and the 24-hour helpline."))]))
    return out, False


def _mash(f: dict, da: bool) -> tuple[list[dict], bool]:
    """Children's safeguarding (R8, R15-R17, R43, R44, R47). Returns (findings, child at risk)."""
    child = CHILD(f)
    child_at_risk = child and (CHILD_HARM(f) or C("sexual-harassment")(f))
    children_home = da and RISK("children-in-home", "pregnant")(f)
    if not (child_at_risk or children_home):
        return [], False
    rules = ["R43"]
    lines = [line(N_("Threshold: a concern that a child is suffering, or is likely to suffer, significant harm: "
                     "refer immediately."))]
    if child_at_risk:
        if da and AGE_16_17(f):
            rules.append("R15")
            lines.append(line(N_("The person is 16 or 17: a 16- or 17-year-old in an abusive relationship is still a "
                                 "child in law. Refer to the MASH as well as the domestic abuse route.")))
        elif da:
            rules += ["R9", "R16"]
            lines.append(line(N_("The person is under 16: abuse in a relationship where someone is under 16 is child "
                                 "safeguarding, not adult domestic abuse.")))
        else:
            lines.append(line(N_("The person is under 18: a concern about significant harm goes to the MASH.")))
        if C("forced-marriage")(f):
            rules += ["R55", "R56"]
            lines.append(line(N_("Any marriage of a child under 18, religious or not, is a crime since February 2023, "
                                 "and a child protection case.")))
        if C("fgm")(f):
            rules += ["R51", "R54"]
        if C("modern-slavery")(f):
            rules.append("R68")
        if HasAny("concerns", ("child-sexual-abuse", "child-sexual-exploitation"))(f):
            rules.append("R39")
        if C("sexual-violence")(f) and AtLeast("age", 13)(f):
            rules.append("R37")
    if children_home:
        rules += ["R8", "R17", "R47"]
        lines.append(line(N_("Children in the household: children who see, hear or feel the effects of domestic abuse "
                             "are victims in their own right. Refer them to the MASH separately from any MARAC "
                             "referral.")))
    notes = []
    if SENSITIVE(f):
        rules += ["R44", "R77"]
        notes.append(line(N_("Do not tell the parents or the suspected abuser first: in cases of child sexual abuse, "
                             "'honour'-based abuse, forced marriage or FGM it can put the child at greater risk.")))
    else:
        rules.append("R44")
        notes.append(line(N_("Normally tell the parents or carers you are referring, unless that would put the child at "
                             "greater risk; if unsure, ask your safeguarding lead or the MASH duty desk.")))
    if children_home:
        notes.append(line(N_("When the police attend, they must tell the child's school (Operation Encompass): the "
                             "school's safeguarding lead can support the child.")))
    return [_finding(
        "mash", "refer", "applies", N_(
            "Refer to Thurrock children's services (MASH) straight away (out of hours: the Emergency Duty Team); call "
            "999 if a child is in immediate danger. Follow up if you are not satisfied with the response."),
        rules=rules, threshold=lines, notes=notes)], True


def _adult_safeguarding(f: dict) -> list[dict]:
    """Care Act 2014 s.42 (R48, R49)."""
    if f.get("care_and_support_needs") is not True:
        return []
    if CHILD(f):
        return [_finding(
            "adult-safeguarding", "threshold", "does-not-apply", N_("Refer to the MASH instead."),
            rules=["R49"],
            threshold=[line(N_("Section 42 applies only to adults aged 18 or over: it does not apply here."))],
            gather=[N_("The child's care and support needs or disability, to include in the MASH referral")],
            routes=["thurrock-mash"])]
    return [_finding(
        "adult-safeguarding", "refer", "threshold-met", N_(
            "Refer to adult safeguarding through Thurrock First; the council must make enquiries. Use the abuse-specific "
            "route as well (domestic abuse, sexual violence or modern slavery)."),
        rules=["R48"],
        threshold=[line(N_("Section 42 test met on your answers: an adult with care and support needs, experiencing or "
                           "at risk of abuse or neglect, who cannot protect themselves because of those needs."))],
        routes=["adult-safeguarding"])]


def _fgm_duty_applies(f: dict) -> bool:
    return (C("fgm")(f) and f.get("regulated_professional") is True and f.get("fgm_status") == "known"
            and CHILD(f))


def _fgm(f: dict) -> list[dict]:
    """The FGM mandatory reporting duty (R50-R54, A8)."""
    if not C("fgm")(f):
        return []
    if _fgm_duty_applies(f):
        return [_finding(
            "fgm-duty", "duty", "applies", N_(
                "Report it yourself to the police on 101: the duty is personal and cannot be passed to anyone else, "
                "including your safeguarding lead. Report by the close of the next working day; one month from discovery "
                "is the outer limit, not the target. Never examine her: the duty comes only from what she tells you or "
                "what you see in your normal work."),
            rules=["R50", "R52", "R54", "A8"],
            threshold=[line(N_("Duty applies: a regulated professional or teacher, a girl under 18, and known FGM (she "
                               "told you, or you saw signs)."))],
            notes=[line(N_("Refer to the MASH as well, where specialist FGM advice sits."))],
            routes=["police-101-fgm-report", "thurrock-mash"])]
    reasons = []
    if f.get("regulated_professional") is not True:
        reasons.append(N_("you did not say you are a regulated health or social care professional or a teacher"))
    if f.get("age") is None:
        reasons.append(N_("her age is not known (the duty covers girls under 18: check)"))
    elif ADULT(f):
        reasons.append(N_("she is 18 or over"))
    if f.get("fgm_status") != "known":
        reasons.append(N_("FGM is suspected or a risk, not known (no disclosure and no signs seen)"))
    threshold = [line(N_("The mandatory reporting duty does not apply:"), items=reasons)]
    if ADULT(f):
        return [_finding(
            "fgm-duty", "threshold", "does-not-apply", N_(
                "For a woman aged 18 or over: offer health support (FGM clinic, GP or midwife), record it in her health "
                "record, and assess the risk to any daughters or sisters: refer girls at risk to the MASH."),
            rules=["R51", "R53"], threshold=threshold, gather=[], routes=["nspcc-fgm-helpline"])]
    return [_finding(
        "fgm-duty", "threshold", "does-not-apply", N_(
            "Follow normal safeguarding: refer a girl who has been cut or is at risk to the MASH; call 999 if she may be "
            "taken abroad or cut soon. The MASH or the police can seek an FGM Protection Order."),
        rules=["R51", "R53"], threshold=threshold, gather=[], routes=["thurrock-mash", "nspcc-fgm-helpline"])]


def _one_chance(f: dict) -> list[dict]:
    """Forced marriage, 'honour'-based abuse and FGM: the one chance rule (R55-R59, R77)."""
    fm, hba, fgm = C("forced-marriage")(f), C("honour-based-abuse")(f), C("fgm")(f)
    if not (fm or hba or fgm):
        return []
    rules, notes, routes = ["R58", "R77"], [], []
    if fm:
        rules += ["R55", "R57"]
        routes += ["forced-marriage-unit", "karma-nirvana"]
        notes.append(line(N_("Forced marriage: contact the Forced Marriage Unit and Karma Nirvana; a Forced Marriage "
                             "Protection Order can be sought.")))
        if CHILD(f):
            rules.append("R56")
            notes.append(line(N_("Under 18, any marriage or ceremony is a crime: refer to the MASH and the police.")))
    if hba:
        rules.append("R59")
        if "karma-nirvana" not in routes:
            routes.append("karma-nirvana")
        notes.append(line(N_("'Honour'-based abuse: refer to Karma Nirvana and the police; adults also to the IDVA and "
                             "MARAC (professional judgement).")))
    if fgm:
        rules.append("R53")
        notes.append(line(N_("FGM: if a girl may be taken abroad or cut soon, call 999; an FGM Protection Order can "
                             "be sought.")))
    if f.get("travel_abroad_planned"):
        notes.append(line(N_("Travel abroad is planned: if it is imminent, call 999, and get passport and travel "
                             "details.")))
    return [_finding(
        "one-chance", "refer", "applies", N_(
            "See the person alone, now, somewhere private. Do not contact the family, friends or community leaders; no "
            "mediation; no family interpreters (use an independent one). Agree a safe way to stay in touch, and do not "
            "let them leave without a safety plan."),
        rules=rules, threshold=[line(N_("The one chance rule applies to forced marriage, 'honour'-based abuse and FGM."))],
        notes=notes, routes=routes)]


def _nrm(f: dict) -> list[dict]:
    """Modern slavery: the NRM and the Duty to Notify (R65-R68)."""
    if not C("modern-slavery")(f):
        return []
    responder, consents = f.get("first_responder"), f.get("consents")
    if responder is not True:
        threshold = (line(N_("You cannot refer to the NRM yourself: your organisation is not a first responder."))
                     if responder is False else
                     line(N_("Not known whether your organisation is a first responder.")))
        notes = []
        if responder is None:
            notes.append(line(N_("If your organisation is a first responder, answer that question to see the NRM steps.")))
        if CHILD(f):
            notes.append(line(N_("The person is a child: safeguard first through the MASH and the police.")))
        return [_finding(
            "nrm", "signpost", "does-not-apply", N_(
                "Only first responder organisations can refer to the NRM. Call the Modern Slavery Helpline for advice "
                "and report to the police (999 if immediate, otherwise 101)."),
            rules=["R65", "R66"], threshold=[threshold], notes=notes,
            gather=[N_("Indicators of exploitation you saw or were told about")],
            routes=["modern-slavery-helpline", "police-101"])]
    if CHILD(f):
        return [_finding(
            "nrm", "refer", "applies", N_(
                "Safeguard first: refer to the MASH and the police. Then make the NRM referral as a first responder: "
                "children do not need to consent and no MS1 is needed. Consider an Independent Child Trafficking "
                "Guardian."),
            rules=["R66", "R68"],
            threshold=[line(N_("A child (under 18): no consent is needed for an NRM referral, and there is no MS1."))],
            gather=[N_("Indicators of exploitation you saw or were told about"),
                    N_("How the child came to be here and who controls them, as far as known"),
                    N_("Whether the child is safe tonight")],
            routes=["thurrock-mash", "nrm-first-responder", "modern-slavery-helpline"])]
    if consents is True:
        return [_finding(
            "nrm", "refer", "applies", N_(
                "Explain the NRM first so that consent is informed, then refer online as a first responder."),
            rules=["R66", "R67"],
            threshold=[line(N_("An adult (18 or over) who gives informed consent: make the NRM referral."))],
            routes=["nrm-first-responder", "modern-slavery-helpline", "police-101"])]
    duty_text = N_(
        "If you work for the police, a local authority (for example Thurrock Council), the NCA or the GLAA, you must "
        "still meet the Duty to Notify the Home Office: send an MS1, which can be anonymous (no name or other details "
        "that identify the person).")
    routes = ["nrm-first-responder", "modern-slavery-helpline", "police-101"]
    if consents is False:
        return [_finding(
            "nrm", "duty", "applies", duty_text, rules=["R66", "R67"],
            threshold=[line(N_("An adult (18 or over) who does not consent: no NRM referral. Duty to Notify (MS1) "
                               "instead."))],
            gather=[N_("A record that consent was sought and refused"),
                    N_("The indicators of exploitation, without identifying details on an anonymous MS1")],
            routes=routes)]
    return [_finding(
        "nrm", "threshold", "applies", duty_text, rules=["R66", "R67"],
        threshold=[line(N_("An adult (18 or over): an NRM referral needs their informed consent. Ask first; if they "
                           "decline, use the Duty to Notify (MS1) instead."))],
        routes=routes)]


def _police_options(f: dict, da: bool) -> list[dict]:
    """Clare's Law (R25, R26) and police protection notices and orders (R27, R28)."""
    if not (AGE_16_PLUS(f) and PARTNER_OR_NOT_SAID(f)):
        return []
    out = []
    if da or C("not-sure")(f):
        out.append(_finding(
            "clares-law", "signpost", "applies", N_(
                "Apply through Essex Police (101, a police station or online). Expect a decision in about 28 days; any "
                "disclosure comes with a safety plan and must be kept confidential."),
            rules=["R25", "R26", "A15"],
            threshold=[line(N_("Right to ask: the person, a friend or relative, or you as a professional can apply. "
                               "Right to know: the police disclose when they hold information about a risk."))]))
    if da and (AtLeast("police_callouts_12m", 1)(f) or Is("lives_with_abuser")(f) or POLICE_POWERS_SIGNS(f)):
        out.append(_finding(
            "dvpn-dvpo", "signpost", "applies", N_(
                "The police decide: ask them to consider it. Domestic Abuse Protection Notices and Orders are a pilot "
                "elsewhere and not yet used in Essex, as far as the sources show. The person can also seek a "
                "non-molestation order themselves."),
            rules=["R27", "R28", "A5"],
            threshold=[line(N_("After violence or threats of violence, the police can give a Domestic Violence "
                               "Protection Notice (the person causing harm must be 18 or over); a court hears the Order "
                               "within 48 hours."))]))
    return out


def _sarc(f: dict) -> list[dict]:
    """Sexual assault referral centre (R29-R37)."""
    if not (C("sexual-violence")(f) or C("child-sexual-abuse")(f)):
        return []
    if UNDER_13(f):
        return [_finding(
            "sarc", "refer", "applies", N_(
                "Under 13: do not self-refer to the SARC. Children's services (MASH) or the police refer to the SARC's "
                "paediatric service."),
            rules=["R36"], routes=["thurrock-mash", "oakwood-place-sarc"])]
    hours = f.get("hours_since_incident")
    windows = {"forensic": FORENSIC_HOURS, "pep": PEP_HOURS, "ec": EC_HOURS}
    lines, rules = [], ["R29", "R33"]
    if hours is None:
        rules += ["R31", "R32"]
        lines.append(line(N_("Find out when it happened: forensic evidence within %(forensic)s hours (7 days), PEP within "
                             "%(pep)s hours, emergency contraception up to %(ec)s hours (copper coil 5 days)."),
                          **windows))
    elif hours < FORENSIC_HOURS:
        shown = int(hours) if float(hours).is_integer() else round(float(hours), 1)
        lines.append(line(N_("%(hours)s hours ago: within the forensic window of %(forensic)s hours (7 days); refer to "
                             "the SARC as soon as possible."), hours=shown, **windows))
        if hours <= PEP_HOURS:
            rules.append("R32")
            lines.append(line(N_("PEP is still possible (within %(pep)s hours)."), **windows))
        if hours <= EC_HOURS:
            rules.append("R31")
            lines.append(line(N_("Emergency contraception is still possible (up to %(ec)s hours; copper coil 5 days)."),
                              **windows))
    else:
        rules = ["R30"]
        lines.append(line(N_("More than 7 days: forensic recovery is unlikely, but the SARC offers non-recent health "
                             "checks and aftercare; ISVA support via SERICC.")))
    if CHILD(f):
        rules.append("R37")
        return [_finding(
            "sarc", "refer", "applies", N_(
                "13 to 17: refer to the SARC with their consent, and consider a MASH referral."),
            rules=rules, threshold=lines, routes=["oakwood-place-sarc", "sexual-health-urgent", "thurrock-mash"])]
    if f.get("consents") is True:
        return [_finding(
            "sarc", "refer", "applies", N_(
                "The person agrees: refer to the SARC. Samples can be stored without a police report."),
            rules=rules, threshold=lines, routes=["oakwood-place-sarc", "sexual-health-urgent"])]
    return [_finding(
        "sarc", "signpost", "applies", N_(
            "Signpost: an adult can self-refer to the SARC; samples can be stored without a police report."),
        rules=rules, threshold=lines, routes=["oakwood-place-sarc", "sexual-health-urgent"])]


def _stalking(f: dict) -> list[dict]:
    """Stalking screening (R61-R64)."""
    if not C("stalking")(f):
        return []
    by_partner = PARTNERISH(f) or Has("risk_indicators", "stalking-by-partner")(f)
    return [_finding(
        "stalking-screen", "threshold", "applies", N_(
            "If there have been two or more incidents or the victim is very frightened, screen with the S-DASH (2009) "
            "alongside RIC question 8 (do not reproduce it without permission). Stalking by an ex-partner is a "
            "professional-judgement MARAC indicator. Police can apply for a Stalking Protection Order."),
        rules=["R61", "R63", "R64"] + (["R62"] if by_partner else []))]


def _consent(f: dict, *, child_at_risk: bool, high: bool) -> dict:
    """Consent and information sharing (R75-R77)."""
    must_refer = []
    if child_at_risk:
        must_refer.append(N_("a child is at risk"))
    if high:
        must_refer.append(N_("domestic abuse is high risk (MARAC)"))
    if _fgm_duty_applies(f):
        must_refer.append(N_("FGM is known in a girl under 18"))
    if f.get("care_and_support_needs") is True and NOT_CHILD(f):
        must_refer.append(N_("an adult at risk meets section 42"))
    if SERIOUS_RISK_TO_OTHERS(f):
        must_refer.append(N_("there is a serious risk to others"))
    lawful = line(N_("Sharing without consent is lawful when there is a lawful basis: someone's safety is at risk, "
                     "safeguarding a child or an adult at risk, or preventing or detecting crime. Data protection law "
                     "is not a barrier to sharing to keep someone safe."))
    share = line(N_("Share only what is necessary, proportionate, relevant, adequate, accurate, timely and secure; "
                    "record your decision and reasons, and seek advice if unsure."))
    rules = ["R75", "R76"] + (["R77"] if SENSITIVE(f) else [])
    if must_refer:
        notes = [lawful, share]
        if f.get("consents") is False:
            notes.append(line(N_("The person does not agree: tell them you are sharing and why, unless that would "
                                 "increase the risk.")))
        if SENSITIVE(f):
            notes.append(line(N_("Do not inform the family or the suspected abuser first, and use secure channels.")))
        return _finding(
            "consent-sharing", "refer", "applies", N_(
                "Refer: seek consent, but the referral can go ahead without it."),
            rules=rules, threshold=[line(N_("A referral is needed because:"), items=must_refer)], notes=notes)
    notes = []
    if f.get("consents") is False:
        notes.append(line(N_("The person does not agree to a referral: respect that unless the risk rises, a child or "
                             "adult at risk is involved, or others are at serious risk.")))
    notes += [lawful, share]
    if SENSITIVE(f):
        notes.append(line(N_("Do not inform the family or the suspected abuser first, and use secure channels.")))
    return _finding(
        "consent-sharing", "signpost", "applies", N_(
            "Signpost: on your answers this is an adult with capacity, no child or adult at risk, and the risk is not "
            "high. Give the options and contacts and let the person choose, or refer with their consent."),
        rules=rules, notes=notes)


def _dsl() -> dict:
    return _finding("dsl", "refer", "applies", N_(
        "Tell your designated safeguarding lead, following your organisation's procedure, but never let that delay a "
        "999 call or an urgent MASH referral."), rules=["R78"])


def _order(finding: dict) -> int:
    """999 first, then a duty on you personally, then the rest in their fixed order."""
    if finding["id"] == "emergency":
        return 0
    return 1 if finding["kind"] == "duty" and finding["status"] == "applies" else 2


def assess(facts: dict) -> list[dict]:
    """Findings for a professional, personal duties first. Pure and deterministic."""
    f = dict(facts)
    da = bool(DA(f)) or f.get("ric_yes_count") is not None or f.get("police_callouts_12m") is not None
    out: list[dict] = []
    out += _emergency(f)
    marac, high = _marac(f, da)
    out += marac
    mash, child_at_risk = _mash(f, da)
    out += mash
    out += _adult_safeguarding(f)
    out += _fgm(f)
    out += _one_chance(f)
    out += _nrm(f)
    out += _police_options(f, da)
    out += _sarc(f)
    out += _stalking(f)
    out.append(_consent(f, child_at_risk=child_at_risk, high=high))
    out.append(_dsl())
    return sorted(out, key=_order)
