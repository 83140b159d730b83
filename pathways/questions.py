"""The web flow's questions as data: one question per page.

Each question says which fact(s) it sets, its options, and a ``relevant``
condition over the facts gathered from the questions before it, so only
follow-ups that matter are asked. Texts are English msgids that say "you";
``text_other`` speaks about "the person" (for someone-else and professional)
and ``text_own`` to someone worried about their own behaviour.

``facts_from_answers(answers)`` rebuilds facts from the raw answers
(question id -> form value or list of values), ignoring answers to questions
that are no longer relevant, so "change your answers" stays consistent.
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .cautions import N_
from .conditions import Always, Cond, HasAny, Is, IsEmpty
from .facts import FIELD_SPECS, FactsError
from .rules import AGE_16_PLUS, CHILD, DA, OWN, PRO, VICTIM


@dataclass(frozen=True)
class Option:
    value: str                                 # the form value
    label: str
    label_other: str | None = None
    label_own: str | None = None
    sets: tuple[tuple[str, Any], ...] = ()     # facts it sets; list facts are added to
    exclusive: bool = False                    # in a multi question, cannot be combined

    def label_for(self, role: str | None) -> str:
        if role == "own-behaviour" and self.label_own:
            return self.label_own
        if role in ("someone-else", "professional") and self.label_other:
            return self.label_other
        return self.label


@dataclass(frozen=True)
class Question:
    id: str
    kind: str                      # "single", "multi" or "number"
    text: str
    text_other: str
    sets: tuple[str, ...]
    relevant: Cond
    options: tuple[Option, ...] = ()
    hint: str = ""
    hint_other: str = ""
    text_own: str | None = None
    minimum: int | None = None     # for number questions
    maximum: int | None = None
    unknown_option: Option | None = None   # for number questions: "I don't know"
    staff: bool = False

    def text_for(self, facts: Mapping) -> str:
        role = facts.get("role")
        if role == "own-behaviour" and self.text_own:
            return self.text_own
        return self.text_other if role in ("someone-else", "professional") else self.text

    def hint_for(self, facts: Mapping) -> str:
        role = facts.get("role")
        return self.hint_other if role in ("someone-else", "professional") and self.hint_other else self.hint

    def all_options(self) -> tuple[Option, ...]:
        return self.options + ((self.unknown_option,) if self.unknown_option else ())

    def option(self, value: str) -> Option | None:
        for opt in self.all_options():
            if opt.value == value:
                return opt
        return None


def _yes_no(field: str, yes=N_("Yes"), no=N_("No"), unsure=N_("I'm not sure")) -> tuple[Option, ...]:
    return (Option("yes", yes, sets=((field, True),)),
            Option("no", no, sets=((field, False),)),
            Option("not-sure", unsure))


C = lambda *cs: HasAny("concerns", cs)  # noqa: E731
DONT_KNOW = Option("dont-know", N_("I don't know or would rather not say"))

QUESTIONS: tuple[Question, ...] = (
    Question(
        "danger", "single",
        N_("Is anyone in danger right now?"), N_("Is anyone in danger right now?"),
        ("danger_now",), Always(), _yes_no("danger_now"),
        hint=N_("If someone is in danger now, call 999. If you cannot speak, press 55 on a mobile when asked."),
    ),
    Question(
        "role", "single",
        N_("Who are you looking for help for?"), N_("Who are you looking for help for?"),
        ("role",), Always(),
        (Option("self", N_("For me: this is happening to me"), sets=(("role", "self"),)),
         Option("someone-else", N_("For someone else: a friend, relative or someone I know"), sets=(("role", "someone-else"),)),
         Option("professional", N_("I'm asking for my work, as a professional"), sets=(("role", "professional"),)),
         Option("own-behaviour", N_("I'm worried about my own behaviour"), sets=(("role", "own-behaviour"),))),
        hint=N_("Nothing you choose here is saved."),
    ),
    Question(
        "concerns", "multi",
        N_("What is happening? Choose all that apply."),
        N_("What is happening to the person? Choose all that apply."),
        ("concerns",), Always(),
        (Option("domestic-abuse",
                N_("Someone close to me (a partner, ex-partner or family member) hurts, threatens, controls or scares me"),
                N_("Someone close to them (a partner, ex-partner or family member) hurts, threatens, controls or scares them"),
                N_("I hurt, threaten, control or scare a partner, ex-partner or family member"),
                sets=(("concerns", "domestic-abuse"),)),
         Option("sexual-violence", N_("Rape or sexual assault"), sets=(("concerns", "sexual-violence"),)),
         Option("child-sexual-abuse", N_("Sexual abuse of a child"),
                label_own=N_("Sexual thoughts or behaviour towards children, or looking at sexual images of under-18s"),
                sets=(("concerns", "child-sexual-abuse"),)),
         Option("child-sexual-exploitation", N_("A child or young person being groomed or sexually exploited, online or offline"),
                sets=(("concerns", "child-sexual-exploitation"),)),
         Option("stalking", N_("Someone keeps following, contacting or watching me"),
                N_("Someone keeps following, contacting or watching them"),
                N_("I keep following, contacting or watching someone who doesn't want it"),
                sets=(("concerns", "stalking"),)),
         Option("honour-based-abuse", N_("Abuse to protect a family's or community's 'honour'"), sets=(("concerns", "honour-based-abuse"),)),
         Option("forced-marriage", N_("Being forced or pressured to marry"), sets=(("concerns", "forced-marriage"),)),
         Option("fgm", N_("FGM (female genital mutilation, sometimes called 'cutting')"), sets=(("concerns", "fgm"),)),
         Option("modern-slavery", N_("Being forced to work, or controlled and exploited by someone"), sets=(("concerns", "modern-slavery"),)),
         Option("sexual-harassment", N_("Sexual harassment: in the street, online or at work"), sets=(("concerns", "sexual-harassment"),)),
         Option("intimate-image-abuse", N_("Intimate or nude images shared, or threats to share them"), sets=(("concerns", "intimate-image-abuse"),)),
         Option("not-sure", N_("I'm not sure"), sets=(("concerns", "not-sure"),))),
        hint=N_("You can choose more than one. If you are not sure, that is fine."),
        text_own=N_("What are you worried about? Choose all that apply."),
    ),
    Question(
        "age", "number", N_("How old are you?"), N_("How old is the person?"), ("age",), Always(),
        minimum=0, maximum=120, unknown_option=DONT_KNOW,
        hint=N_("Some services are for particular ages."),
        hint_other=N_("If you don't know exactly, a rough age helps. Some services are for particular ages."),
    ),
    Question(
        "gender", "single", N_("What is your gender?"), N_("What is the person's gender?"), ("gender",), ~OWN,
        (Option("female", N_("Woman or girl"), sets=(("gender", "female"),)),
         Option("male", N_("Man or boy"), sets=(("gender", "male"),)),
         Option("non-binary", N_("Non-binary"), sets=(("gender", "non-binary"),)),
         Option("prefer-not", N_("I'd rather not say"))),
        hint=N_("Some services are for particular groups. Choose the gender you identify with."),
        hint_other=N_("Some services are for particular groups. Choose the gender the person identifies with."),
    ),
    Question(
        "lgbtq", "single", N_("Are you LGBT+?"), N_("Is the person LGBT+?"), ("lgbtq",), ~OWN,
        _yes_no("lgbtq", unsure=N_("I'd rather not say")),
        hint=N_("For example lesbian, gay, bisexual or trans. There are specialist services run by LGBT+ people."),
    ),
    # ---------------------------------------------------------- follow-ups
    Question(
        "can-speak", "single", N_("Can you speak safely on the phone right now?"),
        N_("Can the person speak safely on the phone right now?"), ("can_speak",), Is("danger_now"),
        _yes_no("can_speak"),
        hint=N_("If not, you can still call 999: stay on the line and press 55 on a mobile."),
    ),
    Question(
        "deaf", "single", N_("Do you need ways to get in touch that don't use your voice or hearing?"),
        N_("Does the person need ways to get in touch that don't use voice or hearing?"),
        ("deaf_or_speech_impaired",), Always(), _yes_no("deaf_or_speech_impaired"),
        hint=N_("For example if you are deaf, hard of hearing or find speaking difficult. There are text and BSL services."),
    ),
    Question(
        "relationship", "single", N_("Who is causing the harm?"), N_("Who is causing the harm?"),
        ("perpetrator_relationship",),
        ~IsEmpty("concerns") & C("domestic-abuse", "sexual-violence", "stalking", "intimate-image-abuse",
                                 "sexual-harassment", "child-sexual-abuse", "child-sexual-exploitation", "not-sure"),
        (Option("partner", N_("A partner (boyfriend, girlfriend, husband, wife)"), sets=(("perpetrator_relationship", "partner"),)),
         Option("ex-partner", N_("An ex-partner"), sets=(("perpetrator_relationship", "ex-partner"),)),
         Option("family", N_("A family member"), sets=(("perpetrator_relationship", "family"),)),
         Option("carer", N_("A carer"), sets=(("perpetrator_relationship", "carer"),)),
         Option("acquaintance", N_("Someone known, like a friend, neighbour or colleague"), sets=(("perpetrator_relationship", "acquaintance"),)),
         Option("stranger", N_("A stranger"), sets=(("perpetrator_relationship", "stranger"),)),
         Option("online-contact", N_("Someone met online"), sets=(("perpetrator_relationship", "online-contact"),)),
         Option("unknown", N_("I don't know or would rather not say"), sets=(("perpetrator_relationship", "unknown"),))),
        text_own=N_("Who are you worried about harming?"),
    ),
    Question(
        "when", "single", N_("When did it last happen?"), N_("When did it last happen?"),
        ("hours_since_incident",), VICTIM & C("sexual-violence"),
        (Option("under-1-day", N_("In the last 24 hours"), sets=(("hours_since_incident", 12),)),
         Option("1-3-days", N_("1 to 3 days ago"), sets=(("hours_since_incident", 48),)),
         Option("3-5-days", N_("3 to 5 days ago"), sets=(("hours_since_incident", 96),)),
         Option("5-7-days", N_("5 to 7 days ago"), sets=(("hours_since_incident", 144),)),
         Option("over-7-days", N_("More than 7 days ago"), sets=(("hours_since_incident", 336),)),
         Option("not-sure", N_("I'm not sure or would rather not say"))),
        hint=N_("This matters for medical help and evidence, which have time limits. You do not have to involve the police."),
    ),
    Question(
        "risk", "multi", N_("Has any of this happened? Choose all that apply."),
        N_("Has any of this happened to the person? Choose all that apply."),
        ("risk_indicators",), DA | C("stalking"),
        (Option("physical-violence", N_("Hitting, pushing or other physical violence"), sets=(("risk_indicators", "physical-violence"),)),
         Option("strangulation", N_("Choking, strangling or smothering, even once"), sets=(("risk_indicators", "strangulation"),)),
         Option("threats-to-kill", N_("Threats to kill"), sets=(("risk_indicators", "threats-to-kill"),)),
         Option("weapon", N_("Using or threatening with a weapon or object"), sets=(("risk_indicators", "weapon"),)),
         Option("escalating", N_("It is happening more often or getting worse"), sets=(("risk_indicators", "escalating"),)),
         Option("fear-for-life", N_("Being afraid of being killed"), sets=(("risk_indicators", "fear-for-life"),)),
         Option("recent-separation", N_("Separating, or trying to, in the last year"), sets=(("risk_indicators", "recent-separation"),)),
         Option("pregnant", N_("Pregnancy or a new baby"), sets=(("risk_indicators", "pregnant"),)),
         Option("sexual-violence-by-partner", N_("Being forced into sex or sexual acts by a partner"), sets=(("risk_indicators", "sexual-violence-by-partner"),)),
         Option("stalking-by-partner", N_("Following, watching or constant messages from a partner or ex"), sets=(("risk_indicators", "stalking-by-partner"),)),
         Option("controlling-behaviour", N_("Controlling money, phone, friends or where you go"),
                N_("Controlling money, phone, friends or where they go"), sets=(("risk_indicators", "controlling-behaviour"),)),
         Option("isolated", N_("Being cut off from family and friends"), sets=(("risk_indicators", "isolated"),)),
         Option("none", N_("None of these, or I'd rather not say"), exclusive=True)),
        hint=N_("These answers help show how serious things might be. This is not a risk assessment."),
        text_own=N_("Has any of this happened? Choose all that apply. Be honest: it helps keep everyone safe."),
    ),
    Question(
        "children", "single", N_("Do any children live in the home?"), N_("Do any children live in the person's home?"),
        ("risk_indicators",), DA | C("honour-based-abuse", "forced-marriage"),
        (Option("yes", N_("Yes"), sets=(("risk_indicators", "children-in-home"),)),
         Option("no", N_("No")),
         Option("not-sure", N_("I'd rather not say"))),
        hint=N_("Children who see or hear abuse are affected too, and there is help for them."),
    ),
    Question(
        "lives-with", "single", N_("Does the person harming you live with you?"),
        N_("Does the person causing harm live with them?"), ("lives_with_abuser",),
        VICTIM & (DA | C("honour-based-abuse", "forced-marriage")), _yes_no("lives_with_abuser"),
    ),
    Question(
        "home", "single", N_("Which is closer to what you need?"), N_("Which is closer to what the person needs?"),
        ("needs_to_leave_home", "wants_to_stay_home"), VICTIM & DA & AGE_16_PLUS,
        (Option("leave", N_("I need to leave home now, or soon"), N_("They need to leave home now, or soon"),
                sets=(("needs_to_leave_home", True),)),
         Option("stay", N_("I want to stay in my home and be safe there"), N_("They want to stay in their home and be safe there"),
                sets=(("wants_to_stay_home", True), ("needs_to_leave_home", False))),
         Option("not-sure", N_("I'm not sure yet"), N_("They are not sure yet"))),
        hint=N_("Leaving can be a risky time. Planning it with a support worker can help."),
    ),
    Question(
        "travel", "single", N_("Is a trip abroad planned?"), N_("Is a trip abroad planned for the person?"),
        ("travel_abroad_planned",), VICTIM & C("forced-marriage", "fgm", "honour-based-abuse"),
        _yes_no("travel_abroad_planned"),
        hint=N_("For example a family holiday or a visit to relatives abroad."),
    ),
    Question(
        "fgm-status", "single", N_("Has FGM already happened, or are you worried it might?"),
        N_("Has FGM already happened to the girl or woman, or is she at risk?"), ("fgm_status",),
        VICTIM & C("fgm"),
        (Option("known", N_("It has already happened"), N_("It has happened: she told me, or I saw signs"),
                sets=(("fgm_status", "known"),)),
         Option("at-risk", N_("I'm worried it might happen"), N_("I'm worried it might happen"), sets=(("fgm_status", "at-risk"),)),
         Option("not-sure", N_("I'm not sure"))),
    ),
    Question(
        "care-needs", "single",
        N_("Do you have care and support needs, such as an illness or disability, that make it hard to protect yourself?"),
        N_("Does the person have care and support needs, such as an illness or disability, that make it hard to protect themselves?"),
        ("care_and_support_needs",), VICTIM & ~CHILD & ~IsEmpty("concerns"), _yes_no("care_and_support_needs"),
        hint=N_("Adult social care can help adults who cannot keep themselves safe because of their needs."),
    ),
    Question(
        "police", "single", N_("Do you want to involve the police?"), N_("Does the person want to involve the police?"),
        ("wants_police",), VICTIM & ~IsEmpty("concerns"),
        (Option("yes", N_("Yes"), sets=(("wants_police", "yes"),)),
         Option("no", N_("No, not now"), sets=(("wants_police", "no"),)),
         Option("unsure", N_("I'm not sure"), N_("They are not sure"), sets=(("wants_police", "unsure"),))),
        hint=N_("Many services can help without the police. It is your choice, unless a child or someone else is in danger."),
        hint_other=N_("Many services can help without the police. It is their choice, unless a child or someone else is in danger."),
    ),
    Question(
        "thurrock", "single", N_("Do you live in Thurrock?"), N_("Does the person live in Thurrock?"),
        ("in_thurrock",), Always(), _yes_no("in_thurrock"),
        hint=N_("Thurrock includes Grays, Tilbury, Purfleet, Stanford-le-Hope, Corringham and South Ockendon."),
    ),
    # ---------------------------------------------------------- professionals
    Question(
        "ric", "number", N_("How many 'yes' answers on the SafeLives risk checklist (RIC)?"),
        N_("How many 'yes' answers on the SafeLives risk checklist (RIC)?"), ("ric_yes_count",),
        PRO & (DA | C("stalking", "honour-based-abuse", "forced-marriage")),
        minimum=0, maximum=24, unknown_option=Option("not-done", N_("Not done yet")), staff=True,
        hint=N_("Out of 24. 14 or more meets the MARAC threshold; your professional judgement can refer with fewer."),
    ),
    Question(
        "callouts", "number", N_("How many times have the police been called out for domestic abuse in the last 12 months?"),
        N_("How many times have the police been called out for domestic abuse in the last 12 months?"),
        ("police_callouts_12m",), PRO & DA, minimum=0, maximum=None, unknown_option=DONT_KNOW, staff=True,
        hint=N_("Repeated call-outs can show escalation. The local threshold has not been confirmed; 3 is common practice."),
    ),
    Question(
        "regulated", "single",
        N_("Are you a regulated health or social care professional, or a teacher?"),
        N_("Are you a regulated health or social care professional, or a teacher?"),
        ("regulated_professional",), PRO & C("fgm"), _yes_no("regulated_professional"), staff=True,
        hint=N_("For example a doctor, nurse, midwife, social worker or teacher in England or Wales. This decides whether "
                "the FGM reporting duty applies to you."),
    ),
    Question(
        "first-responder", "single",
        N_("Do you work for an NRM first-responder organisation?"),
        N_("Do you work for an NRM first-responder organisation?"),
        ("first_responder",), PRO & C("modern-slavery"), _yes_no("first_responder"), staff=True,
        hint=N_("For example the police, a local authority such as Thurrock Council, or a listed charity."),
    ),
    Question(
        "consents", "single", N_("Does the person agree to a referral?"), N_("Does the person agree to a referral?"),
        ("consents",), PRO, _yes_no("consents", unsure=N_("Not asked yet")), staff=True,
        hint=N_("Some referrals can go ahead without consent, for example when a child is at risk. You will see which."),
    ),
)
QUESTIONS_BY_ID: dict[str, Question] = {q.id: q for q in QUESTIONS}


def _values(raw: Any) -> list[str]:
    if raw is None:
        return []
    if isinstance(raw, str):
        return [raw] if raw != "" else []
    return [v for v in raw if isinstance(v, str) and v != ""]


def _apply(facts: dict, q: Question, raw: Any) -> None:
    field = q.sets[0]
    values = _values(raw)
    if not values:
        return
    if q.kind == "number":
        value = values[0].strip()
        if q.unknown_option and value == q.unknown_option.value:
            return
        if not re.fullmatch(r"\d{1,4}", value):
            raise FactsError([f"{field}: must be a whole number"])
        n = int(value)
        if (q.minimum is not None and n < q.minimum) or (q.maximum is not None and n > q.maximum):
            lo, hi = q.minimum, q.maximum
            raise FactsError([f"{field}: must be between {lo} and {hi}" if hi is not None else f"{field}: must be {lo} or more"])
        facts[field] = n
        return
    if q.kind == "single" and len(values) > 1:
        raise FactsError([f"{field}: choose one answer"])
    chosen = []
    for value in values:
        opt = q.option(value)
        if opt is None:
            raise FactsError([f"{field}: unknown answer {value!r}"])
        chosen.append(opt)
    if len(chosen) > 1 and any(o.exclusive for o in chosen):
        raise FactsError([f"{field}: 'none' cannot be combined with other answers"])
    for opt in chosen:
        for name, val in opt.sets:
            if FIELD_SPECS[name].kind == "list":
                items = facts.setdefault(name, [])
                if val not in items:
                    items.append(val)
            else:
                facts[name] = val


def facts_from_answers(answers: Mapping[str, Any]) -> dict:
    """Build facts from answers (question id -> value or list of values).

    Questions are folded in order; an answer to a question that is not
    relevant given the earlier answers is ignored. Raises ``FactsError`` for
    an answer that is not one of the question's options or not a number.
    The result still needs ``validate_facts``.
    """
    facts: dict = {}
    for q in QUESTIONS:
        if q.id in answers and q.relevant(facts):
            _apply(facts, q, answers[q.id])
    return facts


def relevant_questions(answers: Mapping[str, Any], staff: bool = True) -> list[Question]:
    """The questions to ask given the answers so far, in order."""
    facts: dict = {}
    out = []
    for q in QUESTIONS:
        if q.relevant(facts) and (staff or not q.staff):
            out.append(q)
            if q.id in answers:
                _apply(facts, q, answers[q.id])
    return out


def next_question(answers: Mapping[str, Any]) -> Question | None:
    """The first relevant question not answered yet, or None when done."""
    for q in relevant_questions(answers):
        if q.id not in answers:
            return q
    return None
