"""Every literal string a template passes to _() is in messages.pot, whatever folder it is in.

Babel skips folders whose names start with '_' unless told otherwise; templates/_macros and
templates/_chrome hold words every visitor reads.
"""
from __future__ import annotations

import re
from pathlib import Path

from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
LITERAL = re.compile(r"""_\(\s*"((?:[^"\\]|\\.)*)"\s*[,)]""")


def test_every_literal_msgid_in_every_template_folder_reaches_the_catalog():
    with open(ROOT / "translations" / "messages.pot", "rb") as f:
        catalog = read_po(f)
    known = {m.id for m in catalog if isinstance(m.id, str)}
    folders = set()
    missing = []
    for path in sorted((ROOT / "templates").rglob("*.html")):
        folders.add(path.parent.name)
        for match in LITERAL.finditer(path.read_text(encoding="utf-8")):
            msgid = match.group(1).replace('\\"', '"')
            if msgid not in known:
                missing.append(f"{path.relative_to(ROOT)}: {msgid!r}")
    assert {"_macros", "_chrome"} <= folders
    assert not missing, "\n".join(missing)
