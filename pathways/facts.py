"""The facts contract (shared/facts.md) as data, and its validator.

Every field is optional: a missing field (or ``None``) means "not known".
``validate_facts`` returns a clean copy or raises ``FactsError`` whose
``errors`` are ``"<field>: <what is wrong>"`` strings in field order.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

ROLES = ("self", "someone-else", "professional", "own-behaviour")
CONCERNS = (
    "domestic-abuse", "sexual-violence", "child-sexual-abuse", "child-sexual-exploitation",
    "stalking", "honour-based-abuse", "forced-marriage", "fgm", "modern-slavery",
    "sexual-harassment", "intimate-image-abuse", "not-sure",
)
GENDERS = ("female", "male", "non-binary")
RELATIONSHIPS = (
    "partner", "ex-partner", "family", "carer", "acquaintance", "stranger",
    "online-contact", "unknown",
)
RISK_INDICATORS = (
    "physical-violence", "strangulation", "threats-to-kill", "weapon", "escalating",
    "pregnant", "recent-separation", "children-in-home", "fear-for-life",
    "sexual-violence-by-partner", "stalking-by-partner", "controlling-behaviour", "isolated",
)
FGM_STATUSES = ("known", "at-risk")
POLICE_WISHES = ("yes", "no", "unsure")


@dataclass(frozen=True)
class FieldSpec:
    """One fact: its name, kind and limits (usable by forms and docs)."""

    name: str
    kind: str                      # "bool" | "enum" | "list" | "int" | "number"
    meaning: str
    choices: tuple[str, ...] = ()  # for enum and list
    minimum: float | None = None   # for int and number
    maximum: float | None = None


FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("role", "enum", "who is asking", ROLES),
    FieldSpec("danger_now", "bool", "someone is in immediate danger"),
    FieldSpec("can_speak", "bool", "the person can speak safely on a phone now"),
    FieldSpec("deaf_or_speech_impaired", "bool", "needs non-voice contact routes"),
    FieldSpec("concerns", "list", "what is happening (several may apply)", CONCERNS),
    FieldSpec("age", "int", "age of the person harmed (own-behaviour: the asker's age)", minimum=0, maximum=120),
    FieldSpec("gender", "enum", "gender of the person harmed", GENDERS),
    FieldSpec("lgbtq", "bool", "the person harmed is LGBT+"),
    FieldSpec("perpetrator_relationship", "enum", "who is causing the harm", RELATIONSHIPS),
    FieldSpec("hours_since_incident", "number", "hours since the most recent assault", minimum=0),
    FieldSpec("risk_indicators", "list", "domestic abuse risk signs", RISK_INDICATORS),
    FieldSpec("ric_yes_count", "int", "SafeLives risk checklist total", minimum=0, maximum=24),
    FieldSpec("police_callouts_12m", "int", "police call-outs for domestic abuse in the last 12 months", minimum=0),
    FieldSpec("care_and_support_needs", "bool", "an adult with care and support needs who cannot protect themselves"),
    FieldSpec("needs_to_leave_home", "bool", "wants or needs to leave home now"),
    FieldSpec("lives_with_abuser", "bool", "the person causing harm lives in the same home"),
    FieldSpec("wants_to_stay_home", "bool", "wants to stay at home safely"),
    FieldSpec("travel_abroad_planned", "bool", "a trip abroad is planned"),
    FieldSpec("fgm_status", "enum", "known: disclosed or seen; at-risk: a girl may be cut", FGM_STATUSES),
    FieldSpec("regulated_professional", "bool", "the asker is a regulated health or social care professional or a teacher"),
    FieldSpec("first_responder", "bool", "the asker works for an NRM first-responder organisation"),
    FieldSpec("consents", "bool", "the person harmed agrees to a referral"),
    FieldSpec("in_thurrock", "bool", "the person lives in Thurrock"),
    FieldSpec("wants_police", "enum", "whether the person wants to involve the police", POLICE_WISHES),
)
FIELD_SPECS: dict[str, FieldSpec] = {f.name: f for f in FIELDS}
FIELD_NAMES: tuple[str, ...] = tuple(f.name for f in FIELDS)


class FactsError(ValueError):
    """Invalid facts; ``errors`` holds ``"<field>: <what is wrong>"`` messages."""

    def __init__(self, errors: list[str]):
        self.errors = list(errors)
        super().__init__("; ".join(self.errors))


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _range_text(spec: FieldSpec) -> str:
    lo = int(spec.minimum) if spec.minimum is not None else None
    hi = int(spec.maximum) if spec.maximum is not None else None
    if hi is None:
        return f"must be {lo} or more"
    return f"must be between {lo} and {hi}"


def _check(spec: FieldSpec, value: Any) -> tuple[Any, str | None]:
    """Return (clean value, error message or None) for one field."""
    if spec.kind == "bool":
        if not isinstance(value, bool):
            return None, "must be true or false"
        return value, None
    if spec.kind == "enum":
        if not isinstance(value, str):
            return None, "must be a string"
        if value not in spec.choices:
            return None, f"unknown value {value!r}; must be one of: {', '.join(spec.choices)}"
        return value, None
    if spec.kind == "list":
        if not isinstance(value, (list, tuple)):
            return None, "must be a list"
        seen: list[str] = []
        for item in value:
            if not isinstance(item, str):
                return None, "every item must be a string"
            if item not in spec.choices:
                return None, f"unknown value {item!r}; must be any of: {', '.join(spec.choices)}"
            if item in seen:
                return None, f"{item!r} is listed more than once"
            seen.append(item)
        return seen, None
    if spec.kind == "int":
        if not _is_number(value):
            return None, "must be a whole number"
        if isinstance(value, float):
            if not math.isfinite(value) or not value.is_integer():
                return None, "must be a whole number"
            value = int(value)
        if (spec.minimum is not None and value < spec.minimum) or (
            spec.maximum is not None and value > spec.maximum
        ):
            return None, _range_text(spec)
        return value, None
    if spec.kind == "number":
        if not _is_number(value):
            return None, "must be a number"
        if isinstance(value, float) and not math.isfinite(value):
            return None, "must be a finite number"
        if spec.minimum is not None and value < spec.minimum:
            return None, _range_text(spec)
        return value, None
    raise AssertionError(spec.kind)  # pragma: no cover


def validate_facts(obj: Any) -> dict:
    """Check a facts object against the contract and return a clean copy.

    ``None`` values are treated as "not known" and dropped. Whole floats in
    integer fields become ints. Raises ``FactsError`` listing every problem.
    """
    if not isinstance(obj, dict):
        raise FactsError(["facts: must be an object"])
    errors: list[str] = []
    for key in sorted((k for k in obj if k not in FIELD_SPECS), key=str):
        shown = key if isinstance(key, str) else repr(key)
        errors.append(f"{shown}: unknown field")
    clean: dict = {}
    for spec in FIELDS:
        if spec.name not in obj or obj[spec.name] is None:
            continue
        value, problem = _check(spec, obj[spec.name])
        if problem:
            errors.append(f"{spec.name}: {problem}")
        else:
            clean[spec.name] = value
    if errors:
        raise FactsError(errors)
    return clean


def field_specs_as_dicts() -> list[dict]:
    """The field specs as plain JSON-ready dicts (for docs and the API)."""
    out = []
    for f in FIELDS:
        d: dict = {"name": f.name, "kind": f.kind, "meaning": f.meaning}
        if f.choices:
            d["choices"] = list(f.choices)
        if f.minimum is not None:
            d["minimum"] = f.minimum
        if f.maximum is not None:
            d["maximum"] = f.maximum
        out.append(d)
    return out
