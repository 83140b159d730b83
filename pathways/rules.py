"""The pathway rules as data (shared/pathway-rules.md).

Each ``Rule`` names the rule numbers it encodes, a declarative condition
over facts (see ``conditions.py``), the routes it adds with a priority, a
plain-language reason (English msgid, with a "you" wording for the person
harmed and a "the person" wording for friends and professionals) and the
safety cautions it adds. The engine (``engine.py``) only evaluates this table.
"""
from __future__ import annotations

from dataclasses import dataclass

from .cautions import CAUTIONS, N_
from .conditions import (
    All, Always, AtLeast, AtMost, Below, Cond, Eq, Has, HasAny, Is, IsEmpty, IsFalse,
    Not, OneOf, OnlyAmong, Known,
)

URGENT, RECOMMENDED, ALSO = "urgent", "recommended", "also"
PRIORITIES = (URGENT, RECOMMENDED, ALSO)

# Canonical display order within a priority (emergency routes always first).
ROUTE_ORDER: tuple[str, ...] = (
    "emergency-999", "silent-solution", "deaf-999-access",
    "police-101-fgm-report",
    "childline", "thurrock-mash",
    "oakwood-place-sarc", "sexual-health-urgent",
    "changing-pathways-idva", "marac-referral",
    "national-da-helpline", "mens-advice-line", "galop", "changing-pathways-outreach",
    "refuge-accommodation", "thurrock-housing-safeguarding", "sanctuary-scheme",
    "forced-marriage-unit", "karma-nirvana", "nspcc-fgm-helpline",
    "sericc", "rape-crisis-helpline", "survivors-uk", "project-goldcrest",
    "report-remove", "nspcc-helpline", "revenge-porn-helpline",
    "national-stalking-helpline", "changing-pathways-stalking", "paladin",
    "modern-slavery-helpline", "nrm-first-responder",
    "adult-safeguarding",
    "respect-phoneline", "change-hub", "stop-it-now",
    "police-101", "police-dvpn-dvpo", "clares-law",
    "ask-for-ani", "nhs-111", "victim-support", "samaritans",
)
ALL_ROUTE_IDS: frozenset[str] = frozenset(ROUTE_ORDER)
EMERGENCY_ROUTES: frozenset[str] = frozenset({"emergency-999", "silent-solution", "deaf-999-access"})

# Services only for people being harmed: never offered to someone asking
# about their own abusive behaviour (R71-R74).
VICTIM_ONLY_ROUTES: frozenset[str] = frozenset({
    "refuge-accommodation", "national-da-helpline", "mens-advice-line", "galop",
    "changing-pathways-outreach", "changing-pathways-idva", "changing-pathways-stalking",
    "marac-referral", "thurrock-housing-safeguarding", "sanctuary-scheme", "clares-law",
    "police-dvpn-dvpo", "sericc", "oakwood-place-sarc", "rape-crisis-helpline", "survivors-uk",
    "sexual-health-urgent", "project-goldcrest", "karma-nirvana", "forced-marriage-unit",
    "nspcc-fgm-helpline", "revenge-porn-helpline", "report-remove", "national-stalking-helpline",
    "paladin", "ask-for-ani", "victim-support", "adult-safeguarding", "modern-slavery-helpline",
    "nrm-first-responder", "police-101-fgm-report",
})

# Age limits stated in pathway-rules.md, used only when the caller passes no
# eligibility from the directory (the directory's own ranges then decide).
DEFAULT_ELIGIBILITY: dict[str, tuple[int, int]] = {
    "childline": (0, 18),                 # R45: up to the 19th birthday
    "report-remove": (0, 17),             # R41
    "thurrock-mash": (0, 17),             # R43, R49
    "project-goldcrest": (0, 17),         # R38: young people
    "oakwood-place-sarc": (13, 120),      # R29, R36: no self-referral under 13
    "rape-crisis-helpline": (16, 120),    # R34, A12
    "marac-referral": (16, 120),          # R9, R16
    "changing-pathways-idva": (16, 120),  # R7, R9
    "changing-pathways-outreach": (16, 120),  # R9, R19
    "national-da-helpline": (16, 120),    # R19
    "refuge-accommodation": (16, 120),    # R7, R22
    "change-hub": (16, 120),              # R71, R74
    "respect-phoneline": (16, 120),       # R71, R74
    "revenge-porn-helpline": (18, 120),   # R40
    "adult-safeguarding": (18, 120),      # R48, R49
    "police-dvpn-dvpo": (16, 120),        # R27: victim 16+
    "sericc": (4, 120),                   # route catalogue: aged 4+ (A11)
}


@dataclass(frozen=True)
class Reason:
    you: str                 # to the person harmed (or the asker about themselves)
    they: str | None = None  # to a friend, relative or professional ("the person")

    def for_role(self, role: str | None) -> str:
        if role in ("someone-else", "professional") and self.they:
            return self.they
        return self.you


@dataclass(frozen=True)
class Rule:
    key: str
    rules: tuple[str, ...]
    when: Cond
    routes: tuple[tuple[str, str], ...]
    reason: Reason | None = None
    cautions: tuple[str, ...] = ()
    # whose age/gender the directory's eligibility is checked against:
    # "person" (the person harmed, or the asker for own-behaviour),
    # "children" (children in the home), "asker" (a line for the helper)
    about: str = "person"
    fallback: bool = False   # only used when no support route was found
    area: str = ""


def R(key, rules, when, routes, you=None, they=None, cautions=(), about="person",
      fallback=False, area=""):
    reason = Reason(you, they) if you else None
    return Rule(key, tuple(rules), when, tuple(routes), reason, tuple(cautions), about,
                fallback, area)


# ---------------------------------------------------------------- conditions
C = lambda concern: Has("concerns", concern)  # noqa: E731
CONCERNS_ANY = lambda *cs: HasAny("concerns", cs)  # noqa: E731
RISK = lambda *rs: HasAny("risk_indicators", rs)  # noqa: E731

OWN = Eq("role", "own-behaviour")
VICTIM = ~OWN                                   # self, someone-else, professional, or not said
PRO = Eq("role", "professional")
SOMEONE_ELSE = Eq("role", "someone-else")
SUPPORTER = OneOf("role", ("someone-else", "professional"))
SELF = ~SUPPORTER & ~OWN                         # self, or role not said
PRO_ASKER = PRO | Not(Known("role"))

DANGER = Is("danger_now")
DEAF = Is("deaf_or_speech_impaired")
CANT_SPEAK = IsFalse("can_speak")

CHILD = Below("age", 18)
UNDER_16 = Below("age", 16)
UNDER_13 = Below("age", 13)
ADULT = AtLeast("age", 18)
AGE_16_PLUS = ~UNDER_16                          # 16 or over, or not known
AGE_13_17 = AtLeast("age", 13) & CHILD
AGE_16_17 = AtLeast("age", 16) & CHILD
NOT_CHILD = ~CHILD                               # 18 or over, or not known

