"""The numbers every page shows come from the verified facts file and the directory."""
from __future__ import annotations

from pathlib import Path

import strictyaml

from signpost import emergency

ROOT = Path(__file__).resolve().parent.parent
FACTS = ROOT.parent / "shared" / "directory-facts.yaml"


def facts_contacts(facts_id):
    data = strictyaml.dirty_load(FACTS.read_text(encoding="utf-8"), allow_flow_style=True).data
    service = next(s for s in data["services"] if s["id"] == facts_id)
    return [(c["kind"], c["value"], c["confidence"]) for c in service.get("contacts") or []]


def test_the_helpline_on_every_page_is_the_confirmed_number_in_the_facts_file():
    assert ("phone", emergency.DA_HELPLINE_NUMBER, "confirmed") in facts_contacts("national-domestic-abuse-helpline")


def test_999_is_the_confirmed_emergency_number_in_the_facts_file():
    assert ("phone", emergency.EMERGENCY_NUMBER, "confirmed") in facts_contacts("essex-police")


def test_the_tel_link_keeps_only_the_digits():
    assert emergency.tel_href("0808 2000 247") == "tel:08082000247"
