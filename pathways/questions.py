"""The questions of the 'Answer a few questions' flow, as data: the one place they are defined.

One question a page. Each question says which facts it sets (``fields``, from shared/facts.md),
how it is worded, its options and what each one sets, and when it is ``relevant``: a condition
(pathways.conditions) over the facts gathered so far, so only the follow-ups that matter are
asked. The web flow (signpost/pathway_forms.py, templates/pathway/) only presents these and
carries the answers between pages.

Wording: every text is an English msgid (``N_``, translated when rendered). ``text`` says
"you"; ``text_other`` speaks about "the person" to a friend, relative or professional (role
``someone-else`` or ``professional``); ``text_own`` speaks to someone worried about their own
behaviour. An empty variant falls back to ``text``; hints and option labels work the same way.

Kinds, and what an answer (a list of option values, or a typed number) sets:

* ``yesno``: the fact is true for "yes", false for "no";
* ``choice``: the fact is the chosen value;
* ``multi``: the list fact is the chosen values; ``none_value`` means "none of these" and goes
  alone; values of the same list that other questions set are kept (the children question
  adds ``children-in-home`` to the risk signs);
* ``item``: "yes" adds ``item`` to a list fact, "no" takes it out;
* ``options``: each option sets several facts at once (``Option.sets``);
* ``age``: a whole number within the fact's range; there are no options.

Helpers: ``questions_for(facts)`` (the questions the facts make relevant, in order);
``Question.apply`` / ``Question.clear`` (facts with an answer applied or taken out); and, over
answers keyed by question id (value or list of values, as a form sends them),
``facts_from_answers``, ``relevant_questions`` and ``next_question``.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from .cautions import N_
from .conditions import Always, Cond, HasAny, IsEmpty, OneOf
from .facts import FIELD_SPECS, FactsError
from .rules import AGE_16_PLUS, DA, DANGER, HBA_FM, NOT_CHILD, OWN

OTHER_ROLES = ("someone-else", "professional")   # asking about another person
_NUMBER = re.compile(r"\d{1,6}")


@dataclass(frozen=True)
class Option:
    value: str                     # the value the form sends
    label: str                     # msgid
    hint: str = ""                 # msgid: a plain description under the label
    label_other: str = ""          # msgid: the label when asking about another person
    sets: Mapping = field(default_factory=dict)   # facts this option sets (kind "options")

    def label_for(self, facts: Mapping) -> str:
        if facts.get("role") in OTHER_ROLES and self.label_other:
            return self.label_other
        return self.label


@dataclass(frozen=True)
class Question:
    id: str
    kind: str                      # yesno | choice | multi | age | options | item
    fields: tuple[str, ...]        # the facts this question sets
    text: str                      # msgid, saying "you"
    text_other: str = ""           # msgid, saying "the person" (someone-else, professional)
    text_own: str = ""             # msgid for own-behaviour
    hint: str = ""
    hint_other: str = ""
    options: tuple[Option, ...] = ()
    skippable: bool = True
    skip_label: str = N_("Skip this question")
    item: str = ""                 # kind "item": the list value a yes adds
    none_value: str = ""           # kind "multi": an option meaning "none of these"
    relevant: Cond = Always()      # over the facts gathered so far

    # -- wording
    def wording(self, facts: Mapping) -> str:
        role = facts.get("role")
        if role in OTHER_ROLES and self.text_other:
            return self.text_other
        if role == "own-behaviour" and self.text_own:
            return self.text_own
        return self.text

    def hint_for(self, facts: Mapping) -> str:
        if facts.get("role") in OTHER_ROLES and self.hint_other:
            return self.hint_other
        return self.hint

    # -- answers
    def option(self, value: str) -> Option | None:
        for opt in self.options:
            if opt.value == value:
                return opt
        return None

    def is_relevant(self, facts: Mapping) -> bool:
        return bool(self.relevant(facts))

    def _kept(self, facts: Mapping) -> list:
        """Values of this multi question's list fact that other questions set."""
        offered = {o.value for o in self.options}
        return [v for v in facts.get(self.fields[0]) or () if v not in offered]

    def apply(self, facts: Mapping, values: Iterable[str]) -> dict:
        """The facts with this answer applied (no values: unchanged). Raises ``FactsError``."""
        values = list(values)
        new = dict(facts)
        name = self.fields[0]
        if not values:
            return new
        if self.kind != "multi" and len(values) > 1:
            raise FactsError([f"{name}: choose one answer"])
        if self.kind == "age":
            text = values[0].strip()
            if not _NUMBER.fullmatch(text):
                raise FactsError([f"{name}: must be a whole number"])
            spec = FIELD_SPECS[name]
            n = int(text)
            if (spec.minimum is not None and n < spec.minimum) or (spec.maximum is not None and n > spec.maximum):
                raise FactsError([f"{name}: must be between {spec.minimum} and {spec.maximum}"])
            new[name] = n
            return new
        for value in values:
            if self.option(value) is None:
                raise FactsError([f"{name}: unknown answer {value!r}"])
        if self.kind == "multi":
            chosen = [v for v in dict.fromkeys(values) if v != self.none_value]
            if self.none_value and self.none_value in values and chosen:
                raise FactsError([f"{name}: 'none' cannot be combined with other answers"])
            new[name] = chosen + self._kept(facts)
        elif self.kind == "yesno":
            new[name] = values[0] == "yes"
        elif self.kind == "choice":
            new[name] = values[0]
        elif self.kind == "item":
            items = [v for v in new.get(name, []) if v != self.item]
            if values[0] == "yes":
                items.append(self.item)
            new[name] = items
        elif self.kind == "options":
            for f in self.fields:
                new.pop(f, None)
            new.update(self.option(values[0]).sets)
        else:  # pragma: no cover - every kind is handled above
            raise ValueError(f"unknown question kind {self.kind!r}")
        return new

    def clear(self, facts: Mapping) -> dict:
        """The facts without this question's answer (when it is skipped)."""
        new = dict(facts)
        name = self.fields[0]
        if self.kind == "item":
            if name in new:
                new[name] = [v for v in new[name] if v != self.item]
            return new
        if self.kind == "multi":
            kept = self._kept(facts)
            if kept:
                new[name] = kept
            else:
                new.pop(name, None)
            return new
        for f in self.fields:
            new.pop(f, None)
        return new