MALE = Eq("gender", "male")
LGBT = Is("lgbtq") | Eq("gender", "non-binary")
PARTNERISH = OneOf("perpetrator_relationship", ("partner", "ex-partner"))
NOT_OUT_OF_AREA = ~IsFalse("in_thurrock")
POLICE_OK = ~Eq("wants_police", "no")           # wants police, unsure, or not said

# Domestic abuse context (R7): named, or sexual violence / stalking / image abuse
# by a partner or ex-partner, or partner-specific risk signs.
DA = (C("domestic-abuse")
      | (CONCERNS_ANY("sexual-violence", "stalking", "intimate-image-abuse") & PARTNERISH)
      | RISK("sexual-violence-by-partner", "stalking-by-partner"))
# Professional-judgement signs (R12) and the cluster of separation + coercive
# control + violence.
PJ_SIGNS = RISK("strangulation", "threats-to-kill", "stalking-by-partner", "fear-for-life", "escalating")
CLUSTER = (Has("risk_indicators", "recent-separation") & Has("risk_indicators", "controlling-behaviour")
           & RISK("physical-violence", "sexual-violence-by-partner"))
# Thresholds: each number lives here once (pathways/staff.py shows them with the numbers).
RIC_QUESTIONS = 24          # R10: the SafeLives Dash risk checklist has 24 questions
MARAC_TICKS = 14            # R11(a): 14 or more "yes" answers is visible high risk
RIC_MEDIUM = 10             # R13: 10-13 is medium, 0-9 standard (a local convention)
CALLOUT_ESCALATION = 3      # R11(c), A4: common practice; the Thurrock/SET number was not confirmed
RIC_HIGH = AtLeast("ric_yes_count", MARAC_TICKS)
CALLOUTS_HIGH = AtLeast("police_callouts_12m", CALLOUT_ESCALATION)
HBA_FM = CONCERNS_ANY("honour-based-abuse", "forced-marriage")
DA_HIGH = RIC_HIGH | CALLOUTS_HIGH | (DA & (PJ_SIGNS | CLUSTER | (C("stalking") & PARTNERISH)))
HIGH_RISK = VICTIM & AGE_16_PLUS & (DA_HIGH | HBA_FM)
DA_VICTIM = VICTIM & DA
DA_ADULT = DA_VICTIM & AGE_16_PLUS

SV = VICTIM & C("sexual-violence")
SV_SELF_REFERRAL = SV & ~UNDER_13
HOURS = "hours_since_incident"
HOURS_UNKNOWN = Not(Known(HOURS))
WITHIN_7_DAYS = Below(HOURS, 168)

FGM = VICTIM & C("fgm")
FGM_DUTY = (FGM & PRO_ASKER & Is("regulated_professional") & Eq("fgm_status", "known") & CHILD)
MS = VICTIM & C("modern-slavery")
NRM_ASKER = PRO_ASKER & Is("first_responder")
OWN_DA = OWN & ~OnlyAmong("concerns", ("child-sexual-abuse", "child-sexual-exploitation"))
CHILD_HARM = CONCERNS_ANY(
    "domestic-abuse", "sexual-violence", "child-sexual-abuse", "child-sexual-exploitation",
    "stalking", "honour-based-abuse", "forced-marriage", "fgm", "modern-slavery",
    "intimate-image-abuse")


