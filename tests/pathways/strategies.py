"""Hypothesis strategies that generate valid facts objects (every field optional)."""
from __future__ import annotations

from hypothesis import strategies as st

from pathways.facts import FIELDS


def _value(spec):
    if spec.kind == "bool":
        return st.booleans()
    if spec.kind == "enum":
        return st.sampled_from(spec.choices)
    if spec.kind == "list":
        return st.lists(st.sampled_from(spec.choices), unique=True, max_size=4)
    if spec.kind == "int":
        hi = int(spec.maximum) if spec.maximum is not None else 20
        return st.integers(int(spec.minimum or 0), hi)
    if spec.kind == "number":
        return st.one_of(st.integers(0, 1000), st.floats(0, 1000, allow_nan=False))
    raise AssertionError(spec.kind)


FACTS = st.fixed_dictionaries({}, optional={spec.name: _value(spec) for spec in FIELDS})
ROLES = ("self", "someone-else", "professional", "own-behaviour")
