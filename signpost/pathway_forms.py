"""The questions of the web pathway, and how their answers travel between pages.

One question per page. Every answer is a fact from the facts contract (shared/facts.md); the
answers so far travel in hidden fields (``fact.<name>``) and are decoded and revalidated with
``pathways.validate_facts`` at every step (P16). Anything a person could not have sent from our
own pages (an unknown field, a value no page offers, a huge value) is tampering: the view
answers 400. A missing answer on the current page is a mistake a person can make: the question
is shown again with an error summary.

Nothing here imports Flask; the view turns ``Tampered`` into ``abort(400)``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable, Iterable, Mapping

from pathways import FactsError, validate_facts

try:  # the field specs (kinds) come from the engine's contract module when it is there
    from pathways.facts import FIELD_SPECS
except ImportError:  # pragma: no cover - the engine always ships facts.py
    FIELD_SPECS = {}


def N_(text: str) -> str:
    """Mark a string for translation (extracted by Babel, translated when rendered)."""
    return text


class Tampered(Exception):
    """The form holds something our own pages never send."""


# ---------------------------------------------------------------------------------------------
# Questions as data
# ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Option:
    value: str                     # the value sent by the form
    label: str                     # msgid
    hint: str = ""                 # msgid: a plain description under the label
    label_other: str = ""          # msgid: wording when asking about someone else
    sets: Mapping = field(default_factory=dict)   # facts this option sets (kind "options")


@dataclass(frozen=True)
class Question:
    id: str
    kind: str                      # yesno | choice | multi | age | options | item
    fields: tuple[str, ...]        # the facts this question sets
    text: str                      # msgid, saying "you"
    text_other: str = ""           # msgid, saying "the person" (someone-else)
    text_own: str = ""             # msgid for own-behaviour
    hint: str = ""
    hint_other: str = ""
    options: tuple[Option, ...] = ()
    skippable: bool = True
    skip_label: str = N_("Skip this question")
    item: str = ""                 # kind "item": the list value a yes adds
    none_value: str = ""           # kind "multi": an option meaning "none of these"
    relevant: Callable[[dict], bool] = lambda facts: True

    def wording(self, facts: dict) -> str:
        role = facts.get("role")
        if role == "someone-else" and self.text_other:
            return self.text_other
        if role == "own-behaviour" and self.text_own:
            return self.text_own
        return self.text

    def hint_for(self, facts: dict) -> str:
        if facts.get("role") == "someone-else" and self.hint_other:
            return self.hint_other
        return self.hint


YES_NO = (Option("yes", N_("Yes")), Option("no", N_("No")))

HARMED = ("self", "someone-else")
DA_LIKE = ("domestic-abuse", "honour-based-abuse", "forced-marriage", "stalking", "not-sure")


def _role(facts: dict) -> str | None:
    return facts.get("role")


def _harmed_or_unknown(facts: dict) -> bool:
    return _role(facts) in HARMED or _role(facts) is None


def _concerns(facts: dict) -> set:
    return set(facts.get("concerns") or ())


def _any_concern(facts: dict, values: Iterable[str]) -> bool:
    return bool(_concerns(facts) & set(values))


def _adult_or_unknown(facts: dict) -> bool:
    age = facts.get("age")
    return age is None or age >= 18


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
        relevant=lambda f: _role(f) != "own-behaviour",
    ),
    Question(
        "lgbtq", "yesno", ("lgbtq",),
        N_("Are you lesbian, gay, bisexual, trans or queer (LGBT+)?"),
        text_other=N_("Is the person lesbian, gay, bisexual, trans or queer (LGBT+)?"),
        hint=N_("There are services run by and for LGBT+ people."),
        options=YES_NO, skip_label=N_("I'd rather not say"),
        relevant=lambda f: _role(f) != "own-behaviour",
    ),
    Question(
        "speak", "yesno", ("can_speak",),
        N_("Can you talk safely on the phone at the moment?"),
        text_other=N_("Can the person talk safely on the phone at the moment?"),
        hint=N_("If not, we will show ways to get help without speaking."),
        options=YES_NO,
        relevant=lambda f: _role(f) != "own-behaviour",
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
        relevant=lambda f: _harmed_or_unknown(f) and bool(_concerns(f)),
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
        relevant=lambda f: _harmed_or_unknown(f) and _any_concern(f, ("sexual-violence", "child-sexual-abuse", "child-sexual-exploitation")),
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
        relevant=lambda f: _harmed_or_unknown(f) and _any_concern(f, ("domestic-abuse", "not-sure")),
    ),
    Question(
        "children", "item", ("risk_indicators",),
        N_("Do any children live in your home?"),
        text_other=N_("Do any children live in the person's home?"),
        item="children-in-home",
        options=YES_NO, skip_label=N_("I'd rather not say"),
        relevant=lambda f: _harmed_or_unknown(f) and _any_concern(f, DA_LIKE),
    ),
    Question(
        "lives_with", "yesno", ("lives_with_abuser",),
        N_("Does the person harming you live with you?"),
        text_other=N_("Does the person causing harm live with them?"),
        options=YES_NO, skip_label=N_("I'd rather not say"),
        relevant=lambda f: _harmed_or_unknown(f) and _any_concern(f, DA_LIKE),
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
        relevant=lambda f: _harmed_or_unknown(f) and _any_concern(f, DA_LIKE),
    ),
    Question(
        "travel", "yesno", ("travel_abroad_planned",),
        N_("Is a trip abroad planned?"),
        hint=N_("For example, a holiday or a family visit that you are worried about."),
        options=YES_NO, skip_label=N_("I don't know"),
        relevant=lambda f: _harmed_or_unknown(f) and _any_concern(f, ("forced-marriage", "fgm", "honour-based-abuse")),
    ),
    Question(
        "fgm", "choice", ("fgm_status",),
        N_("Has cutting already happened, or is someone at risk?"),
        options=(
            Option("known", N_("It has already happened")),
            Option("at-risk", N_("A girl may be cut")),
        ),
        skip_label=N_("I don't know"),
        relevant=lambda f: _harmed_or_unknown(f) and "fgm" in _concerns(f),
    ),
    Question(
        "care", "yesno", ("care_and_support_needs",),
        N_("Do you need care or support to look after yourself?"),
        text_other=N_("Does the person need care or support to look after themselves?"),
        hint=N_("For example, because of illness, disability, age or memory problems, so that it is hard to keep safe."),
        options=YES_NO, skip_label=N_("I'd rather not say"),
        relevant=lambda f: _harmed_or_unknown(f) and _adult_or_unknown(f),
    ),
    Question(
        "police", "choice", ("wants_police",),
        N_("Do you want the police to be involved?"),
        text_other=N_("Does the person want the police to be involved?"),
        hint=N_("You can get help without involving the police."),
        options=(Option("yes", N_("Yes")), Option("no", N_("No")), Option("unsure", N_("Not sure"))),
        skip_label=N_("I'd rather not say"),
        relevant=lambda f: _harmed_or_unknown(f),
    ),
    Question(
        "thurrock", "yesno", ("in_thurrock",),
        N_("Do you live in Thurrock?"),
        text_other=N_("Does the person live in Thurrock?"),
        options=YES_NO, skip_label=N_("I don't know"),
    ),
)
BY_ID: dict[str, Question] = {q.id: q for q in QUESTIONS}
QUESTION_IDS = tuple(BY_ID)


# The engine's questions (pathways/questions.py) say when each follow-up matters; where one of
# ours sets the same facts, it is asked only when both agree (ours add wording guards, e.g. the
# risk signs are worded for the person harmed, not for someone asking about their own behaviour).
ENGINE_IDS = {"speak": "can-speak", "hours": "when", "lives_with": "lives-with", "leaving": "home",
              "fgm": "fgm-status", "care": "care-needs"}


def _engine_relevance() -> dict:
    try:
        from pathways.questions import QUESTIONS as ENGINE_QUESTIONS
    except ImportError:  # pragma: no cover - the engine's questions are optional
        return {}
    by_id = {getattr(q, "id", None): q for q in ENGINE_QUESTIONS}
    found = {}
    for q in QUESTIONS:
        engine_q = by_id.get(ENGINE_IDS.get(q.id, q.id))
        if engine_q is not None and callable(getattr(engine_q, "relevant", None)) \
                and tuple(getattr(engine_q, "sets", ())) == q.fields:
            found[q.id] = engine_q.relevant
    return found


ENGINE_RELEVANCE = _engine_relevance()


def is_relevant(question: Question, facts: dict) -> bool:
    try:
        ours = bool(question.relevant(facts))
        engine = ENGINE_RELEVANCE.get(question.id)
        return ours and (engine is None or bool(engine(facts)))
    except Exception:  # a predicate must never break a page
        return True


def relevant_questions(facts: dict) -> list[Question]:
    return [q for q in QUESTIONS if is_relevant(q, facts)]


# ---------------------------------------------------------------------------------------------
# The form state: facts + which questions were answered or skipped
# ---------------------------------------------------------------------------------------------

FACT_PREFIX = "fact."
CONTROL = {"step", "do", "seen", "skipped", "answer"}
STEPS = set(QUESTION_IDS) | {"emergency", "professional", "check", "result"}
MAX_VALUE = 400          # no hidden value our pages send is longer than this
_INT = re.compile(r"^-?\d{1,6}$")
_NUMBER = re.compile(r"^-?\d{1,6}(\.\d{1,6})?$")


@dataclass
class State:
    facts: dict
    seen: list[str]
    skipped: list[str]
    step: str
    do: str

    @property
    def done(self) -> set:
        return set(self.seen) | set(self.skipped)


def _decode(name: str, raw: str):
    """A hidden value as the type the facts contract expects (or the raw text to be rejected)."""
    spec = FIELD_SPECS.get(name)
    kind = spec.kind if spec else None
    if kind == "bool":
        return {"true": True, "false": False}.get(raw, raw)
    if kind == "list":
        return [] if raw == "" else raw.split(",")
    if kind == "int":
        return int(raw) if _INT.match(raw) else raw
    if kind == "number":
        if _INT.match(raw):
            return int(raw)
        return float(raw) if _NUMBER.match(raw) else raw
    return raw


def encode(value) -> str:
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, (list, tuple)):
        return ",".join(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def hidden_fields(facts: dict, seen: Iterable[str], skipped: Iterable[str]) -> list[tuple[str, str]]:
    """The (name, value) pairs of hidden inputs that carry the state to the next page."""
    pairs = [(FACT_PREFIX + k, encode(v)) for k, v in facts.items()]
    pairs.append(("seen", ",".join(seen)))
    pairs.append(("skipped", ",".join(skipped)))
    return pairs


def _ids(raw: str) -> list[str]:
    out = []
    for part in raw.split(",") if raw else ():
        if part not in BY_ID:
            raise Tampered(f"unknown question {part!r}")
        if part not in out:
            out.append(part)
    return out


def read_state(form) -> State:
    """Decode and revalidate everything a step page sent. Raises ``Tampered``.

    ``form`` is a werkzeug MultiDict (or anything with ``keys()`` and ``getlist()``).
    """
    raw_facts = {}
    for key in form.keys():
        values = form.getlist(key)
        if any(len(v) > MAX_VALUE for v in values):
            raise Tampered("value too long")
        if key.startswith(FACT_PREFIX):
            name = key[len(FACT_PREFIX):]
            if name not in FIELD_SPECS and FIELD_SPECS:
                raise Tampered("unknown field")
            if len(values) != 1:
                raise Tampered("repeated field")
            raw_facts[name] = _decode(name, values[0])
        elif key in CONTROL:
            if key != "answer" and len(values) != 1:
                raise Tampered("repeated control")
        else:
            raise Tampered("unknown field")
    try:
        facts = validate_facts(raw_facts)
    except FactsError as exc:
        raise Tampered("; ".join(exc.errors)) from None
    step = form.get("step", "")
    if step not in STEPS:
        raise Tampered("unknown step")
    seen = _ids(form.get("seen", ""))
    skipped = [q for q in _ids(form.get("skipped", "")) if q not in seen]
    return State(facts=facts, seen=seen, skipped=skipped, step=step, do=form.get("do", ""))


class Missing(Exception):
    """The current question was not answered (or not in a form we can use): ask again."""

    def __init__(self, message: str):
        self.message = message
        super().__init__(message)


AGE_ERROR = N_("Enter an age in years, as a number from 0 to 120, or choose \"I'd rather not say\".")
_AGE = re.compile(r"^\s*(\d{1,3})\s*$")


def apply_answer(question: Question, facts: dict, form) -> dict:
    """The facts with this question's answer applied. Raises ``Missing`` or ``Tampered``."""
    answers = form.getlist("answer")
    new = dict(facts)
    allowed = {o.value for o in question.options}
    if question.kind == "multi":
        if not answers:
            raise Missing(N_("Choose at least one answer, or skip this question.") if question.skippable
                          else N_("Choose at least one answer."))
        if any(a not in allowed for a in answers) or len(set(answers)) != len(answers):
            raise Tampered("unknown option")
        chosen = [a for a in answers if a != question.none_value] if question.none_value else list(answers)
        if question.none_value and question.none_value in answers and chosen:
            raise Missing(N_("Choose \"None of these\" on its own, or only the things that happened."))
        if question.id == "risk":  # keep the answer to the separate children question
            kept = [v for v in new.get("risk_indicators", []) if v == "children-in-home"]
            chosen = chosen + kept
        new[question.fields[0]] = chosen
        return new
    if len(answers) > 1:
        raise Tampered("several answers")
    answer = answers[0] if answers else ""
    if question.kind == "age":
        if not answer.strip():
            raise Missing(AGE_ERROR)
        match = _AGE.match(answer)
        if not match or int(match.group(1)) > 120:
            raise Missing(AGE_ERROR)
        new["age"] = int(match.group(1))
        return new
    if not answer:
        raise Missing(N_("Choose an answer, or skip this question.") if question.skippable
                      else N_("Choose an answer."))
    if answer not in allowed:
        raise Tampered("unknown option")
    if question.kind == "yesno":
        new[question.fields[0]] = answer == "yes"
    elif question.kind == "choice":
        new[question.fields[0]] = answer
    elif question.kind == "item":
        items = [v for v in new.get(question.fields[0], []) if v != question.item]
        if answer == "yes":
            items.append(question.item)
        new[question.fields[0]] = items
    elif question.kind == "options":
        option = next(o for o in question.options if o.value == answer)
        for f in question.fields:
            new.pop(f, None)
        new.update(option.sets)
    return new


