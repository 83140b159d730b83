"""The emergency numbers every page shows, even when the data layer is down (P21).

They are copied from ../shared/directory-facts.yaml (entries `essex-police`,
`silent-solution` and `national-domestic-abuse-helpline`); tests/test_emergency.py checks
them against that file and directory.yaml so they cannot drift.
"""
EMERGENCY_NUMBER = "999"
DA_HELPLINE_NAME = "National Domestic Abuse Helpline"
DA_HELPLINE_NUMBER = "0808 2000 247"


def tel_href(number: str) -> str:
    """A tel: link for a UK number as people write it."""
    return "tel:" + "".join(ch for ch in number if ch.isdigit() or ch == "+")
