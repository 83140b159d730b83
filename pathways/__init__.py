"""Signpost pathway engine: pure functions from facts to routes (no Flask, no I/O)."""
from .cautions import CAUTIONS
from .engine import recommend
from .facts import FIELDS, FIELD_SPECS, FactsError, validate_facts
from .rules import ALL_ROUTE_IDS, RULES

__all__ = [
    "recommend", "validate_facts", "FactsError", "ALL_ROUTE_IDS", "RULES", "CAUTIONS",
    "QUESTIONS", "assess", "FIELDS", "FIELD_SPECS",
]


def __getattr__(name):  # questions and staff load lazily (keep import light)
    if name == "QUESTIONS":
        from .questions import QUESTIONS
        return QUESTIONS
    if name == "assess":
        from .staff import assess
        return assess
    if name == "ALL_FINDINGS":
        from .staff import ALL_FINDINGS
        return ALL_FINDINGS
    raise AttributeError(name)