def clear_answer(question: Question, facts: dict) -> dict:
    """The facts without this question's answer (when it is skipped)."""
    new = dict(facts)
    if question.kind == "item":
        if question.fields[0] in new:
            new[question.fields[0]] = [v for v in new[question.fields[0]] if v != question.item]
        return new
    if question.id == "risk":
        kept = [v for v in new.get("risk_indicators", []) if v == "children-in-home"]
        if kept:
            new["risk_indicators"] = kept
        else:
            new.pop("risk_indicators", None)
        return new
    for f in question.fields:
        new.pop(f, None)
    return new


def current_values(question: Question, facts: dict) -> list[str]:
    """The option values (or text) to show as already chosen on this question's page."""
    if question.kind == "yesno":
        v = facts.get(question.fields[0])
        return [] if v is None else ["yes" if v else "no"]
    if question.kind == "choice":
        v = facts.get(question.fields[0])
        return [] if v is None else [v]
    if question.kind == "age":
        v = facts.get("age")
        return [] if v is None else [str(v)]
    if question.kind == "multi":
        v = facts.get(question.fields[0])
        if v is None:
            return []
        return [x for x in v if x in {o.value for o in question.options}]
    if question.kind == "item":
        v = facts.get(question.fields[0])
        if v is None:
            return []
        return ["yes"] if question.item in v else []
    if question.kind == "options":
        for o in question.options:
            if o.sets and all(facts.get(k) == val for k, val in o.sets.items()):
                return [o.value]
        if question.id == "hours" and "hours_since_incident" in facts:
            return [_hours_band(facts["hours_since_incident"])]
        return []
    return []


