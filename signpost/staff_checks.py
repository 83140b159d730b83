"""Thresholds and duties for professionals, as findings a staff page can show and print.

Each finding names the rule numbers of shared/pathway-rules.md and the rule's source, says
whether the professional should *refer* or *signpost*, states the threshold with the numbers
entered (and which side of the line they fall), and lists what to gather before referring.

This module is the staff view's own fallback for ``pathways.staff.assess`` (the pathway
engine's staff findings): when the engine provides findings, ``staff_findings`` uses the
engine's rule numbers, titles, texts and checklists for the findings both know about, and
keeps this module's threshold lines, boundaries and refer/signpost wording.

Text is produced in the request's language (``signpost.i18n.gettext``); templates escape it.
Nothing here reads or stores anything outside the facts it is given.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace

from signpost.i18n import gettext as _

REFER = "refer"
SIGNPOST = "signpost"


@dataclass(frozen=True)
class Finding:
    id: str
    title: str
    rules: tuple[str, ...]
    source: str
    action: str                       # REFER or SIGNPOST
    applies: bool = True              # False: the threshold or duty does not apply (shown as a boundary)
    duty: bool = False                # a statutory duty on the professional personally
    threshold: tuple[str, ...] = ()   # threshold lines, with the numbers entered
    text: tuple[str, ...] = ()        # what to do, plainly
    gather: tuple[str, ...] = ()      # what to have ready before referring
    routes: tuple[str, ...] = ()      # directory ids whose contacts are shown
    extra: dict = field(default_factory=dict)


# Short names of the sources behind each rule (pathway-rules.md, the text after "source:").
RULE_SOURCES = {
    "R8": "Domestic Abuse Act 2021 s.3",
    "R9": "Domestic Abuse Act 2021 ss.1-2; SafeLives MARAC guidance (16+)",
    "R10": "SafeLives Dash risk checklist (RIC)",
    "R11": "SafeLives MARAC criteria",
    "R12": "SafeLives Dash guidance: professional judgement indicators",
    "R13": "SafeLives Dash risk bands (local convention)",
    "R14": "SET MARAC referral form and FAQ",
    "R15": "SafeLives guidance for 16 and 17 year olds at MARAC",
    "R16": "SafeLives MARAC guidance (16+)",
    "R17": "SafeLives Dash quick-start guidance; Operation Encompass",
    "R19": "Changing Pathways services (Thurrock)",
    "R25": "Domestic Violence Disclosure Scheme (Clare's Law)",
    "R26": "Revised DVDS statutory guidance (DA Act 2021 s.77)",
    "R27": "Crime and Security Act 2010 ss.24-33 (DVPN/DVPO); Thurrock VAWG Strategy 2017",
    "R28": "DA Act 2021 Part 3 pilot (DAPN/DAPO)",
    "R43": "Working Together to Safeguard Children 2023; Children Act 1989 s.47",
    "R44": "Thurrock children's referral pathways",
    "R47": "Operation Encompass (Victims and Prisoners Act 2024)",
    "R48": "Care Act 2014 s.42",
    "R49": "Care Act 2014 s.42 (adults only)",
    "R50": "FGM Act 2003 s.5B; mandatory reporting procedural information",
    "R51": "FGM Act 2003 s.5B (known cases under 18 only)",
    "R52": "FGM mandatory reporting procedural information",
    "R53": "FGM Act 2003 Sch. 2 (FGM Protection Orders)",
    "R54": "Thurrock VAWG Strategy 2017 (National FGM Centre in MASH)",
    "R55": "Forced marriage multi-agency statutory guidance 2023",
    "R56": "Marriage and Civil Partnership (Minimum Age) Act 2022",
    "R57": "Family Law Act 1996 Part 4A (Forced Marriage Protection Orders)",
    "R58": "Forced marriage statutory guidance: the one chance rule",
    "R59": "NPCC/APP honour-based abuse guidance",
    "R61": "Suzy Lamplugh Trust FOUR test",
    "R62": "SafeLives Dash guidance (stalking, Q8)",
    "R65": "Modern Slavery Act 2015; NRM guidance",
    "R66": "NRM first responder organisations (Home Office)",
    "R67": "Modern Slavery Act 2015 s.52 (Duty to Notify)",
    "R68": "NRM guidance: children need no consent",
    "R75": "Thurrock referral pathways; SCIE adult safeguarding referrals",
    "R76": "DfE Information sharing advice for practitioners (2024); DPA 2018",
    "R77": "Thurrock referral pathways; forced marriage practitioner guidance",
    "R78": "Thurrock referral pathways; Working Together 2023",
}

DA_CONCERNS = {"domestic-abuse", "honour-based-abuse"}
ONE_CHANCE_CONCERNS = {"forced-marriage", "honour-based-abuse", "fgm"}
NO_FAMILY_CONCERNS = ONE_CHANCE_CONCERNS | {"child-sexual-abuse", "child-sexual-exploitation"}
MARAC_TICKS = 14
CALLOUT_ESCALATION = 3
JUDGEMENT_SIGNS = ("strangulation", "threats-to-kill", "fear-for-life", "escalating", "stalking-by-partner")


def sources_for(rules) -> str:
    seen: list[str] = []
    for rule in rules:
        text = RULE_SOURCES.get(rule)
        if text and text not in seen:
            seen.append(text)
    return "; ".join(seen)


def age_band(facts: dict) -> str:
    """The age as a band, never the number: for summaries that must not echo answers."""
    age = facts.get("age")
    if age is None:
        return _("age not known")
    return _("under 18") if age < 18 else _("18 or over")


def _sign_labels() -> dict:
    return {
        "strangulation": _("strangling, choking or suffocating"),
        "threats-to-kill": _("threats to kill"),
        "fear-for-life": _("the person's own high fear"),
        "escalating": _("abuse getting worse"),
        "stalking-by-partner": _("stalking by a partner or ex-partner"),
        "cluster": _("separation, controlling behaviour and violence together"),
        "hba": _("'honour'-based abuse or forced marriage"),
    }


def _finding(id, title, rules, action, **kw) -> Finding:
    rules = tuple(rules)
    return Finding(id=id, title=title, rules=rules, source=sources_for(rules), action=action, **kw)


# --- domestic abuse: MARAC, IDVA, outreach ---------------------------------------------------

def _marac(facts: dict) -> list[Finding]:
    concerns = set(facts.get("concerns", ()))
    risks = set(facts.get("risk_indicators", ()))
    ric = facts.get("ric_yes_count")
    callouts = facts.get("police_callouts_12m")
    age = facts.get("age")
    is_da = bool(concerns & DA_CONCERNS) or ("stalking" in concerns and "stalking-by-partner" in risks) \
        or ric is not None or callouts is not None
    if not is_da:
        return []
    if age is not None and age < 16:
        return [_finding(
            "marac-threshold", _("MARAC (high-risk domestic abuse)"), ("R9", "R16"), REFER, applies=False,
            threshold=(_("MARAC works only with people aged 16 or over: under 16, MARAC does not apply."),),
            text=(_("Abuse in a relationship where someone is under 16 is child safeguarding, not adult domestic "
                    "abuse: refer to the MASH instead, and call 999 if the child is in immediate danger."),),
            routes=("thurrock-mash",),
        )]

    lines: list[str] = []
    met = False
    # (a) visible high risk
    if ric is not None:
        if ric >= MARAC_TICKS:
            met = True
            lines.append(_("MARAC: %(n)s of 24 on the risk checklist: threshold of %(t)s met (visible high risk).",
                           n=ric, t=MARAC_TICKS))
        else:
            band = _("medium risk (10 to 13)") if ric >= 10 else _("standard risk (0 to 9)")
            lines.append(_("MARAC: %(n)s of 24 on the risk checklist: below the threshold of %(t)s; on its own this "
                           "is %(band)s. Professional judgement or escalation can still meet the criteria.",
                           n=ric, t=MARAC_TICKS, band=band))
    else:
        lines.append(_("Risk checklist not completed: complete the SafeLives Dash risk checklist with the person "
                       "(the MARAC threshold is %(t)s of 24 'yes' answers).", t=MARAC_TICKS))
    # (b) professional judgement
    labels = _sign_labels()
    signs = [labels[s] for s in JUDGEMENT_SIGNS if s in risks]
    if {"recent-separation", "controlling-behaviour"} <= risks and risks & {"physical-violence", "sexual-violence-by-partner"}:
        signs.append(labels["cluster"])
    if concerns & {"honour-based-abuse", "forced-marriage"}:
        signs.append(labels["hba"])
    if signs:
        met = True
        lines.append(_("Professional judgement: %(signs)s: named high-risk indicators, so the MARAC criteria are met "
                       "whatever the checklist total.", signs=", ".join(signs)))
    # (c) potential escalation
    if callouts is not None:
        if callouts >= CALLOUT_ESCALATION:
            met = True
            lines.append(_("Escalation: %(n)s police call-outs in 12 months: %(t)s or more is common practice "
                           "(the Thurrock number is not confirmed).", n=callouts, t=CALLOUT_ESCALATION))
        else:
            lines.append(_("Escalation: %(n)s police call-outs in 12 months: below the %(t)s usually used "
                           "(the Thurrock number is not confirmed).", n=callouts, t=CALLOUT_ESCALATION))

    teen = age is not None and 16 <= age < 18
    out: list[Finding] = []
    if met:
        text = [
            _("Refer to the Thurrock MARAC on the SET MARAC referral form, and refer to the IDVA service. The "
              "referral can go ahead without the person's consent; tell them about it unless that would be unsafe."),
            _("Your manager or safeguarding lead must sign the referral off. Any concern about a child is referred "
              "to the MASH separately: MARAC does not replace child safeguarding."),
        ]
        if teen:
            text.append(_("The person is 16 or 17: a child under the Children Act. Refer to the MASH as well as "
                          "the MARAC, and use the young people's version of the risk checklist."))
        out.append(_finding(
            "marac-threshold", _("MARAC (high-risk domestic abuse)"),
            ("R10", "R11", "R12", "R14") + (("R15",) if teen else ()), REFER,
            threshold=tuple(lines), text=tuple(text),
            gather=(
                _("The completed SafeLives risk checklist, with the date it was done"),
                _("Sign-off by your manager or safeguarding lead (mandatory for SET MARAC)"),
                _("The person's answer to 'do you want to speak to the police?' and your reasons (crimes on the "
                  "form will be recorded by the police)"),
                _("Whether the person knows about the referral, or why telling them is unsafe"),
                _("A safe way and time to contact the person"),
                _("What you know about the person causing harm"),
                _("Any children in the household, for a separate MASH referral"),
            ),
            routes=("marac-referral",) + (("thurrock-mash",) if teen else ()),
        ))
        out.append(_finding(
            "idva", _("IDVA (independent domestic violence adviser)"), ("R11", "R12"), REFER,
            threshold=(_("High risk: an IDVA is recommended for everyone referred to MARAC."),),
            text=(_("Refer to the Changing Pathways IDVA service (there are health IDVAs and a specialist IDVA for "
                    "'honour'-based abuse). Do it with the person's consent where you can."),),
            gather=(_("Consent to the IDVA referral, or your reasons for referring without it"),
                    _("A safe way and time to contact the person")),
            routes=("changing-pathways-idva",),
        ))
    else:
        out.append(_finding(
            "marac-threshold", _("MARAC (high-risk domestic abuse)"), ("R11", "R12", "R13"), SIGNPOST, applies=False,
            threshold=tuple(lines),
            text=(_("On what you entered, the MARAC criteria are not met. If you are still worried, your "
                    "professional judgement can meet them: talk to your safeguarding lead."),),
        ))
        out.append(_finding(
            "outreach", _("Domestic abuse outreach (standard or medium risk)"), ("R13", "R19"), SIGNPOST,
            threshold=(_("Below the MARAC threshold: community outreach and the 24-hour helpline."),),
            text=(_("Signpost: give the person the options and contacts and let them choose, or refer to "
                    "Changing Pathways outreach with their consent. Repeat the risk checklist if anything changes."),),
            gather=(_("The person's consent to a referral"), _("A safe way and time to contact the person")),
            routes=("changing-pathways-outreach", "national-da-helpline"),
        ))
    return out


def _police_options(facts: dict) -> list[Finding]:
    concerns = set(facts.get("concerns", ()))
    if not concerns & DA_CONCERNS:
        return []
    age = facts.get("age")
    if age is not None and age < 16:
        return []
    out = [_finding(
        "clares-law", _("Clare's Law (Domestic Violence Disclosure Scheme)"), ("R25", "R26"), SIGNPOST,
        threshold=(_("Right to ask: the person, a friend or relative, or you as a professional can apply. "
                     "Right to know: the police disclose when they hold information about a risk."),),
        text=(_("Apply through Essex Police (101, a police station or online). Expect a decision in about 28 days; "
                "any disclosure comes with a safety plan and must be kept confidential."),),
        gather=(_("What is known about the partner (name, and any other names used)"),
                _("Why you are worried, and who is at risk")),
        routes=("clares-law",),
    )]
    risks = set(facts.get("risk_indicators", ()))
    callouts = facts.get("police_callouts_12m") or 0
    if callouts >= 1 or risks & {"physical-violence", "threats-to-kill", "strangulation", "weapon"}:
        out.append(_finding(
            "dvpn-dvpo", _("Police protection: DVPN and DVPO"), ("R27", "R28"), SIGNPOST,
            threshold=(_("After violence or threats of violence, the police can give a Domestic Violence Protection "
                         "Notice (the person causing harm must be 18 or over); a court hears the Order within 48 hours."),),
            text=(_("The police decide: ask them to consider it. Domestic Abuse Protection Notices and Orders are a "
                    "pilot elsewhere and not yet used in Essex, as far as the sources show. The person can also "
                    "seek a non-molestation order themselves."),),
            routes=("police-dvpn-dvpo",),
        ))
    return out


# --- children -------------------------------------------------------------------------------

def _mash(facts: dict) -> list[Finding]:
    concerns = set(facts.get("concerns", ()))
    risks = set(facts.get("risk_indicators", ()))
    age = facts.get("age")
    child = age is not None and age < 18
    reasons: list[str] = []
    rules: list[str] = ["R43"]
    if child:
        if concerns & DA_CONCERNS and 16 <= age:
            reasons.append(_("A 16- or 17-year-old in an abusive relationship is still a child: refer to the MASH as "
                             "well as the domestic abuse route."))
            rules += ["R15"]
        elif concerns & DA_CONCERNS:
            reasons.append(_("Abuse in a relationship where someone is under 16 is child safeguarding."))
            rules += ["R9", "R16"]
        else:
            reasons.append(_("The person is under 18: a concern about significant harm goes to the MASH."))
        if "fgm" in concerns:
            rules += ["R50", "R51", "R54"]
        if "forced-marriage" in concerns:
            rules += ["R55", "R56"]
            reasons.append(_("Any marriage of a child under 18, religious or not, is a crime since February 2023."))
        if "modern-slavery" in concerns:
            rules += ["R68"]
        if concerns & {"child-sexual-abuse", "child-sexual-exploitation"}:
            rules += ["R39"]
    if concerns & DA_CONCERNS and "children-in-home" in risks:
        reasons.append(_("Children in the household: children who see, hear or feel the effects of domestic abuse are "
                         "victims in their own right. Refer them to the MASH separately from any MARAC referral."))
        rules += ["R8", "R17", "R47"]
    if "fgm" in concerns and facts.get("fgm_status") == "at-risk" and not child:
        reasons.append(_("A girl may be at risk of FGM (a daughter or sister): refer to the MASH; the police or the "
                         "council can seek an FGM Protection Order."))
        rules += ["R51", "R53"]
    if not reasons:
        return []
    text = [_("Refer to the MASH now (out of hours: the Emergency Duty Team); call 999 if a child is in immediate "
              "danger. Follow up if you are not satisfied with the response.")]
    if concerns & NO_FAMILY_CONCERNS:
        text.append(_("Do not tell the parents or family first: in cases of 'honour'-based abuse, forced marriage, "
                      "FGM or child sexual abuse it can put the child at greater risk."))
        rules += ["R44", "R77"]
    else:
        text.append(_("Normally tell the parents or carers you are referring, unless that would put the child at "
                      "greater risk; if unsure, ask your safeguarding lead or the MASH duty desk."))
        rules += ["R44"]
    if "children-in-home" in risks and concerns & DA_CONCERNS:
        text.append(_("When the police attend, they must tell the child's school (Operation Encompass): the school's "
                      "safeguarding lead can support the child."))
    return [_finding(
        "mash", _("Children's safeguarding: Thurrock MASH"), tuple(dict.fromkeys(rules)), REFER,
        threshold=(_("Threshold: a concern that a child is suffering, or is likely to suffer, significant harm: "
                     "refer immediately."),) + tuple(reasons),
        text=tuple(text),
        gather=(
            _("Who the child is and where they are now (on the referral form, not here)"),
            _("Who has parental responsibility, and who lives in the home"),
            _("What was seen or said, in the child's own words, with dates"),
            _("Whether the child is safe tonight"),
            _("Whether the parents know about the referral, and why not if not"),
            _("Other agencies involved (school, GP, health visitor, police)"),
        ),
        routes=("thurrock-mash",),
    )]


# --- adults at risk -------------------------------------------------------------------------

def _s42(facts: dict) -> list[Finding]:
    if facts.get("care_and_support_needs") is not True:
        return []
    age = facts.get("age")
    if age is not None and age < 18:
        return [_finding(
            "adult-safeguarding", _("Adult safeguarding (Care Act s.42)"), ("R49",), REFER, applies=False,
            threshold=(_("Section 42 applies only to adults aged 18 or over: it does not apply here."),),
            text=(_("Refer to the MASH instead."),),
            routes=("thurrock-mash",),
        )]
    return [_finding(
        "adult-safeguarding", _("Adult safeguarding (Care Act s.42)"), ("R48",), REFER,
        threshold=(_("Section 42 test met on your answers: an adult with care and support needs, experiencing or at "
                     "risk of abuse or neglect, who cannot protect themselves because of those needs."),),
        text=(_("Refer to adult safeguarding through Thurrock First; the council must make enquiries. Use the "
                "abuse-specific route as well (domestic abuse, sexual violence or modern slavery)."),),
        gather=(
            _("The person's care and support needs, and who provides care"),
            _("What abuse or neglect is happening or feared"),
            _("The person's views and wishes, and whether they have capacity for this decision"),
            _("Whether consent was sought, and your reasons if you refer without it"),
        ),
        routes=("adult-safeguarding",),
    )]


# --- FGM ------------------------------------------------------------------------------------

def _fgm(facts: dict) -> list[Finding]:
    if "fgm" not in set(facts.get("concerns", ())):
        return []
    age = facts.get("age")
    regulated = facts.get("regulated_professional")
    status = facts.get("fgm_status")
    title = _("FGM mandatory reporting duty")
    if regulated is True and age is not None and age < 18 and status == "known":
        return [_finding(
            "fgm-duty", title, ("R50", "R52", "R54"), REFER, duty=True,
            threshold=(_("Duty applies: a regulated professional or teacher, a girl under 18, and known FGM "
                         "(she told you, or you saw signs)."),),
            text=(
                _("Report to the police on 101 yourself: the duty is personal and cannot be passed to someone else, "
                  "including your safeguarding lead. Report by the close of the next working day; one month from "
                  "discovery is the outer limit, not the target."),
                _("Refer to the MASH as well. Never examine the girl if you are not a clinician: a teacher's duty "
                  "comes only from what she says or what is seen in normal work."),
            ),
            gather=(
                _("What the girl said, in her words, or what you saw, with the date and time"),
                _("Your name, role and professional registration"),
                _("The police reference number: record it in your notes"),
                _("That you told your safeguarding lead (without delaying the report)"),
            ),
            routes=("police-101-fgm-report", "thurrock-mash"),
        )]
    reasons: list[str] = []
    if regulated is not True:
        reasons.append(_("you did not say you are a regulated health or social care professional or a teacher"))
    if age is None:
        reasons.append(_("the age is not known (the duty covers girls under 18)"))
    elif age >= 18:
        reasons.append(_("she is 18 or over"))
    if status != "known":
        reasons.append(_("FGM is suspected or a risk, not known (no disclosure and no signs seen)"))
    instead: list[str] = []
    if age is not None and age >= 18:
        instead.append(_("For a woman aged 18 or over: offer health support (FGM clinic, GP or midwife), record it in "
                         "her health record, and assess the risk to any daughters or sisters."))
        routes = ("nspcc-fgm-helpline",)
    else:
        instead.append(_("Follow normal safeguarding: refer a girl who has been cut or is at risk to the MASH; call 999 "
                         "if she may be taken abroad or cut soon. The MASH can seek an FGM Protection Order."))
        routes = ("thurrock-mash", "nspcc-fgm-helpline")
    return [_finding(
        "fgm-duty", title, ("R50", "R51", "R53"), REFER, applies=False,
        threshold=(_("The mandatory reporting duty does not apply: %(reasons)s.", reasons="; ".join(reasons)),),
        text=tuple(instead),
        routes=routes,
    )]


def _one_chance(facts: dict) -> list[Finding]:
    concerns = set(facts.get("concerns", ()))
    if not concerns & ONE_CHANCE_CONCERNS:
        return []
    out = [_finding(
        "one-chance", _("The one chance rule"), ("R58", "R77"), REFER,
        threshold=(_("Applies to forced marriage, 'honour'-based abuse and FGM."),),
        text=(_("See the person alone, now, somewhere private. Do not contact the family, friends or community "
                "leaders; no mediation; no family interpreters. Agree a safe way to stay in touch and do not let "
                "them leave without a safety plan."),),
    )]
    if "forced-marriage" in concerns:
        out.append(_finding(
            "forced-marriage", _("Forced marriage"), ("R55", "R56", "R57"), REFER,
            threshold=(_("Any age: the Forced Marriage Unit advises professionals; under 18, any marriage is a crime "
                         "and a child protection case."),),
            text=(_("Contact the Forced Marriage Unit and Karma Nirvana; if travel is imminent call 999 and get "
                    "passport and travel details. A Forced Marriage Protection Order can be sought."),),
            gather=(_("Travel dates, destination and passport details, if known"),),
            routes=("forced-marriage-unit", "karma-nirvana"),
        ))
    return out


# --- modern slavery -------------------------------------------------------------------------

def _nrm(facts: dict) -> list[Finding]:
    if "modern-slavery" not in set(facts.get("concerns", ())):
        return []
    age = facts.get("age")
    responder = facts.get("first_responder")
    consents = facts.get("consents")
    title = _("National Referral Mechanism (NRM) and Duty to Notify")
    if age is not None and age < 18:
        return [_finding(
            "nrm", title, ("R66", "R68"), REFER, duty=responder is True,
            threshold=(_("A child (under 18): no consent is needed for an NRM referral, and there is no MS1."),),
            text=(_("Safeguard first: refer to the MASH and the police. A first responder organisation then makes the "
                    "NRM referral without the child's consent; consider an Independent Child Trafficking Guardian."),),
            gather=(_("How the child came to be here and who controls them, as far as known"),
                    _("Whether the child is safe tonight")),
            routes=("thurrock-mash", "nrm-first-responder", "modern-slavery-helpline"),
        )]
    if responder is not True:
        text = _("Only first responder organisations can refer to the NRM. Call the Modern Slavery Helpline for advice "
                 "and report to the police (999 if immediate, otherwise 101).")
        if responder is None:
            text += " " + _("If your organisation is a first responder, answer that question to see the NRM steps.")
        return [_finding(
            "nrm", title, ("R65", "R66"), SIGNPOST, applies=False,
            threshold=(_("You cannot refer to the NRM yourself: your organisation is not a first responder."),)
            if responder is False else (_("Not known whether your organisation is a first responder."),),
            text=(text,),
            routes=("modern-slavery-helpline", "police-101"),
        )]
    if consents is True:
        return [_finding(
            "nrm", title, ("R66", "R67"), REFER,
            threshold=(_("An adult (18 or over) who gives informed consent: make the NRM referral."),),
            text=(_("Explain the NRM first so that consent is informed, then refer online as a first responder."),),
            gather=(_("The person's informed consent, recorded"),
                    _("The indicators of exploitation you saw or were told about")),
            routes=("nrm-first-responder", "modern-slavery-helpline", "police-101"),
        )]
    text = [_("Police, local authority (for example Thurrock Council), NCA and GLAA staff must still meet the Duty to "
              "Notify the Home Office: send an MS1, which can be anonymous (no name or other details that identify "
              "the person).")]
    if consents is None:
        threshold = _("An adult (18 or over): an NRM referral needs their informed consent. Ask first; if they "
                      "decline, use the Duty to Notify (MS1) instead.")
    else:
        threshold = _("An adult (18 or over) who does not consent: no NRM referral. Duty to Notify (MS1) instead.")
    return [_finding(
        "nrm", title, ("R66", "R67"), REFER, duty=True,
        threshold=(threshold,), text=tuple(text),
        gather=(_("A record that consent was sought and refused"),
                _("The indicators of exploitation, without identifying details on an anonymous MS1")),
        routes=("nrm-first-responder", "modern-slavery-helpline", "police-101"),
    )]


# --- consent, information sharing, DSL --------------------------------------------------------

def _consent(facts: dict, findings: list[Finding]) -> Finding:
    concerns = set(facts.get("concerns", ()))
    must_refer = [f for f in findings if f.applies and f.action == REFER
                  and f.id in {"marac-threshold", "mash", "adult-safeguarding", "fgm-duty"}]
    consents = facts.get("consents")
    text: list[str] = []
    what = [f.title for f in must_refer]
    if set(facts.get("risk_indicators", ())) & {"weapon", "threats-to-kill"}:
        what.append(_("a serious risk to others"))
    if what:
        action = REFER
        threshold = _("Refer: %(what)s. Seek consent, but the referral can go ahead without it.",
                      what=", ".join(what))
    else:
        action = SIGNPOST
        threshold = _("Signpost: on your answers this is an adult with capacity, no child or adult at risk, and the "
                      "risk is not high. Give the options and contacts and let the person choose, or refer with "
                      "their consent.")
        if consents is False:
            text.append(_("The person does not agree to a referral: respect that unless the risk rises, a child or adult "
                          "at risk is involved, or others are at serious risk."))
    text.append(_("Sharing without consent is lawful when there is a lawful basis: someone's safety is at risk, "
                  "safeguarding a child or an adult at risk, or preventing or detecting crime. Data protection law is "
                  "not a barrier to sharing to keep someone safe."))
    text.append(_("Share only what is necessary, proportionate, relevant, adequate, accurate, timely and secure."))
    if concerns & NO_FAMILY_CONCERNS:
        text.append(_("Do not tell the family or the person suspected first, and use secure channels."))
    return _finding(
        "consent-sharing", _("Consent and information sharing"),
        ("R75", "R76") + (("R77",) if concerns & NO_FAMILY_CONCERNS else ()), action,
        threshold=(threshold,), text=tuple(text),
        gather=(
            _("Record the decision: what you shared, with whom, when and why"),
            _("Whether consent was sought, the answer, and your reasons if you shared without it"),
            _("Advice you took (your safeguarding lead or the MASH duty desk), if unsure"),
        ),
    )


def _dsl() -> Finding:
    return _finding(
        "dsl", _("Your safeguarding lead (DSL)"), ("R78",), REFER,
        threshold=(_("Tell your designated safeguarding lead, but never let that delay a 999 call or an urgent MASH "
                     "referral."),),
        text=(),
    )


def assess(facts: dict) -> list[Finding]:
    """The thresholds and duties for a professional's (validated) facts, most binding first."""
    findings: list[Finding] = []
    findings += _fgm(facts)
    findings += _nrm(facts)
    findings += _marac(facts)
    findings += _mash(facts)
    findings += _s42(facts)
    findings += _one_chance(facts)
    findings += _police_options(facts)
    findings.append(_consent(facts, findings))
    findings.append(_dsl())
    return findings