# ---------------------------------------------------------------------------------------------
# When follow-ups matter
# ---------------------------------------------------------------------------------------------

C = lambda *cs: HasAny("concerns", cs)  # noqa: E731
# The person harmed, or a friend or relative, is asking (or no one said who): questions worded
# for the person harmed are not asked of a professional or of someone worried about their own
# behaviour.
HARMED = ~OneOf("role", ("professional", "own-behaviour"))
CONCERNED = ~IsEmpty("concerns")
DA_LIKE = C("domestic-abuse", "honour-based-abuse", "forced-marriage", "stalking", "not-sure")

YES_NO = (Option("yes", N_("Yes")), Option("no", N_("No")))

QUESTIONS: tuple[Question, ...] = (
    Question(
        "danger", "yesno", ("danger_now",),
        N_("Are you, or is someone else, in danger right now?"),
        hint=N_("For example, someone is hurting you or threatening to, or you are afraid of what will happen in the next few hours."),
        options=YES_NO, skippable=False,
    ),
    Question(
        "role", "choice", ("role",),
        N_("Who needs help?"),
        options=(
            Option("self", N_("I do"), N_("Something is happening, or has happened, to you.")),
            Option("someone-else", N_("Someone else"), N_("You are worried about a friend, relative, neighbour or someone you know.")),
            Option("professional", N_("I am asking as a professional"), N_("You work with people, for example in health, education, social care, housing or the police.")),
            Option("own-behaviour", N_("I am worried about my own behaviour"), N_("You are worried about how you treat someone, or about your own thoughts.")),
        ),
        skippable=False,
    ),
    Question(
        "concerns", "multi", ("concerns",),
        N_("What is happening?"),
        text_other=N_("What is happening to the person?"),
        text_own=N_("What are you worried about?"),
        hint=N_("Choose all that apply. It is fine not to know what to call it."),
        options=(
            Option("domestic-abuse", N_("Abuse by a partner, ex-partner or family member"),
                   N_("Being hurt, threatened, controlled, watched, kept short of money or made to feel afraid by someone close.")),
            Option("sexual-violence", N_("Rape or sexual assault"),
                   N_("Any sexual act someone did not agree to, at any time, by anyone.")),
            Option("child-sexual-abuse", N_("Sexual abuse of a child"),
                   N_("A child or young person under 18 being touched, made to do sexual things or shown sexual things.")),
            Option("child-sexual-exploitation", N_("A young person being groomed or exploited"),
                   N_("An under-18 given gifts, attention, drugs or money in return for sexual things, in person or online.")),
            Option("stalking", N_("Being followed, watched or contacted again and again"),
                   N_("Unwanted messages, calls, visits, gifts or posts that make you feel afraid or distressed.")),
            Option("honour-based-abuse", N_("Pressure or harm to protect a family's 'honour'"),
                   N_("Being controlled, threatened or hurt for bringing 'shame' on a family or community.")),
            Option("forced-marriage", N_("Being made to marry"),
                   N_("Being pressured, tricked or forced into a marriage, in this country or abroad.")),
            Option("fgm", N_("Female genital mutilation (cutting)"),
                   N_("A girl or woman's genitals being cut or injured for non-medical reasons, or a girl who may be taken to be cut.")),
            Option("modern-slavery", N_("Being made to work or being controlled by others"),
                   N_("Forced work, debts that cannot be paid, documents taken away, or being moved from place to place.")),
            Option("sexual-harassment", N_("Unwanted sexual comments or touching"),
                   N_("At work, in the street, online or anywhere else.")),
            Option("intimate-image-abuse", N_("Nude or sexual images shared or threatened"),
                   N_("Someone sharing, or threatening to share, private sexual pictures or videos, or asking for money.")),
            Option("not-sure", N_("I'm not sure"),
                   N_("Something feels wrong but you do not know what to call it.")),
        ),
        skippable=False,
    ),
    Question(
        "age", "age", ("age",),
        N_("How old are you?"),
        text_other=N_("How old is the person?"),
        hint=N_("Some services are for certain ages. A rough age is fine."),
        skip_label=N_("I'd rather not say"),
    ),
    Question(
        "gender", "choice", ("gender",),
        N_("What is your gender?"),
        text_other=N_("What is the person's gender?"),
        hint=N_("Some services are for women, men or non-binary people."),
        options=(Option("female", N_("Female")), Option("male", N_("Male")), Option("non-binary", N_("Non-binary"))),
        skip_label=N_("I'd rather not say"),
        relevant=~OWN,
    ),
    Question(
        "lgbtq", "yesno", ("lgbtq",),
        N_("Are you lesbian, gay, bisexual, trans or queer (LGBT+)?"),
        text_other=N_("Is the person lesbian, gay, bisexual, trans or queer (LGBT+)?"),
        hint=N_("There are services run by and for LGBT+ people."),
        options=YES_NO, skip_label=N_("I'd rather not say"),
        relevant=~OWN,
    ),
    Question(
        "speak", "yesno", ("can_speak",),
        N_("Can you talk safely on the phone at the moment?"),
        text_other=N_("Can the person talk safely on the phone at the moment?"),
        hint=N_("If not, we will show ways to get help without speaking."),
        options=YES_NO,
        relevant=DANGER & ~OWN,
    ),
    Question(
        "deaf", "yesno", ("deaf_or_speech_impaired",),
        N_("Are you deaf, hard of hearing, or do you find speaking difficult?"),
        text_other=N_("Is the person deaf, hard of hearing, or do they find speaking difficult?"),
        hint=N_("There are ways to get help by text, video and BSL."),
        options=YES_NO, skip_label=N_("I'd rather not say"),
    ),
    Question(
        "relationship", "choice", ("perpetrator_relationship",),
        N_("Who is causing the harm?"),
        options=(
            Option("partner", N_("A partner"), N_("Husband, wife, boyfriend, girlfriend or someone you are seeing.")),
            Option("ex-partner", N_("An ex-partner")),
            Option("family", N_("A family member"), N_("Parent, child, brother, sister, in-law or another relative.")),
            Option("carer", N_("A carer")),
            Option("acquaintance", N_("Someone known"), N_("A friend, neighbour, colleague or someone met before.")),
            Option("stranger", N_("A stranger")),
            Option("online-contact", N_("Someone met online")),
            Option("unknown", N_("I don't know")),
        ),
        skip_label=N_("I'd rather not say"),
        relevant=HARMED & C("domestic-abuse", "sexual-violence", "stalking", "intimate-image-abuse", "sexual-harassment",
                            "child-sexual-abuse", "child-sexual-exploitation", "not-sure"),
    ),
    Question(
        "hours", "options", ("hours_since_incident",),
        N_("When did it last happen?"),
        hint=N_("Some help after a sexual assault works best within a few days. You can still get help at any time."),
        options=(
            Option("within-3-days", N_("In the last 3 days"), sets={"hours_since_incident": 36}),
            Option("3-to-5-days", N_("3 to 5 days ago"), sets={"hours_since_incident": 96}),
            Option("5-to-7-days", N_("5 to 7 days ago"), sets={"hours_since_incident": 144}),
            Option("over-a-week", N_("More than a week ago"), sets={"hours_since_incident": 720}),
        ),
        skip_label=N_("I'm not sure"),
        relevant=HARMED & C("sexual-violence"),
    ),
    Question(
        "risk", "multi", ("risk_indicators",),
        N_("Have any of these happened?"),
        hint=N_("Choose all that apply. These help show how urgent things may be."),
        options=(
            Option("physical-violence", N_("They have hurt you physically"), label_other=N_("They have hurt the person physically")),
            Option("strangulation", N_("They have choked, strangled or smothered you"), label_other=N_("They have choked, strangled or smothered the person")),
            Option("threats-to-kill", N_("They have threatened to kill you or someone else"), label_other=N_("They have threatened to kill the person or someone else")),
            Option("weapon", N_("They have used or threatened to use a weapon")),
            Option("escalating", N_("It is happening more often or getting worse")),
            Option("fear-for-life", N_("You are afraid they will seriously hurt or kill you"), label_other=N_("The person is afraid of being seriously hurt or killed")),
            Option("pregnant", N_("You are pregnant or have recently had a baby"), label_other=N_("The person is pregnant or has recently had a baby")),
            Option("recent-separation", N_("You have split up recently or are planning to"), label_other=N_("They have split up recently or are planning to")),
            Option("sexual-violence-by-partner", N_("They have forced you into sexual acts"), label_other=N_("They have forced the person into sexual acts")),
            Option("stalking-by-partner", N_("They follow, watch or keep contacting you"), label_other=N_("They follow, watch or keep contacting the person")),
            Option("controlling-behaviour", N_("They control your money, phone, friends or where you go"), label_other=N_("They control the person's money, phone, friends or where they go")),
            Option("isolated", N_("You are cut off from friends and family"), label_other=N_("The person is cut off from friends and family")),
            Option("none", N_("None of these")),
        ),
        none_value="none",
        skip_label=N_("I'd rather not say"),
        # domestic abuse or stalking (the stalking risk signs feed R62); "not sure" only when the
        # answers so far already show a domestic-abuse context
        relevant=HARMED & (C("domestic-abuse", "stalking") | (C("not-sure") & DA)),
    ),
    Question(
        "children", "item", ("risk_indicators",),
        N_("Do any children live in your home?"),
        text_other=N_("Do any children live in the person's home?"),
        item="children-in-home",
        options=YES_NO, skip_label=N_("I'd rather not say"),
        relevant=HARMED & DA_LIKE & (DA | HBA_FM),
    ),
    Question(
        "lives_with", "yesno", ("lives_with_abuser",),
        N_("Does the person harming you live with you?"),
        text_other=N_("Does the person causing harm live with them?"),
        options=YES_NO, skip_label=N_("I'd rather not say"),
        relevant=HARMED & DA_LIKE & (DA | HBA_FM),
    ),
    Question(
        "leaving", "options", ("needs_to_leave_home", "wants_to_stay_home"),
        N_("Do you want to leave home, or stay and be safe there?"),
        text_other=N_("Does the person want to leave home, or stay and be safe there?"),
        options=(
            Option("leave", N_("Leave home"), N_("For example, somewhere safe to stay tonight or a new place to live."),
                   sets={"needs_to_leave_home": True, "wants_to_stay_home": False}),
            Option("stay", N_("Stay at home and be safer there"), N_("For example, better locks or keeping the other person away."),
                   sets={"needs_to_leave_home": False, "wants_to_stay_home": True}),
            Option("unsure", N_("Not sure yet"), sets={}),
        ),
        skip_label=N_("I'd rather not say"),
        relevant=HARMED & DA_LIKE & DA & AGE_16_PLUS,
    ),
    Question(
        "travel", "yesno", ("travel_abroad_planned",),
        N_("Is a trip abroad planned?"),
        hint=N_("For example, a holiday or a family visit that you are worried about."),
        options=YES_NO, skip_label=N_("I don't know"),
        relevant=HARMED & C("forced-marriage", "fgm", "honour-based-abuse"),
    ),
    Question(
        "fgm", "choice", ("fgm_status",),
        N_("Has cutting already happened, or is someone at risk?"),
        options=(
            Option("known", N_("It has already happened")),
            Option("at-risk", N_("A girl may be cut")),
        ),
        skip_label=N_("I don't know"),
        relevant=HARMED & C("fgm"),
    ),
    Question(
        "care", "yesno", ("care_and_support_needs",),
        N_("Do you need care or support to look after yourself?"),
        text_other=N_("Does the person need care or support to look after themselves?"),
        hint=N_("For example, because of illness, disability, age or memory problems, so that it is hard to keep safe."),
        options=YES_NO, skip_label=N_("I'd rather not say"),
        relevant=HARMED & NOT_CHILD & CONCERNED,
    ),
    Question(
        "police", "choice", ("wants_police",),
        N_("Do you want the police to be involved?"),
        text_other=N_("Does the person want the police to be involved?"),
        hint=N_("You can get help without involving the police."),
        options=(Option("yes", N_("Yes")), Option("no", N_("No")), Option("unsure", N_("Not sure"))),
        skip_label=N_("I'd rather not say"),
        relevant=HARMED & CONCERNED,
    ),
    Question(
        "thurrock", "yesno", ("in_thurrock",),
        N_("Do you live in Thurrock?"),
        text_other=N_("Does the person live in Thurrock?"),
        options=YES_NO, skip_label=N_("I don't know"),
    ),
)
BY_ID: dict[str, Question] = {q.id: q for q in QUESTIONS}
QUESTION_IDS: tuple[str, ...] = tuple(BY_ID)