def _hours_band(hours: float) -> str:
    if hours < 72:
        return "within-3-days"
    if hours < 120:
        return "3-to-5-days"
    if hours <= 168:
        return "5-to-7-days"
    return "over-a-week"


def answer_labels(question: Question, facts: dict, seen: bool) -> list[str]:
    """msgids (or plain numbers) describing the answer, for the check-your-answers page."""
    values = current_values(question, facts)
    if question.kind == "age":
        return values
    if question.kind == "item" and seen and not values and question.fields[0] in facts:
        return [N_("No")]
    if question.kind == "multi" and seen and not values and question.none_value:
        return [next(o.label for o in question.options if o.value == question.none_value)]
    if question.kind == "options" and seen and not values:
        unsure = [o for o in question.options if not o.sets]
        return [unsure[0].label] if unsure else []
    labels = []
    for o in question.options:
        if o.value in values:
            labels.append(o.label_other if (o.label_other and facts.get("role") == "someone-else") else o.label)
    return labels


def next_question(facts: dict, done: set) -> Question | None:
    """The first question the answers make relevant that is not answered or skipped yet."""
    for q in relevant_questions(facts):
        if q.id not in done:
            return q
    return None


def previous_step(step: str, facts: dict) -> str | None:
    """Where Back goes from a step: the relevant question before it (None on the first)."""
    order = [q.id for q in relevant_questions(facts)]
    if step in ("check", "result"):
        return order[-1] if order else None
    if step == "emergency":
        return "danger"
    if step == "professional":
        return "role"
    if step in order:
        i = order.index(step)
        return order[i - 1] if i > 0 else None
    # a question no longer relevant: go to the nearest relevant one before it
    position = QUESTION_IDS.index(step) if step in BY_ID else len(QUESTION_IDS)
    before = [q for q in order if QUESTION_IDS.index(q) < position]
    return before[-1] if before else None


def position(question: Question, facts: dict) -> tuple[int, int]:
    """(number, total) of this question among those the answers make relevant."""
    order = [q.id for q in relevant_questions(facts)]
    if question.id not in order:
        order.append(question.id)
    return order.index(question.id) + 1, len(order)