RULES: tuple[Rule, ...] = (
    # ------------------------------------------------ 1. danger and access
    R("danger-999", ["R1"], DANGER, [("emergency-999", URGENT)],
      N_("You said someone is in danger now. Call 999 first."),
      cautions=["silent-call"], area="danger"),
    R("danger-silent", ["R2", "R3", "R4"], DANGER & CANT_SPEAK & ~DEAF, [("silent-solution", URGENT)],
      N_("You said you cannot speak safely. On a mobile, call 999, stay on the line and press 55 when asked. "
         "Pressing 55 does not send your location."),
      N_("You said the person cannot speak safely. On a mobile, they can call 999, stay on the line and press 55 "
         "when asked. Pressing 55 does not send their location."),
      cautions=["silent-call"], area="danger"),
    R("danger-deaf", ["R5"], DANGER & DEAF, [("deaf-999-access", URGENT)],
      N_("You said you need a way to contact 999 without speaking or hearing: use 999 BSL, "
         "or text 999 if your phone is registered."),
      N_("You said the person needs a way to contact 999 without speaking or hearing: 999 BSL, "
         "or text 999 if their phone is registered."),
      cautions=["silent-call"], area="danger"),
    R("silent-later", ["R2", "R3", "R4"], ~DANGER & CANT_SPEAK & ~DEAF, [("silent-solution", ALSO)],
      N_("You said you cannot speak safely on the phone. If you ever need 999 and cannot talk, "
         "stay on the line and press 55 on a mobile."),
      N_("You said the person cannot speak safely on the phone. If they ever need 999 and cannot talk, "
         "they can stay on the line and press 55 on a mobile."),
      cautions=["silent-call"], area="danger"),
    R("deaf-later", ["R5"], ~DANGER & DEAF, [("deaf-999-access", ALSO)],
      N_("You said you need contact routes that do not use your voice. In an emergency use 999 BSL, "
         "or text 999 if your phone is registered."),
      N_("You said the person needs contact routes that do not use their voice. In an emergency they can use 999 BSL, "
         "or text 999 if their phone is registered."),
      area="danger"),
    R("police-wanted", ["R6"], VICTIM & Eq("wants_police", "yes"), [("police-101", RECOMMENDED)],
      N_("You said you want to involve the police. If it is not an emergency, call 101 or report online."),
      N_("You said the person wants to involve the police. If it is not an emergency, call 101 or report online."),
      area="danger"),
    R("police-unsure", ["R6"], VICTIM & Eq("wants_police", "unsure") & ~IsEmpty("concerns") & ~OnlyAmong("concerns", ("not-sure",)),
      [("police-101", ALSO)],
      N_("You said you are not sure about the police. You can ask 101 for advice when you are ready; it is your choice."),
      N_("You said the person is not sure about the police. They can ask 101 for advice when ready; it is their choice."),
      area="danger"),

    # ------------------------------------------------ 2-3. domestic abuse
    R("da-high-999", ["R1", "R12"], HIGH_RISK & (DA_HIGH), [("emergency-999", URGENT)],
      N_("Your answers suggest you could be at high risk. Call 999 if you are in danger or the person harming you comes back."),
      N_("Your answers suggest the person could be at high risk. Call 999 if they are in danger or the abuser comes back."),
      cautions=["not-a-risk-assessment"], area="domestic-abuse"),
    R("da-high-ric", ["R10", "R11"], VICTIM & AGE_16_PLUS & RIC_HIGH,
      [("marac-referral", RECOMMENDED), ("changing-pathways-idva", RECOMMENDED)],
      N_("You said the risk checklist has 14 or more 'yes' answers: that meets the MARAC threshold (visible high risk)."),
      N_("You said the risk checklist has 14 or more 'yes' answers: that meets the MARAC threshold (visible high risk)."),
      area="domestic-abuse"),
    R("da-high-callouts", ["R11"], VICTIM & AGE_16_PLUS & CALLOUTS_HIGH,
      [("marac-referral", RECOMMENDED), ("changing-pathways-idva", RECOMMENDED)],
      N_("You said the police have been called out 3 or more times in the last 12 months. Repeated call-outs can mean "
         "the abuse is escalating, which is a reason for MARAC (the local number is not confirmed)."),
      N_("You said the police have been called out 3 or more times in the last 12 months. Repeated call-outs can mean "
         "the abuse is escalating, which is a reason for MARAC (the local number is not confirmed)."),
      area="domestic-abuse"),
    R("da-high-signs", ["R7", "R11", "R12"], DA_ADULT & (PJ_SIGNS | CLUSTER),
      [("changing-pathways-idva", RECOMMENDED), ("marac-referral", RECOMMENDED), ("national-da-helpline", RECOMMENDED)],
      N_("You described signs of high risk, such as choking, threats to kill, being stalked, fear for your life, "
         "abuse getting worse, or separating from a controlling, violent partner. An IDVA (a specialist adviser) "
         "can help you today, and a professional can refer you to MARAC, a meeting that plans your safety."),
      N_("You described signs of high risk, such as choking, threats to kill, stalking, fear for their life, "
         "abuse getting worse, or separating from a controlling, violent partner. Refer the person to an IDVA "
         "and to MARAC; professional judgement counts even with fewer than 14 ticks."),
      cautions=["not-a-risk-assessment"], area="domestic-abuse"),
    R("da-high-partner-stalking", ["R12", "R62"], DA_ADULT & C("stalking") & PARTNERISH,
      [("changing-pathways-idva", RECOMMENDED), ("marac-referral", RECOMMENDED)],
      N_("You said a partner or ex-partner is stalking you. Stalking by an ex-partner carries a high risk of harm."),
      N_("You said a partner or ex-partner is stalking the person. Stalking by an ex-partner carries a high risk of harm."),
      area="stalking"),
    R("hba-fm-high", ["R12", "R59"], VICTIM & AGE_16_PLUS & HBA_FM,
      [("changing-pathways-idva", RECOMMENDED), ("marac-referral", RECOMMENDED)],
      N_("You said this involves 'honour'-based abuse or forced marriage. That counts as high risk: "
         "a specialist IDVA can help, and a professional can refer you to MARAC."),
      N_("You said this involves 'honour'-based abuse or forced marriage. That counts as high risk by professional "
         "judgement: refer the person to an IDVA and to MARAC."),
      area="honour-based-abuse"),
    R("da-standard", ["R7", "R13", "R19"], DA_ADULT & ~(DA_HIGH | HBA_FM),
      [("changing-pathways-outreach", RECOMMENDED), ("national-da-helpline", RECOMMENDED)],
      N_("You said someone close to you is abusing you. Changing Pathways' outreach workers support people of any gender "
         "in Thurrock, and the national helpline is open day and night."),
      N_("You said the person is being abused by someone close to them. Changing Pathways' outreach workers support "
         "people of any gender in Thurrock, and the national helpline is open day and night."),
      cautions=["not-a-risk-assessment"], area="domestic-abuse"),
    R("da-medium-ric", ["R13"], DA_ADULT & AtLeast("ric_yes_count", RIC_MEDIUM) & Below("ric_yes_count", MARAC_TICKS) & ~(DA_HIGH | HBA_FM),
      [("changing-pathways-outreach", RECOMMENDED)],
      N_("You said the risk checklist has 10 to 13 'yes' answers (medium). Refer for outreach support and repeat the "
         "checklist if anything changes; your professional judgement can always raise the level."),
      N_("You said the risk checklist has 10 to 13 'yes' answers (medium). Refer for outreach support and repeat the "
         "checklist if anything changes; your professional judgement can always raise the level."),
      area="domestic-abuse"),
    R("da-under-16", ["R9", "R16"], DA_VICTIM & UNDER_16,
      [("thurrock-mash", RECOMMENDED), ("police-101", ALSO)],
      N_("You are under 16, so this is for children's services, not adult domestic abuse services. "
         "A trusted adult, such as a teacher, can contact Thurrock children's services with you. "
         "You can also report to the police."),
      N_("The person is under 16, so this is a child safeguarding matter, not adult domestic abuse: "
         "contact Thurrock children's services (MASH). No MARAC under 16."),
      area="children"),
    R("da-16-17", ["R15", "R43"], DA_VICTIM & AGE_16_17,
      [("thurrock-mash", RECOMMENDED)],
      N_("You are 16 or 17. You can get domestic abuse support, and you are still a child in law, "
         "so children's services can help keep you safe too."),
      N_("The person is 16 or 17: they can get adult domestic abuse support and MARAC, and they are still a child, "
         "so refer to Thurrock children's services (MASH) as well."),
      area="children"),
    R("da-children-home-pro", ["R8", "R14", "R17", "R47"],
      PRO & DA & RISK("children-in-home", "pregnant"), [("thurrock-mash", RECOMMENDED)],
      N_("You said there are children in the home or a pregnancy. Children who see or hear domestic abuse are victims "
         "in their own right: make a separate referral to Thurrock children's services (MASH)."),
      N_("You said there are children in the home or a pregnancy. Children who see or hear domestic abuse are victims "
         "in their own right: make a separate referral to Thurrock children's services (MASH); a MARAC referral does not "
         "replace it. When police attend, they must tell the child's school (Operation Encompass)."),
      about="children", area="children"),
    R("da-children-home", ["R8", "R17", "R47"],
      VICTIM & ~PRO & DA & RISK("children-in-home", "pregnant"), [("thurrock-mash", ALSO)],
      N_("You said there are children in the home or you are pregnant. Children who see or hear domestic abuse are "
         "victims too, and children's services can help keep them safe. When police attend, they tell the child's "
         "school so staff can support them (Operation Encompass)."),
      N_("You said there are children in the home or a pregnancy. Children who see or hear domestic abuse are "
         "victims too, and children's services can help keep them safe. When police attend, they tell the child's "
         "school so staff can support them (Operation Encompass)."),
      about="children", area="children"),
    R("da-strangulation", ["R12"], VICTIM & Has("risk_indicators", "strangulation"),
      [("nhs-111", RECOMMENDED)],
      N_("You said you were choked or strangled. Get a medical check even if there are no marks: NHS 111 can tell you where."),
      N_("You said the person was choked or strangled. They need a medical check even if there are no marks."),
      cautions=["strangulation"], area="domestic-abuse"),
    R("da-male", ["R69", "R23"], DA_ADULT & MALE, [("mens-advice-line", RECOMMENDED)],
      N_("You said you are a man. The Men's Advice Line supports men experiencing domestic abuse, and local services "
         "help people of any gender."),
      N_("You said the person is a man. The Men's Advice Line supports men experiencing domestic abuse (and people "
         "helping them), and local services help people of any gender."),
      area="domestic-abuse"),
    R("lgbt", ["R70", "R24"], VICTIM & LGBT & (DA | CONCERNS_ANY("honour-based-abuse", "forced-marriage", "sexual-violence")),
      [("galop", RECOMMENDED)],
      N_("You said you are LGBT+ or non-binary. Galop's advisers are LGBT+ themselves and can refer you to "
         "trans-inclusive services."),
      N_("You said the person is LGBT+ or non-binary. Galop's advisers are LGBT+ themselves and can refer to "
         "trans-inclusive services."),
      area="domestic-abuse"),
    R("da-ask-for-ani", ["R19"], DA_ADULT & SELF & (RISK("isolated", "controlling-behaviour") | CANT_SPEAK),
      [("ask-for-ani", ALSO)],
      N_("You said you are watched, controlled or cut off. In many pharmacies you can ask for 'ANI' to get a private "
         "room and help to contact the police or support."),
      area="domestic-abuse"),
    R("da-leave-housing", ["R21"], DA_ADULT & Is("needs_to_leave_home") & NOT_OUT_OF_AREA,
      [("thurrock-housing-safeguarding", RECOMMENDED)],
      N_("You said you need to leave home. Thurrock Council must help people who are homeless because of domestic abuse, "
         "and its Housing Safeguarding Team can help you find somewhere safe."),
      N_("You said the person needs to leave home. Thurrock Council must help people who are homeless because of "
         "domestic abuse; its Housing Safeguarding Team can help."),
      cautions=["leaving-is-risky"], area="housing"),
    R("da-leave-refuge", ["R22"], DA_ADULT & Is("needs_to_leave_home") & ~MALE,
      [("refuge-accommodation", RECOMMENDED), ("national-da-helpline", RECOMMENDED)],
      N_("You said you need to leave home. The 24-hour helpline or Changing Pathways can find a refuge space. "
         "A space is often in another area and usually has to be taken the same day."),
      N_("You said the person needs to leave home. The 24-hour helpline or Changing Pathways can find a refuge space; "
         "it is often in another area and usually has to be taken the same day."),
      cautions=["leaving-is-risky"], area="housing"),
    R("da-leave-refuge-male", ["R23"], DA_ADULT & Is("needs_to_leave_home") & MALE,
      [("refuge-accommodation", ALSO)],
      N_("You said you need to leave home. There are only a few refuge spaces for men (with children too), "
         "so ask the Men's Advice Line and the council; the council must not refuse help because you are a man."),
      N_("You said the person needs to leave home. There are only a few refuge spaces for men, so ask the Men's Advice "
         "Line and the council; the council must not refuse help because he is a man."),
      cautions=["leaving-is-risky"], area="housing"),
    R("da-separation", ["R12"], DA_VICTIM & Has("risk_indicators", "recent-separation"), [],
      cautions=["leaving-is-risky"], area="domestic-abuse"),
    R("da-stay-sanctuary", ["R20"],
      DA_ADULT & Is("wants_to_stay_home") & ~Is("lives_with_abuser") & NOT_OUT_OF_AREA,
      [("sanctuary-scheme", RECOMMENDED), ("thurrock-housing-safeguarding", ALSO)],
      N_("You said you want to stay in your home and the person harming you does not live there. The Sanctuary Scheme "
         "can make your home more secure, whoever owns it. You can also ask about a court order to keep them away."),
      N_("You said the person wants to stay at home and the abuser does not live there. The Sanctuary Scheme can make "
         "the home more secure, whatever the tenure; court orders can keep the abuser away."),
      area="housing"),
    R("da-dvpn", ["R27", "R28"],
      DA_ADULT & (AtLeast("police_callouts_12m", 1) | (Is("lives_with_abuser") & Is("wants_to_stay_home"))),
      [("police-dvpn-dvpo", ALSO)],
      N_("After police have been called, they can ban the person harming you from your home straight away "
         "(a protection notice), followed by a court order for up to 28 days."),
      N_("After a police-attended incident, police can ban the abuser from the home straight away (a DVPN), followed by "
         "a court order (DVPO) lasting 14 to 28 days."),
      area="domestic-abuse"),
    R("clares-law", ["R25", "R26"], VICTIM & AGE_16_PLUS & (DA | C("not-sure")) & Eq("perpetrator_relationship", "partner"),
      [("clares-law", ALSO)],
      N_("You said this is about a partner. Under Clare's Law you can ask the police whether they have a record of "
         "abuse. A decision usually takes up to about 28 days, and comes with a safety plan."),
      N_("You said this is about the person's partner. Under Clare's Law, the person or someone close to them can ask "
         "the police whether the partner has a record of abuse; expect a decision within about 28 days."),
      area="domestic-abuse"),

    # ------------------------------------------------ 4. sexual violence
    R("sv-sarc-recent", ["R29"], SV_SELF_REFERRAL & WITHIN_7_DAYS, [("oakwood-place-sarc", URGENT)],
      N_("You said it happened in the last 7 days. The sexual assault referral centre can collect evidence and look "
         "after your health, day or night, and you do not have to report to the police."),
      N_("You said it happened in the last 7 days. The sexual assault referral centre can collect evidence and look "
         "after the person's health, day or night, without a police report."),
      cautions=["forensic-window"], area="sexual-violence"),
    R("sv-sarc-unknown", ["R29", "R30"], SV_SELF_REFERRAL & HOURS_UNKNOWN, [("oakwood-place-sarc", RECOMMENDED)],
      N_("If it happened in the last 7 days, the sexual assault referral centre can collect evidence, without you having "
         "to report to the police. If it was longer ago, they can still check your health."),
      N_("If it happened in the last 7 days, the sexual assault referral centre can collect evidence without a police "
         "report. If it was longer ago, they can still offer a health check and aftercare."),
      cautions=["forensic-window"], area="sexual-violence"),
    R("sv-sarc-old", ["R30"], SV_SELF_REFERRAL & AtLeast(HOURS, 168), [("oakwood-place-sarc", ALSO)],
      N_("You said it was more than 7 days ago. The sexual assault referral centre can still offer a health check and aftercare."),
      N_("You said it was more than 7 days ago. The sexual assault referral centre can still offer a health check and aftercare."),
      area="sexual-violence"),
    R("sv-police-choice", ["R33"], SV_SELF_REFERRAL & OneOf("wants_police", ("no", "unsure")) & ~AtLeast(HOURS, 168),
      [("oakwood-place-sarc", RECOMMENDED)],
      N_("You said you have not decided about the police. The centre can take samples and store them without a police "
         "report, so you can decide later. Ask them how long they keep them."),
      N_("You said the person has not decided about the police. The centre can take samples and store them without a "
         "police report, so they can decide later. Ask the centre how long samples are kept."),
      area="sexual-violence"),
    R("sv-pep-ec-now", ["R31", "R32"],
      SV_SELF_REFERRAL & (AtMost(HOURS, 72) | (AtMost(HOURS, 120) & ~MALE)),
      [("sexual-health-urgent", URGENT)],
      N_("You said it happened in the last few days. Medicine to prevent HIV (PEP) must start within 72 hours, and "
         "emergency contraception works up to 5 days: a pharmacy, sexual health clinic or the centre can help now."),
      N_("You said it happened in the last few days. HIV prevention (PEP) must start within 72 hours, and emergency "
         "contraception works up to 5 days: a pharmacy, sexual health clinic or the SARC can help now."),
      area="sexual-violence"),
    R("sv-pep-ec-unknown", ["R31", "R32"], SV_SELF_REFERRAL & HOURS_UNKNOWN,
      [("sexual-health-urgent", RECOMMENDED)],
      N_("If it happened in the last 5 days, emergency contraception and, within 72 hours, medicine to prevent HIV (PEP) "
         "may still help."),
      N_("If it happened in the last 5 days, emergency contraception and, within 72 hours, HIV prevention (PEP) may still help."),
      area="sexual-violence"),
    R("sv-support", ["R34"], SV | (VICTIM & CONCERNS_ANY("child-sexual-abuse") & ~UNDER_13), [("sericc", RECOMMENDED)],
      N_("You said you experienced sexual violence. SERICC, the local rape crisis centre, offers support and an "
         "independent adviser (ISVA), whether or not you report it and however long ago it was."),
      N_("You said the person experienced sexual violence. SERICC, the local rape crisis centre, offers support and an "
         "independent adviser (ISVA), whether or not it is reported and however long ago it was."),
      area="sexual-violence"),
    R("sv-helpline", ["R34", "R37"], (SV | (VICTIM & C("child-sexual-abuse"))) & AGE_16_PLUS,
      [("rape-crisis-helpline", RECOMMENDED)],
      N_("The 24-hour support line is there for anyone aged 16 or over affected by sexual violence, whenever it happened."),
      N_("The 24-hour support line is there for anyone aged 16 or over affected by sexual violence, and for people supporting them."),
      area="sexual-violence"),
    R("sv-male", ["R35"], SV & OneOf("gender", ("male", "non-binary")), [("survivors-uk", RECOMMENDED)],
      N_("You said you are a man or non-binary. SurvivorsUK supports male and non-binary survivors, by web chat and text."),
      N_("You said the person is a man or non-binary. SurvivorsUK supports male and non-binary survivors."),
      area="sexual-violence"),
    R("sv-under-13", ["R36", "R43"], SV & UNDER_13,
      [("thurrock-mash", URGENT), ("police-101", RECOMMENDED)],
      N_("You are under 13. Please tell a trusted adult. Children's services or the police will arrange a doctor who "
         "specialises in helping children."),
      N_("The child is under 13. Children's services (MASH) or the police refer to the SARC's children's service; "
         "do not self-refer. Call 999 if the child is in danger now."),
      cautions=["children-telling"], area="sexual-violence"),
    R("sv-13-17", ["R37", "R43"], SV & AGE_13_17, [("thurrock-mash", RECOMMENDED), ("police-101", ALSO)],
      N_("You are under 18. Children's services can help keep you safe, and the centre can see young people aged 13 and over."),
      N_("The young person is 13 to 17: consider a referral to children's services (MASH); the SARC sees 13+ with consent."),
      area="sexual-violence"),

    # ------------------------------------------------ CSE, images, harassment
    R("cse-child", ["R39", "R43"], VICTIM & C("child-sexual-exploitation") & ~ADULT,
      [("thurrock-mash", RECOMMENDED), ("police-101", RECOMMENDED), ("emergency-999", ALSO)],
      N_("You said you are being groomed or exploited. This is abuse and it is not your fault. Children's services and "
         "the police can protect you. Call 999 if you are about to meet the person or are with them now."),
      N_("You said a child is being groomed or exploited. This is child abuse: refer to children's services (MASH) and "
         "the police. Call 999 if a meeting is about to happen or the child is with the person now."),
      cautions=["confidentiality-limits", "dont-confront", "tech-safety"], area="children"),
    R("cse-goldcrest", ["R38"],
      VICTIM & C("child-sexual-exploitation") & C("sexual-violence") & ~ADULT & ~Eq("wants_police", "yes"),
      [("project-goldcrest", ALSO)],
      N_("If you do not want to go to the police or children's services, Project Goldcrest lets young people collect "
         "evidence themselves and keeps it safely for you, in case you want to report later."),
      N_("If the young person will not engage with police or social care, Project Goldcrest allows self-collected, "
         "anonymously stored forensic samples (kept for 25 years). Self-referral to the SARC is still preferred."),
      area="sexual-violence"),
    R("cse-adult", ["R34"], VICTIM & C("child-sexual-exploitation") & ADULT,
      [("sericc", RECOMMENDED), ("rape-crisis-helpline", RECOMMENDED)],
      N_("You said you were sexually exploited. Support is there for adults, whenever it happened."),
      N_("You said the person was sexually exploited. Support is there for adults, whenever it happened."),
      area="sexual-violence"),
    R("csa-child", ["R43", "R44"], VICTIM & C("child-sexual-abuse") & ~ADULT,
      [("thurrock-mash", RECOMMENDED), ("police-101", RECOMMENDED)],
      N_("You said a child is being sexually abused. It is never the child's fault. Children's services and the police "
         "can protect them."),
      N_("You said a child is being sexually abused. Refer to children's services (MASH) straight away and tell the police. "
         "Do not tell the parents or the suspected abuser first."),
      cautions=["confidentiality-limits"], area="children"),
    R("csa-others-thoughts", ["R73"], SOMEONE_ELSE & CONCERNS_ANY("child-sexual-abuse", "child-sexual-exploitation"),
      [("stop-it-now", ALSO)],
      N_("If you are worried about an adult's sexual thoughts or behaviour towards children, Stop It Now gives "
         "confidential advice."),
      N_("If you are worried about an adult's sexual thoughts or behaviour towards children, Stop It Now gives "
         "confidential advice."),
      about="asker", area="children"),
    R("images-adult", ["R40"], VICTIM & C("intimate-image-abuse") & NOT_CHILD,
      [("revenge-porn-helpline", RECOMMENDED)],
      N_("You said intimate images of you were shared, or someone threatens to share them. The Revenge Porn Helpline "
         "helps adults get images taken down. Sharing or threatening to share them is a crime."),
      N_("You said intimate images of the person were shared, or someone threatens to. The Revenge Porn Helpline helps "
         "adults get images taken down; it is a crime."),
      cautions=["dont-confront", "tech-safety"], area="images"),
    R("images-adult-police", ["R40"], VICTIM & C("intimate-image-abuse") & NOT_CHILD & POLICE_OK,
      [("police-101", ALSO)],
      N_("Sharing intimate images without consent, or threatening to, is a crime you can report."),
      N_("Sharing intimate images without consent, or threatening to, is a crime that can be reported."),
      area="images"),
    R("images-age-unknown", ["R41"], VICTIM & C("intimate-image-abuse") & Not(Known("age")),
      [("report-remove", ALSO)],
      N_("If the images were taken when you were under 18, Report Remove can get them taken down."),
      N_("If the person in the images is under 18, Report Remove can get them taken down."),
      area="images"),
    R("images-child", ["R41", "R43"], VICTIM & C("intimate-image-abuse") & CHILD,
      [("report-remove", RECOMMENDED), ("thurrock-mash", RECOMMENDED), ("police-101", ALSO)],
      N_("You said nude images of you are being shared or threatened, and you are under 18. Report Remove can get them "
         "taken down, and you are not in trouble. Do not pay or send more."),
      N_("You said nude images of a young person under 18 are involved. Use Report Remove (not the adult helpline), and "
         "refer to children's services; tell the police if there is coercion or blackmail."),
      cautions=["dont-confront", "tech-safety"], area="images"),
    R("images-child-coercion", ["R39", "R41"],
      VICTIM & C("intimate-image-abuse") & CHILD & (C("child-sexual-exploitation") | Eq("perpetrator_relationship", "online-contact")),
      [("police-101", RECOMMENDED)],
      N_("Someone forcing or blackmailing you for images is committing a crime. The police can help, and you are not in trouble."),
      N_("Coercion or blackmail of a child for images is a crime: tell the police (or CEOP)."),
      area="images"),
    R("harassment-adult", ["R42"], VICTIM & C("sexual-harassment") & AGE_16_PLUS,
      [("rape-crisis-helpline", RECOMMENDED)],
      N_("You said you are being sexually harassed. The 24-hour support line covers harassment too. At work, your employer "
         "must take reasonable steps to prevent sexual harassment."),
      N_("You said the person is being sexually harassed. The 24-hour support line covers harassment too. At work, "
         "employers must take reasonable steps to prevent sexual harassment."),
      area="harassment"),
    R("harassment-police", ["R42"], VICTIM & C("sexual-harassment") & AGE_16_PLUS & POLICE_OK,
      [("police-101", ALSO)],
      N_("Much sexual harassment is a crime, such as being followed, touched, or sent sexual images. You can report it."),
      N_("Much sexual harassment is a crime, such as following, touching, or sending sexual images. It can be reported."),
      area="harassment"),

    # ------------------------------------------------ 5. children
    R("child-harm", ["R43"], VICTIM & CHILD & CHILD_HARM, [("thurrock-mash", RECOMMENDED)],
      N_("You are under 18. Thurrock children's services help keep children and young people safe. A trusted adult, "
         "like a teacher, can contact them with you."),
      N_("The person is under 18. If you think a child is suffering or likely to suffer significant harm, contact "
         "Thurrock children's services (MASH) straight away; out of hours, the Emergency Duty Team."),
      cautions=["children-telling"], area="children"),
    R("child-own-help", ["R45"], VICTIM & SELF & CHILD, [("childline", RECOMMENDED)],
      N_("You are under 19, so you can talk to Childline, day or night, by phone or online. It is free and private, "
         "unless someone's life is in danger."),
      cautions=["confidentiality-limits"], area="children"),
    R("child-own-help-age-unknown", ["R45"],
      VICTIM & SELF & Not(Known("age")) & CONCERNS_ANY("child-sexual-abuse", "child-sexual-exploitation"),
      [("childline", ALSO)],
      N_("If you are under 19, you can talk to Childline, day or night. It is free and private, unless someone's life is in danger."),
      cautions=["confidentiality-limits"], area="children"),
    R("child-worried-adult", ["R46"], SOMEONE_ELSE & CHILD, [("nspcc-helpline", RECOMMENDED)],
      N_("You are worried about a child. The NSPCC helpline can advise you and pass on concerns, or you can contact "
         "Thurrock children's services directly."),
      N_("You are worried about a child. The NSPCC helpline can advise you and pass on concerns, or you can contact "
         "Thurrock children's services directly."),
      about="asker", area="children"),

    # ------------------------------------------------ 6. adults with care and support needs
    R("adult-s42", ["R48", "R49"], VICTIM & Is("care_and_support_needs") & NOT_CHILD,
      [("adult-safeguarding", RECOMMENDED)],
      N_("You said you have care and support needs that make it hard to protect yourself. Thurrock adult social care "
         "(Thurrock First) must look into this."),
      N_("You said the person is an adult with care and support needs who cannot protect themselves. Report to Thurrock "
         "adult safeguarding (Thurrock First): this can lead to a Care Act section 42 enquiry."),
      area="adults"),

    # ------------------------------------------------ 7. FGM
    R("one-chance", ["R58", "R77"], CONCERNS_ANY("forced-marriage", "honour-based-abuse", "fgm"), [],
      cautions=["one-chance"], area="honour-based-abuse"),
    R("fgm-duty", ["R50", "R52"], FGM_DUTY,
      [("police-101-fgm-report", URGENT), ("thurrock-mash", RECOMMENDED)],
      N_("You said you are a regulated professional or teacher and a girl under 18 told you, or you saw signs, that she has "
         "had FGM. You must report it to the police yourself by calling 101, by the end of the next working day. "
         "Do not examine her. Also make a safeguarding referral."),
      N_("You said you are a regulated professional or teacher and a girl under 18 told you, or you saw signs, that she has "
         "had FGM. You must report it to the police yourself by calling 101, by the end of the next working day. "
         "Do not examine her. Also make a safeguarding referral."),
      about="asker", area="fgm"),
    R("fgm-child", ["R51", "R53", "R54"], FGM & ~ADULT,
      [("thurrock-mash", RECOMMENDED), ("nspcc-fgm-helpline", RECOMMENDED), ("nspcc-helpline", ALSO), ("police-101", ALSO)],
      N_("You said this is about FGM. FGM is child abuse and a crime. Children's services and the police can protect "
         "girls, including with a court order that stops them being taken abroad."),
      N_("You said this is about FGM and a girl who may be under 18. Refer to children's services (MASH), who have "
         "specialist FGM advice; police or the council can seek an FGM Protection Order."),
      area="fgm"),
    R("fgm-adult", ["R51"], FGM & ADULT,
      [("nhs-111", RECOMMENDED), ("nspcc-fgm-helpline", ALSO)],
      N_("You said this is about FGM and you are an adult. Your GP, midwife or an FGM clinic can help with your health; "
         "NHS 111 can tell you where to go."),
      N_("You said this is about FGM and an adult. The reporting duty does not apply to adults: offer health support "
         "(GP, midwife or FGM clinic) and think about any daughters who could be at risk."),
      area="fgm"),
    R("fgm-adult-daughters", ["R51"], FGM & ADULT, [("thurrock-mash", ALSO)],
      N_("If you have daughters or younger sisters who could be at risk of FGM, children's services can help protect them."),
      N_("If the woman has daughters (including unborn) or sisters who could be at risk, refer them to children's services."),
      about="children", area="fgm"),
    R("travel-abroad", ["R53", "R55"],
      VICTIM & CONCERNS_ANY("fgm", "forced-marriage", "honour-based-abuse") & Is("travel_abroad_planned"),
      [("emergency-999", URGENT), ("police-101", RECOMMENDED)],
      N_("You said a trip abroad is planned. If you are about to be taken abroad, call 999 now: police can act at the "
         "airport. Note any passport and travel details if you can safely."),
      N_("You said a trip abroad is planned. If the person is about to be taken abroad, call 999 now; otherwise tell the "
         "police, and note passport and travel details."),
      area="forced-marriage"),

    # ------------------------------------------------ 8-9. forced marriage and HBA
    R("fm", ["R55", "R57"], VICTIM & C("forced-marriage"),
      [("forced-marriage-unit", RECOMMENDED), ("karma-nirvana", RECOMMENDED), ("emergency-999", ALSO)],
      N_("You said someone is forcing or pressuring you to marry. The Forced Marriage Unit and Karma Nirvana can help, "
         "here or abroad, and a court can make a Forced Marriage Protection Order. Call 999 if you are in danger."),
      N_("You said the person is being forced or pressured to marry. The Forced Marriage Unit and Karma Nirvana can help, "
         "here or abroad; a Forced Marriage Protection Order is possible. Call 999 if they are in danger."),
      cautions=["no-mediation", "tech-safety"], area="forced-marriage"),
    R("fm-child", ["R55", "R56"], VICTIM & C("forced-marriage") & CHILD,
      [("thurrock-mash", RECOMMENDED), ("police-101", RECOMMENDED)],
      N_("You are under 18. Any marriage under 18 is a crime in England, even a religious one, and nobody can make you. "
         "Children's services and the police will protect you."),
      N_("The person is under 18: any marriage or ceremony under 18 is a crime (child marriage) and a child protection "
         "matter. Refer to children's services (MASH) and the police; do not contact the family."),
      area="forced-marriage"),
    R("hba", ["R59", "R60"], VICTIM & C("honour-based-abuse"),
      [("karma-nirvana", RECOMMENDED), ("emergency-999", ALSO)],
      N_("You said you are being harmed to protect a family's or community's 'honour'. Karma Nirvana specialises in this "
         "and can help you. Call 999 if you are in danger."),
      N_("You said the person is being harmed to protect a family's or community's 'honour'. Karma Nirvana specialises in "
         "this. Call 999 if they are in danger."),
      cautions=["no-mediation", "tech-safety"], area="honour-based-abuse"),
    R("hba-police", ["R59"], VICTIM & C("honour-based-abuse") & (POLICE_OK | CHILD), [("police-101", RECOMMENDED)],
      N_("'Honour'-based abuse is a crime. The police have specialist officers and can protect you."),
      N_("'Honour'-based abuse is a crime: involve the police."),
      area="honour-based-abuse"),

    # ------------------------------------------------ 10. stalking
    R("stalking", ["R61", "R64"], VICTIM & C("stalking"),
      [("national-stalking-helpline", RECOMMENDED), ("changing-pathways-stalking", RECOMMENDED)],
      N_("You said someone keeps contacting, following or watching you. The stalking helpline and Changing Pathways' "
         "stalking advocates can help, whoever the stalker is. Keep a diary and evidence."),
      N_("You said someone keeps contacting, following or watching the person. The stalking helpline and Changing "
         "Pathways' stalking advocates can help, whoever the stalker is."),
      cautions=["dont-confront", "tech-safety"], area="stalking"),
    R("stalking-police", ["R61", "R64"], VICTIM & C("stalking") & (POLICE_OK | CHILD),
      [("police-101", RECOMMENDED), ("emergency-999", ALSO)],
      N_("Stalking is a crime. You can report it, and the police can apply for a Stalking Protection Order. "
         "Call 999 if you are in danger."),
      N_("Stalking is a crime. It can be reported, and the police can apply for a Stalking Protection Order. "
         "Call 999 if the person is in danger."),
      area="stalking"),
    R("stalking-high", ["R62", "R63"],
      VICTIM & C("stalking") & AGE_16_PLUS & (PARTNERISH | RISK("fear-for-life", "threats-to-kill", "escalating", "stalking-by-partner")),
      [("paladin", ALSO)],
      N_("Your answers suggest the stalking could be high risk. Paladin supports people facing high-risk stalking."),
      N_("Your answers suggest the stalking could be high risk. Paladin supports people facing high-risk stalking."),
      area="stalking"),

    # ------------------------------------------------ 11. modern slavery
    R("ms", ["R65"], MS, [("modern-slavery-helpline", RECOMMENDED)],
      N_("You said you are being forced to work or are controlled by someone. The Modern Slavery Helpline is open day and "
         "night and can arrange help and interpreters."),
      N_("You said you suspect modern slavery or trafficking. The Modern Slavery Helpline gives advice day and night."),
      cautions=["confidentiality-limits"], area="modern-slavery"),
    R("ms-police", ["R65", "R68"], MS & (POLICE_OK | CHILD), [("police-101", RECOMMENDED)],
      N_("Modern slavery is a serious crime. The police can help; call 999 if you are in danger."),
      N_("Report suspected modern slavery to the police: 999 if someone is in immediate danger, otherwise 101."),
      area="modern-slavery"),
    R("nrm-adult-consent", ["R66", "R67"], MS & NRM_ASKER & NOT_CHILD & Is("consents"),
      [("nrm-first-responder", RECOMMENDED)],
      N_("You work for a first-responder organisation and the adult agrees, so you can refer them to the National Referral Mechanism."),
      N_("You work for a first-responder organisation and the adult agrees, so you can refer them to the National Referral Mechanism."),
      about="asker", area="modern-slavery"),
    R("nrm-adult-declines", ["R66", "R67"], MS & NRM_ASKER & NOT_CHILD & IsFalse("consents"),
      [("nrm-first-responder", RECOMMENDED)],
      N_("The adult does not agree to a referral. An adult cannot be referred to the NRM without informed consent, but police, "
         "local authority, NCA and GLAA staff must still tell the Home Office anonymously (Duty to Notify, form MS1)."),
      N_("The adult does not agree to a referral. An adult cannot be referred to the NRM without informed consent, but police, "
         "local authority, NCA and GLAA staff must still tell the Home Office anonymously (Duty to Notify, form MS1)."),
      about="asker", area="modern-slavery"),
    R("nrm-adult-ask", ["R66", "R67"], MS & NRM_ASKER & NOT_CHILD & Not(Known("consents")),
      [("nrm-first-responder", RECOMMENDED)],
      N_("An NRM referral for an adult needs their informed consent. If they decline, police, local authority, NCA and GLAA "
         "staff must still make an anonymous Duty to Notify report (MS1)."),
      N_("An NRM referral for an adult needs their informed consent. If they decline, police, local authority, NCA and GLAA "
         "staff must still make an anonymous Duty to Notify report (MS1)."),
      about="asker", area="modern-slavery"),
    R("ms-child", ["R68", "R43"], MS & CHILD, [("thurrock-mash", RECOMMENDED)],
      N_("You are under 18. Children's services will make sure you are safe first."),
      N_("The person is under 18: safeguard first with children's services (MASH) and the police."),
      area="modern-slavery"),
    R("nrm-child", ["R68"], MS & NRM_ASKER & CHILD, [("nrm-first-responder", RECOMMENDED)],
      N_("For a child, refer to the NRM after safeguarding. Children do not need to consent, and an Independent Child "
         "Trafficking Guardian may help."),
      N_("For a child, refer to the NRM after safeguarding. Children do not need to consent, and an Independent Child "
         "Trafficking Guardian may help."),
      about="asker", area="modern-slavery"),

    # ------------------------------------------------ 13. own behaviour
    R("own-respect", ["R71"], OWN_DA & AGE_16_PLUS, [("respect-phoneline", RECOMMENDED)],
      N_("You said you are worried about how you treat a partner or family member. The Respect Phoneline helps people "
         "who want to stop being abusive. It is confidential, but not if someone is at risk."),
      cautions=["confidentiality-limits"], area="own-behaviour"),
    R("own-change-hub", ["R71"], OWN_DA & AGE_16_PLUS & NOT_OUT_OF_AREA, [("change-hub", RECOMMENDED)],
      N_("The Change Hub works with people aged 16 and over in Southend, Essex and Thurrock who want to change, and you "
         "can refer yourself. It also offers support to the people affected."),
      area="own-behaviour"),
    R("own-sexual-thoughts", ["R73"], OWN & CONCERNS_ANY("child-sexual-abuse", "child-sexual-exploitation"),
      [("stop-it-now", RECOMMENDED)],
      N_("You said you are worried about sexual thoughts or behaviour towards children, or images of under-18s. Stop It Now "
         "is confidential and can help you stop; they will pass on information if a child is at risk."),
      cautions=["confidentiality-limits"], area="own-behaviour"),
    R("own-under-16", ["R74"], OWN & UNDER_16, [("childline", RECOMMENDED), ("thurrock-mash", RECOMMENDED)],
      N_("You are under 16. Adult programmes are not for you, but Childline and children's services can help you "
         "with how you are feeling and behaving."),
      cautions=["confidentiality-limits"], area="own-behaviour"),
    R("own-danger", ["R72"], OWN & (RISK("physical-violence", "threats-to-kill", "weapon", "strangulation") | DANGER),
      [("emergency-999", ALSO)],
      N_("If anyone is in danger now, call 999. Their safety comes first, and professionals will share information to "
         "keep people safe."),
      cautions=["confidentiality-limits"], area="own-behaviour"),
    R("own-children", ["R72", "R17"], OWN & Has("risk_indicators", "children-in-home"), [("thurrock-mash", ALSO)],
      N_("You said there are children in the home. Children who live with abuse are harmed by it. Professionals will "
         "share information with children's services to keep them safe."),
      cautions=["confidentiality-limits"], about="children", area="own-behaviour"),

    # ------------------------------------------------ cautions without routes
    R("c-no-mediation", ["R58", "A14"], DA | HBA_FM, [], cautions=["no-mediation"], area="cautions"),
    R("c-tech", [], VICTIM & ~PRO & (DA | CONCERNS_ANY("stalking", "intimate-image-abuse", "child-sexual-exploitation",
                                                       "honour-based-abuse", "forced-marriage", "modern-slavery", "not-sure")),
      [], cautions=["tech-safety"], area="cautions"),
    R("c-history", [], ~PRO, [], cautions=["clear-history"], area="cautions"),
    R("c-confidential", ["R45"], CHILD | CONCERNS_ANY("child-sexual-abuse", "child-sexual-exploitation", "modern-slavery"),
      [], cautions=["confidentiality-limits"], area="cautions"),
    R("c-children-telling", [], VICTIM & ~SELF & (CHILD | CONCERNS_ANY("child-sexual-abuse", "child-sexual-exploitation")),
      [], cautions=["children-telling"], area="cautions"),
    R("c-risk", ["R10", "R12"], (DA_VICTIM | (VICTIM & HBA_FM)), [], cautions=["not-a-risk-assessment"], area="cautions"),

    # ------------------------------------------------ not sure, and the safety net
    R("not-sure-adult", ["R19"], VICTIM & C("not-sure") & NOT_CHILD,
      [("national-da-helpline", RECOMMENDED), ("victim-support", RECOMMENDED), ("samaritans", ALSO)],
      N_("You said you are not sure what is happening. That is fine: these services will listen and help you work out "
         "what is going on and what you can do."),
      N_("You said you are not sure what is happening. These services can talk it through and help you decide what to do."),
      area="not-sure"),
    R("not-sure-child", ["R45", "R46"], VICTIM & C("not-sure") & CHILD,
      [("thurrock-mash", ALSO), ("samaritans", ALSO)],
      N_("You said you are not sure what is happening. It is still OK to ask for help and talk it through."),
      N_("You said you are not sure what is happening. If you think a child could be being harmed, you can ask "
         "children's services for advice."),
      area="not-sure"),
    R("fallback-adult", [], VICTIM & NOT_CHILD,
      [("national-da-helpline", RECOMMENDED), ("victim-support", RECOMMENDED), ("samaritans", ALSO)],
      N_("These services will listen and help you work out what you can do, whatever is happening."),
      N_("These services can advise you and the person you are worried about, whatever is happening."),
      fallback=True, area="not-sure"),
    R("fallback-age-unknown", ["R45"], VICTIM & Not(Known("age")) & SELF, [("childline", ALSO)],
      N_("If you are under 19, you can talk to Childline, day or night."),
      fallback=True, area="not-sure"),
    R("fallback-child", ["R45"], VICTIM & CHILD & SELF, [("childline", RECOMMENDED), ("samaritans", ALSO)],
      N_("You can talk to Childline about anything that worries you, day or night."),
      fallback=True, area="not-sure"),
    R("fallback-child-other", ["R46"], VICTIM & CHILD & ~SELF, [("nspcc-helpline", RECOMMENDED), ("thurrock-mash", ALSO)],
      N_("You are worried about a child. The NSPCC helpline can advise you, or you can contact children's services."),
      N_("You are worried about a child. The NSPCC helpline can advise you, or you can contact children's services."),
      about="asker", fallback=True, area="not-sure"),
    R("fallback-own", [], OWN & AGE_16_PLUS, [("respect-phoneline", RECOMMENDED), ("samaritans", ALSO)],
      N_("If you are worried about how you treat other people, the Respect Phoneline can help, and Samaritans will "
         "listen at any time."),
      fallback=True, area="own-behaviour"),
    R("fallback-own-child", ["R74"], OWN & UNDER_16, [("childline", RECOMMENDED)],
      N_("You can talk to Childline about anything, including how you are behaving."),
      fallback=True, area="own-behaviour"),
)

# Last resort if even the fallbacks were all filtered out by eligibility.
LAST_RESORT: tuple[tuple[str, str], ...] = (("samaritans", RECOMMENDED),)
LAST_RESORT_REASON = Reason(N_("Samaritans will listen, day or night, whatever is happening."))


def _check_table() -> None:
    keys = set()
    for rule in RULES:
        assert rule.key not in keys, rule.key
        keys.add(rule.key)
        for route, priority in rule.routes:
            assert route in ALL_ROUTE_IDS, (rule.key, route)
            assert priority in PRIORITIES, (rule.key, priority)
        for caution in rule.cautions:
            assert caution in CAUTIONS, (rule.key, caution)
        if rule.routes:
            assert rule.reason is not None, rule.key
        assert rule.about in ("person", "children", "asker"), rule.key


_check_table()
