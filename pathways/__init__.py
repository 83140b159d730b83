"""Signpost pathway engine: pure functions from facts to routes (no Flask, no I/O)."""
from .cautions import CAUTIONS
from .engine import recommend
from .facts import FIELD_SPECS, FIELDS, FactsError, validate_facts
from .questions import QUESTIONS, facts_from_answers, next_question
from .rules import ALL_ROUTE_IDS, RULES
from .staff import ALL_FINDINGS, assess

__all__ = [
    "recommend", "validate_facts", "FactsError", "ALL_ROUTE_IDS", "RULES", "CAUTIONS",
    "QUESTIONS", "assess", "ALL_FINDINGS", "FIELDS", "FIELD_SPECS", "facts_from_answers",
    "next_question",
]
