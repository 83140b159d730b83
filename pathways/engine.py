"""The pathway engine: facts -> recommendation. Pure, deterministic, no I/O."""
from __future__ import annotations

import re
from collections.abc import Mapping

from .cautions import CAUTION_ORDER
from .rules import (
    ALL_ROUTE_IDS, DEFAULT_ELIGIBILITY, EMERGENCY_ROUTES, LAST_RESORT, LAST_RESORT_REASON,
    PRIORITIES, ROUTE_ORDER, RULES, VICTIM_ONLY_ROUTES, Rule,
)

_RANK = {p: i for i, p in enumerate(PRIORITIES)}
_POS = {r: i for i, r in enumerate(ROUTE_ORDER)}


def _rule_key(number: str) -> tuple:
    m = re.fullmatch(r"([A-Z]+)(\d+)", number)
    return (m.group(1), int(m.group(2))) if m else (number, 0)


class Eligibility(dict):
    """Route id -> (min_age, max_age, genders), already normalised (see prepare_eligibility)."""


def prepare_eligibility(eligibility) -> Eligibility:
    """Normalise an eligibility table once, so a caller that keeps it (one per directory
    version) does not pay for it on every recommendation."""
    return Eligibility(_normalise_eligibility(eligibility))


def _normalise_eligibility(eligibility) -> dict[str, tuple[int, int, tuple[str, ...]]]:
    if isinstance(eligibility, Eligibility):
        return eligibility
    out = {}
    for route, spec in eligibility.items():
        spec = tuple(spec)
        lo = int(spec[0]) if len(spec) > 0 and spec[0] is not None else 0
        hi = int(spec[1]) if len(spec) > 1 and spec[1] is not None else 120
        genders = tuple(spec[2]) if len(spec) > 2 and spec[2] else ("any",)
        out[route] = (lo, hi, genders)
    return out


class _Builder:
    """Collects routes from rules, merging by id (highest priority wins)."""

    def __init__(self, facts: dict):
        self.facts = facts
        self.role = facts.get("role")
        self.routes: dict[str, dict] = {}
        self.about: dict[str, set[str]] = {}
        self.cautions: set[str] = set()

    def add(self, rule: Rule) -> None:
        self.cautions.update(rule.cautions)
        reason = rule.reason.for_role(self.role) if rule.reason else None
        for route, priority in rule.routes:
            self.add_route(route, priority, reason, rule.rules, rule.about)

    def add_route(self, route, priority, reason, rules, about) -> None:
        entry = self.routes.setdefault(route, {"id": route, "priority": priority, "reasons": [], "rules": set()})
        if _RANK[priority] < _RANK[entry["priority"]]:
            entry["priority"] = priority
        if reason and reason not in entry["reasons"]:
            entry["reasons"].append(reason)
        entry["rules"].update(rules)
        self.about.setdefault(route, set()).add(about)

    def has_support_route(self) -> bool:
        return any(r not in EMERGENCY_ROUTES for r in self.routes)


def _eligible(route: str, about: set[str], facts: dict, table) -> bool:
    """Is the route open to the person it is for? (unknown age/gender: yes)."""
    if route not in table or "person" not in about or about - {"person"}:
        # Routes for children in the home or for the helper are not checked
        # against the harmed person's age.
        return True
    lo, hi, genders = table[route]
    age = facts.get("age")
    if age is not None and not (lo <= age <= hi):
        return False
    gender = facts.get("gender")
    # For own-behaviour the gender is the harmed person's, not the asker's.
    if (gender is not None and facts.get("role") != "own-behaviour"
            and "any" not in genders and gender not in genders):
        return False
    return True


def recommend(facts: Mapping, eligibility: Mapping | None = None) -> dict:
    """Return {"routes": [...], "cautions": [...]} for validated facts.

    ``eligibility`` maps route id -> (min_age, max_age[, genders]) from the
    directory; routes outside the known age (or gender) are dropped. Without
    it, the age limits stated in pathway-rules.md are used.
    """
    facts = dict(facts)
    table = _normalise_eligibility(eligibility if eligibility is not None else DEFAULT_ELIGIBILITY)
    own = facts.get("role") == "own-behaviour"

    def allowed(route: str, about: set[str]) -> bool:
        if own and route in VICTIM_ONLY_ROUTES:
            return False
        return _eligible(route, about, facts, table)

    def apply(rules) -> _Builder:
        b = _Builder(facts)
        for rule in rules:
            if rule.when(facts):
                b.add(rule)
        return b

    built = apply(r for r in RULES if not r.fallback)
    kept = {rid: e for rid, e in built.routes.items() if allowed(rid, built.about[rid])}
    cautions = set(built.cautions)

    if not any(r not in EMERGENCY_ROUTES for r in kept):
        fb = apply(r for r in RULES if r.fallback)
        cautions |= fb.cautions
        for rid, e in fb.routes.items():
            if allowed(rid, fb.about[rid]) and rid not in kept:
                kept[rid] = e
    if not any(r not in EMERGENCY_ROUTES for r in kept):
        reason = LAST_RESORT_REASON.for_role(facts.get("role"))
        for rid, priority in LAST_RESORT:
            kept.setdefault(rid, {"id": rid, "priority": priority, "reasons": [reason], "rules": set()})

    routes = sorted(kept.values(), key=lambda e: (_RANK[e["priority"]], _POS[e["id"]]))
    out_routes = [
        {"id": e["id"], "priority": e["priority"], "reasons": list(e["reasons"]),
         "rules": sorted(e["rules"], key=_rule_key)}
        for e in routes
    ]
    assert all(r["id"] in ALL_ROUTE_IDS for r in out_routes)
    return {"routes": out_routes, "cautions": [c for c in CAUTION_ORDER if c in cautions]}
