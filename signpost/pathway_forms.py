"""How the answers of the web pathway travel between pages.

The questions themselves (wording, options, what each answer sets, when each is asked) are data
in ``pathways.questions``; this module only carries the answers. One question per page. Every
answer is a fact from the facts contract (shared/facts.md); the answers so far travel in hidden
fields (``fact.<name>``) and are decoded and revalidated with ``pathways.validate_facts`` at every
step (P16). Anything a person could not have sent from our own pages (an unknown field, a value
no page offers, a huge value) is tampering: the view answers 400. A missing answer on the current
page is a mistake a person can make: the question is shown again with an error summary.

Nothing here imports Flask; the view turns ``Tampered`` into ``abort(400)``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

from pathways import FactsError, validate_facts
from pathways.facts import FIELD_SPECS
from pathways.questions import BY_ID, QUESTION_IDS, Question, questions_for

def N_(text: str) -> str:
    """Mark a string for translation (extracted by Babel, translated when rendered)."""
    return text


class Tampered(Exception):
    """The form holds something our own pages never send."""


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
        if not isinstance(key, str):
            # Werkzeug gives a multipart part whose name it cannot read the key None.
            raise Tampered("unreadable field name")
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
    allowed = {o.value for o in question.options}
    if question.kind == "multi":
        if not answers:
            raise Missing(N_("Choose at least one answer, or skip this question.") if question.skippable
                          else N_("Choose at least one answer."))
        if any(a not in allowed for a in answers) or len(set(answers)) != len(answers):
            raise Tampered("unknown option")
        if question.none_value and question.none_value in answers and len(answers) > 1:
            raise Missing(N_("Choose \"None of these\" on its own, or only the things that happened."))
    elif len(answers) > 1:
        raise Tampered("several answers")
    elif question.kind == "age":
        match = _AGE.match(answers[0]) if answers else None
        if not match or int(match.group(1)) > 120:
            raise Missing(AGE_ERROR)
    elif not answers or not answers[0]:
        raise Missing(N_("Choose an answer, or skip this question.") if question.skippable
                      else N_("Choose an answer."))
    elif answers[0] not in allowed:
        raise Tampered("unknown option")
    try:
        return question.apply(facts, answers)
    except FactsError:  # pragma: no cover - the checks above let only offered answers through
        raise Tampered("answer not accepted") from None


def clear_answer(question: Question, facts: dict) -> dict:
    """The facts without this question's answer (when it is skipped)."""
    return question.clear(facts)


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
            labels.append(o.label_for(facts))
    return labels


def next_question(facts: dict, done: set) -> Question | None:
    """The first question the answers make relevant that is not answered or skipped yet."""
    for q in questions_for(facts):
        if q.id not in done:
            return q
    return None


def previous_step(step: str, facts: dict) -> str | None:
    """Where Back goes from a step: the relevant question before it (None on the first)."""
    order = [q.id for q in questions_for(facts)]
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
    order = [q.id for q in questions_for(facts)]
    if question.id not in order:
        order.append(question.id)
    return order.index(question.id) + 1, len(order)