def questions_for(facts: Mapping) -> list[Question]:
    """The questions the facts make relevant, in order."""
    return [q for q in QUESTIONS if q.is_relevant(facts)]


# ---------------------------------------------------------------------------------------------
# Answers keyed by question id
# ---------------------------------------------------------------------------------------------

def _values(raw: Any) -> list[str]:
    if raw is None:
        return []
    if isinstance(raw, str):
        return [raw] if raw != "" else []
    return [v for v in raw if isinstance(v, str) and v != ""]


def facts_from_answers(answers: Mapping[str, Any]) -> dict:
    """Build facts from answers (question id -> value or list of values).

    Questions are folded in order; an answer to a question that is not relevant given the
    earlier answers is ignored. Raises ``FactsError`` for an answer that is not one of the
    question's options or not a number. The result still needs ``validate_facts``.
    """
    facts: dict = {}
    for q in QUESTIONS:
        if q.id in answers and q.is_relevant(facts):
            facts = q.apply(facts, _values(answers[q.id]))
    return facts


def relevant_questions(answers: Mapping[str, Any]) -> list[Question]:
    """The questions to ask given the answers so far, in order."""
    facts: dict = {}
    out = []
    for q in QUESTIONS:
        if q.is_relevant(facts):
            out.append(q)
            if q.id in answers:
                facts = q.apply(facts, _values(answers[q.id]))
    return out


def next_question(answers: Mapping[str, Any]) -> Question | None:
    """The first relevant question not answered yet, or None when done."""
    for q in relevant_questions(answers):
        if q.id not in answers:
            return q
    return None