# --- the engine's findings (pathways.staff.assess), preferred where they exist ---------------

CHECK = "check"   # an engine threshold finding this module has no wording for: shown as a check to make
_KIND_TO_ACTION = {"duty": REFER, "refer": REFER, "signpost": SIGNPOST, "threshold": CHECK}


def _get(obj, name, default=None):
    if isinstance(obj, dict):
        return obj.get(name, default)
    return getattr(obj, name, default)


def engine_findings(facts: dict):
    """``pathways.staff.assess(facts)`` if the engine provides it, else None."""
    try:
        from pathways.staff import assess as engine_assess
    except ImportError:
        return None
    try:
        return list(engine_assess(facts))
    except Exception:  # the page must never fail because of the engine's extra findings
        return None


def _tr_all(items) -> tuple[str, ...]:
    return tuple(_(str(x)) for x in items or ())


def staff_findings(facts: dict) -> list[Finding]:
    """The engine's findings (titles, checklists, order), with this module's threshold lines,
    boundaries, refer/signpost wording and case-specific rule numbers where both know a finding.
    Without the engine, this module's findings alone."""
    ours = assess(facts)
    theirs = engine_findings(facts)
    if not theirs:
        return ours
    mine = {f.id: f for f in ours}
    used: set[str] = set()
    merged: list[Finding] = []
    for other in theirs:
        fid = str(_get(other, "id", "") or "")
        title = _(str(_get(other, "title", "") or fid))
        gather = _tr_all(_get(other, "gather", ()))
        f = mine.get(fid)
        if f is None:
            kind = str(_get(other, "kind", "") or "threshold")
            rules = tuple(str(r) for r in _get(other, "rules", ()) or ())
            text = _get(other, "text", "")
            merged.append(Finding(
                id=fid, title=title, rules=rules, source=sources_for(rules),
                action=_KIND_TO_ACTION.get(kind, CHECK), duty=kind == "duty",
                text=(_(str(text)),) if text else (), gather=gather,
                routes=tuple(str(r) for r in _get(other, "routes", ()) or ()),
            ))
            continue
        used.add(fid)
        if not f.applies or not gather:
            gather = tuple(f.gather)   # a boundary has nothing to gather; else the engine's checklist
        merged.append(replace(f, title=title, gather=gather))
        if fid == "one-chance" and "forced-marriage" in mine:
            merged.append(mine["forced-marriage"])
            used.add("forced-marriage")
    tail = [f for f in ours if f.id not in used and f.id not in {"consent-sharing", "dsl"}]
    if tail:
        at = next((i for i, f in enumerate(merged) if f.id in {"consent-sharing", "dsl"}), len(merged))
        merged[at:at] = tail
    # a duty on the professional personally comes first (after 999), the rest in the engine's order
    return sorted(merged, key=lambda f: 0 if f.id == "emergency" else 1 if (f.duty and f.applies) else 2)
