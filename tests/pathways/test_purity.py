"""The engine is pure data and code: no web framework, every rule well formed."""
from __future__ import annotations

import re
import subprocess
import sys

from pathways import ALL_ROUTE_IDS, CAUTIONS, RULES
from pathways.rules import DEFAULT_ELIGIBILITY

from .helpers import ROOT, SHARED

REQUIRED_CAUTIONS = {"one-chance", "tech-safety", "clear-history", "forensic-window", "silent-call",
                     "leaving-is-risky", "strangulation", "confidentiality-limits", "dont-confront",
                     "children-telling", "no-mediation", "not-a-risk-assessment"}


def test_importing_pathways_never_imports_flask_or_signpost():
    code = ("import sys, pathways; bad=[m for m in sys.modules if m.split('.')[0] in ('flask','signpost')];"
            "print(bad); sys.exit(1 if bad else 0)")
    assert subprocess.run([sys.executable, "-c", code], cwd=ROOT).returncode == 0


def test_every_route_id_from_the_facts_contract_is_known():
    table = (SHARED / "facts.md").read_text(encoding="utf-8").split("## Route ids", 1)[1]
    contract_ids = set(re.findall(r"^\| `([a-z0-9-]+)` \|", table, flags=re.M))
    assert contract_ids and contract_ids == set(ALL_ROUTE_IDS)


def test_every_rule_number_exists_in_pathway_rules():
    text = (SHARED / "pathway-rules.md").read_text(encoding="utf-8")
    known = set(re.findall(r"^(R\d+)\. ", text, flags=re.M)) | set(re.findall(r"\*\*(A\d+)\.", text))
    for rule in RULES:
        assert set(rule.rules) <= known, (rule.key, rule.rules)


def test_every_numbered_rule_is_encoded_somewhere():
    text = (SHARED / "pathway-rules.md").read_text(encoding="utf-8")
    numbered = set(re.findall(r"^(R\d+)\. ", text, flags=re.M))
    from pathways import ALL_FINDINGS
    covered = {n for rule in RULES for n in rule.rules} | {n for f in ALL_FINDINGS.values() for n in f.rules}
    assert sorted(numbered - covered, key=lambda n: int(n[1:])) == []


def test_the_required_cautions_have_titles_and_full_texts():
    assert REQUIRED_CAUTIONS <= set(CAUTIONS)
    for caution in CAUTIONS.values():
        assert caution.title and len(caution.text) > 60


def test_default_age_limits_only_name_known_routes():
    assert set(DEFAULT_ELIGIBILITY) <= ALL_ROUTE_IDS
