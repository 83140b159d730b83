"""Load and validate directory.yaml (P12, P19).

StrictYAML's loader keeps every value a string (phone numbers byte for byte; `no` stays "no"),
and refuses duplicate keys, anchors/aliases, tags and flow style. The parsed tree carries line and
column numbers, so the schema walk below reports EVERY problem at once, each as

    directory.yaml:LINE:COL: field: message

Rich text (`offers`) is sanitised here, once, with signpost.sanitize.clean_rich_text; every other
text field must be plain text (markup is refused, not silently stripped, so the editor sees it).
"""
from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from types import MappingProxyType
from typing import Any, Iterable

from markupsafe import Markup
from strictyaml import ruamel as ruamelyaml
from strictyaml.exceptions import StrictYAMLError
from strictyaml.parser import StrictYAMLLoader
from strictyaml.ruamel.comments import CommentedMap, CommentedSeq

from signpost import sanitize
from signpost.directory import hours as hours_mod

MAX_BYTES = 2 * 1024 * 1024  # a directory of ~80 entries is ~100 kB; anything near this is a mistake

# facts.md: concern ids (`not-sure` is a pathway answer, not something a service covers).
CONCERNS = (
    "domestic-abuse", "sexual-violence", "child-sexual-abuse", "child-sexual-exploitation",
    "stalking", "honour-based-abuse", "forced-marriage", "fgm", "modern-slavery",
    "sexual-harassment", "intimate-image-abuse",
)
# facts.md: the route ids the pathway engine may return; each must have an entry.
ROUTE_IDS = (
    "emergency-999", "silent-solution", "deaf-999-access", "police-101", "police-dvpn-dvpo",
    "clares-law", "national-da-helpline", "mens-advice-line", "galop",
    "changing-pathways-outreach", "changing-pathways-idva", "changing-pathways-stalking",
    "refuge-accommodation", "marac-referral", "thurrock-housing-safeguarding", "sanctuary-scheme",
    "sericc", "oakwood-place-sarc", "rape-crisis-helpline", "survivors-uk", "sexual-health-urgent",
    "project-goldcrest", "karma-nirvana", "forced-marriage-unit", "nspcc-fgm-helpline",
    "police-101-fgm-report", "nspcc-helpline", "childline", "report-remove", "thurrock-mash",
    "adult-safeguarding", "modern-slavery-helpline", "nrm-first-responder",
    "national-stalking-helpline", "paladin", "respect-phoneline", "change-hub", "stop-it-now",
    "revenge-porn-helpline", "victim-support", "samaritans", "nhs-111", "ask-for-ani",
)
KINDS = ("emergency", "helpline", "service", "scheme", "referral-route", "information")
SCOPES = ("local", "national")
AUDIENCES = ("public", "professional")
GENDERS = ("any", "female", "male", "non-binary")
ACCESS = ("self-referral", "professional-referral", "police")
CONTACT_KINDS = ("phone", "text", "textphone", "web", "email", "chat")
CONFIDENCE = ("confirmed", "secondary", "unverified")

ID_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")
AGE_RE = re.compile(r"0|[1-9][0-9]{0,2}")
EMAIL_RE = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
# A UK number as people write it: digits in groups separated by single spaces, optionally
# starting +44; textphone relay prefixes (18001/18002) allowed in front.
PHONE_SHAPE = re.compile(r"\+?[0-9]+(?: [0-9]+)*")

SERVICE_FIELDS = {
    # name: (required, type) ; types: id, text, rich, enum, idlist, age
    "id": True, "name": True, "kind": True, "scope": True, "audience": True, "summary": True,
    "offers": False, "who_for": True, "min_age": False, "max_age": False, "genders": False,
    "area": True, "access": False, "access_notes": True, "concerns": False, "languages": False,
    "safe_contact": False, "how_else": False, "related": False, "facts_id": False,
    "contacts": False,
}
CONTACT_FIELDS = {
    "kind": True, "value": True, "label": False, "hours": False, "open": False, "source": True,
    "confidence": True, "checked": True,
}
PLAIN_TEXT_LIMITS = {
    "name": 120, "summary": 400, "who_for": 1000, "area": 200, "access_notes": 1500,
    "languages": 600, "safe_contact": 1500, "how_else": 1500, "label": 200, "hours": 300,
}
RICH_TEXT_LIMIT = 6000


class DirectoryError(Exception):
    """directory.yaml is not valid; `errors` lists every problem as `file:LINE:COL: field: message`."""

    def __init__(self, errors: list[str]):
        self.errors = list(errors)
        super().__init__("\n".join(self.errors))


# --------------------------------------------------------------------------- the data objects

def neutral_code(service_id: str) -> str:
    """The short code in a service page URL (/en/s/<code>): names neither service nor abuse type."""
    return hashlib.sha256(service_id.encode("utf-8")).hexdigest()[:8]


def phone_digits(number: str) -> str:
    return "".join(ch for ch in number if ch.isdigit() or ch == "+")


@dataclass(frozen=True)
class Contact:
    kind: str
    value: str
    label: str = ""
    hours: str = ""
    open: str = ""
    source: str = ""
    confidence: str = "unverified"
    checked: str = ""

    @property
    def public(self) -> bool:
        """Unverified contacts are never shown to the public (DESIGN 3)."""
        return self.confidence != "unverified"

    @property
    def href(self) -> str:
        """A link for the contact: tel:, sms:, mailto: or the https: address itself."""
        if self.kind in ("phone", "textphone"):
            return "tel:" + phone_digits(self.value)
        if self.kind == "text":
            return "sms:" + phone_digits(self.value)
        if self.kind == "email":
            return "mailto:" + self.value
        if self.value.startswith("https://"):
            return self.value
        return ""  # a chat described in words: no link

    @property
    def in_words(self) -> bool:
        """A chat described in words ("Live chat via www.example.org.uk"): English text with no
        link, translated like the other texts (the loader accepts no other kind without one)."""
        return described_in_words(self.kind, self.value)

    @property
    def source_href(self) -> str:
        """The source as a link target, only when it is an https address ("" otherwise)."""
        return self.source if self.source.startswith("https://") else ""

    @property
    def is_link(self) -> bool:
        """True for a web address (web, or chat given as an address)."""
        return self.kind in ("web", "chat") and self.value.startswith("https://")

    @property
    def checked_date(self) -> date | None:
        try:
            return date.fromisoformat(self.checked)
        except ValueError:
            return None

    def is_stale(self, today: date, days: int) -> bool:
        checked = self.checked_date
        return checked is None or checked < today - timedelta(days=days)

    def is_open(self, now) -> bool | None:
        """True/False from the machine-readable hours, or None when they are not given."""
        return hours_mod.is_open(self.open or None, now)


@dataclass(frozen=True)
class Service:
    id: str
    name: str
    kind: str
    scope: str
    audience: str
    summary: str
    who_for: str
    area: str
    access_notes: str
    offers: str = ""              # sanitised HTML (clean_rich_text), safe to render
    min_age: str = "0"
    max_age: str = "120"
    genders: tuple[str, ...] = ("any",)
    access: tuple[str, ...] = ()
    concerns: tuple[str, ...] = ()
    languages: str = ""
    safe_contact: str = ""
    how_else: str = ""
    related: tuple[str, ...] = ()
    facts_id: str = ""
    contacts: tuple[Contact, ...] = ()

    @property
    def code(self) -> str:
        return neutral_code(self.id)

    @property
    def public_contacts(self) -> tuple[Contact, ...]:
        return tuple(c for c in self.contacts if c.public)

    @property
    def offers_html(self) -> Markup:
        """The rich text, already sanitised by nh3 at load: the one directory field to render as HTML."""
        return Markup(self.offers)

    @property
    def age_range(self) -> tuple[int, int]:
        return int(self.min_age), int(self.max_age)

    @property
    def is_professional(self) -> bool:
        return self.audience == "professional"

    @property
    def last_checked(self) -> str:
        """The most recent check date of its public contacts ("" if none)."""
        return max((c.checked for c in self.public_contacts), default="")

    def is_stale(self, today: date, days: int) -> bool:
        """True when any public contact was last checked more than `days` days before `today`."""
        return any(c.is_stale(today, days) for c in self.public_contacts)

    def serves_age(self, age: int) -> bool:
        low, high = self.age_range
        return low <= age <= high


@dataclass(frozen=True)
class Directory:
    """A validated directory.yaml: its services in file order and its data version."""

    version: str                  # sha256 of the file's bytes
    services: tuple[Service, ...]

    @property
    def by_id(self):
        return MappingProxyType({s.id: s for s in self.services})


# --------------------------------------------------------------------------- loading

def default_path() -> Path:
    try:
        from flask import current_app
        return Path(current_app.config["DIRECTORY_PATH"])
    except RuntimeError:
        from signpost import config
        return Path(config.load()["DIRECTORY_PATH"])


def display_name(path: Path | str) -> str:
    """The file name as messages show it: relative to the working directory when inside it."""
    path = Path(path)
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError):
        return str(path)


def read_bytes(path: Path | str, label: str) -> bytes:
    try:
        size = os.stat(path).st_size
        if size > MAX_BYTES:
            raise DirectoryError([f"{label}:1:1: file: is {size} bytes; the limit is {MAX_BYTES} "
                                  f"bytes (is this the right file?)"])
        with open(path, "rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise DirectoryError([f"{label}:1:1: file: not found"]) from None
    except IsADirectoryError:
        raise DirectoryError([f"{label}:1:1: file: is a directory, not a YAML file"]) from None
    except PermissionError:
        raise DirectoryError([f"{label}:1:1: file: cannot be read (permission denied)"]) from None
    if len(data) > MAX_BYTES:
        raise DirectoryError([f"{label}:1:1: file: is larger than the {MAX_BYTES}-byte limit"])
    return data


def load_directory(path: Path | str | None = None, *, label: str | None = None) -> Directory:
    """Read, parse and validate directory.yaml; raise DirectoryError listing every problem."""
    path = Path(path) if path is not None else default_path()
    label = label or display_name(path)
    return parse_directory(read_bytes(path, label), label=label)


def check_file(path: Path | str | None = None, *, label: str | None = None) -> list[str]:
    """Every problem in a directory file (empty when it is valid)."""
    try:
        load_directory(path, label=label)
    except DirectoryError as exc:
        return exc.errors
    return []


class _Loader(StrictYAMLLoader):
    label = "directory.yaml"
    allow_flow_style = False


def parse_directory(data: bytes | str, *, label: str = "directory.yaml") -> Directory:
    """Validate the bytes of a directory file; raise DirectoryError listing every problem."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    if len(raw) > MAX_BYTES:
        raise DirectoryError([f"{label}:1:1: file: is larger than the {MAX_BYTES}-byte limit"])
    version = hashlib.sha256(raw).hexdigest()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[:exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise DirectoryError([f"{label}:{line}:{col}: file: is not UTF-8 text"]) from None
    if text.startswith("\ufeff"):
        text = text[1:]
    controls = [_control_message(text, m.start(), label) for m in _CONTROL_CHARS.finditer(text)]
    if controls:
        raise DirectoryError(controls[:50])
    tree = _parse_yaml(text, label)
    services = Validator(label).validate(tree)
    return Directory(version=version, services=services)


# Control characters (tab, newline and carriage return aside) never belong in the file; YAML
# would refuse some and silently turn others (NEL) into line breaks.
_CONTROL_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029]")


def _line_col(text: str, index: int) -> tuple[int, int]:
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def _control_message(text: str, index: int, label: str) -> str:
    line, col = _line_col(text, index)
    return f"{label}:{line}:{col}: text: control character U+{ord(text[index]):04X} is not allowed"


def _parse_yaml(text: str, label: str):
    loader = type("DirectoryLoader", (_Loader,), {"label": label})
    try:
        return ruamelyaml.load(text, Loader=loader)
    except (StrictYAMLError, ruamelyaml.YAMLError) as exc:
        raise DirectoryError([_yaml_error_message(exc, label, text)]) from None
    except RecursionError:
        raise DirectoryError([f"{label}:1:1: file: is nested too deeply to be a directory"]) from None
    except MemoryError:
        raise DirectoryError([f"{label}:1:1: file: needs too much memory to read"]) from None


_YAML_ERROR_NAMES = {
    "DuplicateKeysDisallowed": "duplicate key",
    "AnchorTokenDisallowed": "anchors and aliases (& and *) are not allowed",
    "TagTokenDisallowed": "tags (!!) are not allowed",
    "FlowMappingDisallowed": "flow style like [a, b] or {a: b} is not allowed: write a block list "
                             "(one '- item' per line)",
}


def _yaml_error_message(exc: Exception, label: str, text: str = "") -> str:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line = (mark.line + 1) if mark is not None else 1
    col = (mark.column + 1) if mark is not None else 1
    if mark is None and isinstance(getattr(exc, "position", None), int):  # a reader error
        line, col = _line_col(text, exc.position)
    name = type(exc).__name__
    what = _YAML_ERROR_NAMES.get(name)
    problem = " ".join(str(getattr(exc, "problem", "") or "").split())
    context = " ".join(str(getattr(exc, "context", "") or "").split())
    if what is None:
        what = "; ".join(p for p in (context, problem) if p) or "is not valid YAML"
    elif name == "DuplicateKeysDisallowed" and problem:
        what = problem[0].lower() + problem[1:]
    return f"{label}:{line}:{col}: yaml: {what}"


# --------------------------------------------------------------------------- validation

@dataclass
class _Where:
    line: int
    col: int


def _pos(node, key=None, index=None, value=True) -> _Where:
    """1-based line and column of a key/value in a map or an item in a list."""
    try:
        if key is not None and isinstance(node, CommentedMap):
            line, col = node.lc.value(key) if value else node.lc.key(key)
        elif index is not None and isinstance(node, CommentedSeq):
            line, col = node.lc.item(index)
        else:
            line, col = node.lc.line, node.lc.col
        return _Where(line + 1, col + 1)
    except (AttributeError, KeyError, TypeError, IndexError):
        return _Where(1, 1)


def _line_of(message: str) -> int:
    """The line number in a `file:LINE:COL: ...` message (for sorting; stable otherwise)."""
    match = re.search(r":(\d+):\d+: ", message)
    return int(match.group(1)) if match else 0


def _kind_of(value) -> str:
    if isinstance(value, CommentedMap):
        return "a mapping"
    if isinstance(value, CommentedSeq):
        return "a list"
    return "text"


@dataclass
class Validator:
    label: str
    errors: list[str] = field(default_factory=list)

    def error(self, where: _Where, path: str, message: str) -> None:
        self.errors.append(f"{self.label}:{where.line}:{where.col}: {path}: {message}")

    # -- entry point
    def validate(self, tree) -> tuple[Service, ...]:
        if not isinstance(tree, CommentedMap):
            self.error(_Where(1, 1), "services", "the file must be a mapping with a 'services:' list")
            raise DirectoryError(self.errors)
        for key in tree:
            if key != "services":
                self.error(_pos(tree, key, value=False), str(key), "unknown top-level key "
                           "(only 'services' is allowed)")
        services_node = tree.get("services")
        if not isinstance(services_node, CommentedSeq):
            where = _pos(tree, "services") if "services" in tree else _Where(1, 1)
            self.error(where, "services", "must be a list of entries ('- id: ...')")
            raise DirectoryError(self.errors)

        entries: list[tuple[Service | None, CommentedMap | None, _Where]] = []
        for i, node in enumerate(services_node):
            where = _pos(services_node, index=i)
            path = f"services[{i}]"
            if not isinstance(node, CommentedMap):
                self.error(where, path, f"must be a mapping of fields, found {_kind_of(node)}")
                entries.append((None, None, where))
                continue
            entries.append((self.service(node, path, where), node, where))

        self.cross_checks(entries, tree)
        if self.errors:
            raise DirectoryError(sorted(self.errors, key=_line_of))
        return tuple(s for s, _, _ in entries if s is not None)

    # -- one service
    def service(self, node: CommentedMap, path: str, where: _Where) -> Service | None:
        start = len(self.errors)
        self.unknown_and_missing(node, SERVICE_FIELDS, path, where)
        values: dict[str, Any] = {}
        for key in SERVICE_FIELDS:
            if key not in node:
                continue
            value = node[key]
            fpath = f"{path}.{key}"
            if key == "contacts":
                values[key] = self.contacts(node, value, fpath)
            elif key in ("genders", "access", "concerns", "related"):
                values[key] = self.id_list(node, key, value, fpath)
            else:
                values[key] = self.scalar_field(node, key, value, fpath)
        if len(self.errors) > start:
            return None
        defaults = {"min_age": "0", "max_age": "120", "genders": ("any",)}
        for key, default in defaults.items():
            values.setdefault(key, default)
        low, high = int(values["min_age"]), int(values["max_age"])
        if low > high:
            self.error(_pos(node, "min_age" if "min_age" in node else "max_age"), f"{path}.min_age",
                       f"min_age {low} is above max_age {high}")
        contacts = values.get("contacts", ())
        if not any(c.public for c in contacts) and not values.get("how_else"):
            self.error(_pos(node, "contacts") if "contacts" in node else where, f"{path}.how_else",
                       "is required when the entry has no confirmed or secondary contact: "
                       "say how to reach it another way")
        if len(self.errors) > start:
            return None
        return Service(**values)

    def unknown_and_missing(self, node: CommentedMap, fields: dict, path: str, where: _Where):
        for key in node:
            if key not in fields:
                self.error(_pos(node, key, value=False), f"{path}.{key}",
                           f"unknown field (allowed: {', '.join(fields)})")
        for key, required in fields.items():
            if required and key not in node:
                self.error(where, f"{path}.{key}", "is required")

    def text(self, node, key, value, path, *, index=None) -> str | None:
        """A scalar string with no control characters; None (after an error) otherwise."""
        where = _pos(node, index=index) if index is not None else _pos(node, key)
        if not isinstance(value, str):
            self.error(where, path, f"must be text, found {_kind_of(value)}")
            return None
        bad = sanitize.find_bad_chars(value)
        if bad:
            names = ", ".join(sorted({f"U+{ord(ch):04X}" for _, ch in bad}))
            self.error(where, path, f"contains bidirectional, invisible or control characters "
                                    f"({names})")
            return None
        return value

    def scalar_field(self, node, key, value, path):
        raw = self.text(node, key, value, path)
        if raw is None:
            return None
        where = _pos(node, key)
        if key in ("id", "facts_id"):
            return self.identifier(where, path, raw)
        if key == "kind":
            return self.enum(where, path, raw, KINDS)
        if key == "scope":
            return self.enum(where, path, raw, SCOPES)
        if key == "audience":
            return self.enum(where, path, raw, AUDIENCES)
        if key in ("min_age", "max_age"):
            if not AGE_RE.fullmatch(raw) or int(raw) > 120:
                self.error(where, path, f"{raw!r} is not a whole number of years from 0 to 120")
                return None
            return raw
        if key == "offers":
            return self.rich_text(where, path, raw)
        return self.plain_text(where, path, raw, PLAIN_TEXT_LIMITS.get(key, 1500))

    def identifier(self, where, path, raw: str) -> str | None:
        if not ID_RE.fullmatch(raw) or len(raw) > 64:
            self.error(where, path, f"{raw!r} is not a kebab-case id (a-z, 0-9 and single hyphens, "
                                    f"at most 64 characters)")
            return None
        return raw

    def enum(self, where, path, raw: str, choices: Iterable[str]) -> str | None:
        if raw not in choices:
            self.error(where, path, f"{raw!r} is not one of: {', '.join(choices)}")
            return None
        return raw

    def plain_text(self, where, path, raw: str, limit: int) -> str | None:
        value = " ".join(raw.split()) if "\n" in raw.strip() else raw.strip()
        if not value:
            self.error(where, path, "is empty")
            return None
        problems = sanitize.plain_text_problems(value)
        for problem in problems:
            self.error(where, path, problem)
        if len(value) > limit:
            self.error(where, path, f"is {len(value)} characters long; the limit is {limit}")
            return None
        return None if problems else value

    def rich_text(self, where, path, raw: str) -> str | None:
        value = raw.strip()
        if not value:
            self.error(where, path, "is empty")
            return None
        problems = sanitize.rich_text_problems(value)
        for problem in problems:
            self.error(where, path, problem)
        if len(value) > RICH_TEXT_LIMIT:
            self.error(where, path, f"is {len(value)} characters long; the limit is {RICH_TEXT_LIMIT}")
            return None
        return None if problems else sanitize.clean_rich_text(value)

    def id_list(self, node, key, value, path) -> tuple[str, ...] | None:
        where = _pos(node, key)
        if not isinstance(value, CommentedSeq):
            self.error(where, path, f"must be a list ('- item' on its own line), found {_kind_of(value)}")
            return None
        choices = {"genders": GENDERS, "access": ACCESS, "concerns": CONCERNS}.get(key)
        items: list[str] = []
        ok = True
        for i, item in enumerate(value):
            ipath = f"{path}[{i}]"
            iwhere = _pos(value, index=i)
            raw = self.text(value, None, item, ipath, index=i)
            if raw is None:
                ok = False
                continue
            if choices is not None:
                if raw not in choices:
                    self.error(iwhere, ipath, f"{raw!r} is not one of: {', '.join(choices)}")
                    ok = False
                    continue
            elif self.identifier(iwhere, ipath, raw) is None:
                ok = False
                continue
            if raw in items:
                self.error(iwhere, ipath, f"{raw!r} is listed twice")
                ok = False
                continue
            items.append(raw)
        if key == "genders" and "any" in items and len(items) > 1:
            self.error(where, path, "'any' cannot be combined with other genders")
            ok = False
        if not items and ok:
            self.error(where, path, "is an empty list (leave the field out instead)")
            ok = False
        return tuple(items) if ok else None

    # -- contacts
    def contacts(self, node, value, path) -> tuple[Contact, ...] | None:
        if not isinstance(value, CommentedSeq):
            self.error(_pos(node, "contacts"), path, f"must be a list of contacts, found {_kind_of(value)}")
            return None
        found: list[Contact] = []
        ok = True
        for i, item in enumerate(value):
            where = _pos(value, index=i)
            cpath = f"{path}[{i}]"
            if not isinstance(item, CommentedMap):
                self.error(where, cpath, f"must be a mapping (kind, value, source...), found {_kind_of(item)}")
                ok = False
                continue
            contact = self.contact(item, cpath, where)
            if contact is None:
                ok = False
            else:
                found.append(contact)
        return tuple(found) if ok else None

    def contact(self, node: CommentedMap, path: str, where: _Where) -> Contact | None:
        start = len(self.errors)
        self.unknown_and_missing(node, CONTACT_FIELDS, path, where)
        values: dict[str, str] = {}
        for key in CONTACT_FIELDS:
            if key not in node:
                continue
            fpath = f"{path}.{key}"
            raw = self.text(node, key, node[key], fpath)
            if raw is None:
                continue
            fwhere = _pos(node, key)
            if key == "kind":
                checked = self.enum(fwhere, fpath, raw, CONTACT_KINDS)
            elif key == "confidence":
                checked = self.enum(fwhere, fpath, raw, CONFIDENCE)
            elif key == "value":
                checked = raw  # checked below, once the kind is known; never altered
            elif key == "source":
                checked = raw
                if not is_source(raw):
                    self.error(fwhere, fpath, f"{raw!r} is not the http(s):// address of the page "
                                              f"it was read on (or 'none', for unverified contacts)")
                    checked = None
            elif key == "checked":
                checked = self.check_date(fwhere, fpath, raw)
            elif key == "open":
                try:
                    hours_mod.parse_open(raw)
                    checked = raw
                except hours_mod.HoursError as exc:
                    self.error(fwhere, fpath, f"{exc} (write 24/7 or e.g. mon-fri 09:00-17:00; "
                                              f"sat 10:00-13:00)")
                    checked = None
            else:
                checked = self.plain_text(fwhere, fpath, raw, PLAIN_TEXT_LIMITS.get(key, 300))
            if checked is not None:
                values[key] = checked
        if "value" in values and values.get("kind"):
            message = contact_value_problem(values["kind"], values["value"])
            if message:
                self.error(_pos(node, "value"), f"{path}.value", message)
        if NONE_SOURCE.fullmatch(values.get("source", "-")) and \
                values.get("confidence") in ("confirmed", "secondary"):
            self.error(_pos(node, "source"), f"{path}.source",
                       "a confirmed or secondary contact needs the https:// page it was read on")
        if len(self.errors) > start:
            return None
        return Contact(**values)

    def check_date(self, where, path, raw: str) -> str | None:
        try:
            if not DATE_RE.fullmatch(raw):
                raise ValueError
            parsed = date.fromisoformat(raw)
        except ValueError:
            self.error(where, path, f"{raw!r} is not a date like 2026-11-21")
            return None
        if parsed.year < 2000:
            self.error(where, path, f"{raw!r} is too long ago to be a real check date")
            return None
        return raw

    # -- across entries
    def cross_checks(self, entries, tree) -> None:
        first_seen: dict[str, _Where] = {}
        codes: dict[str, str] = {}
        for i, (_, node, _) in enumerate(entries):
            if node is None or not isinstance(node.get("id"), str):
                continue
            sid = node["id"]
            if sid in first_seen:
                first = first_seen[sid]
                self.error(_pos(node, "id"), f"services[{i}].id",
                           f"duplicate id {sid!r} (first used on line {first.line})")
                continue
            first_seen[sid] = _pos(node, "id")
            code = neutral_code(sid)
            if code in codes and codes[code] != sid:
                self.error(_pos(node, "id"), f"services[{i}].id", f"{sid!r} has the same page code as "
                           f"{codes[code]!r}; choose another id")
            codes[code] = sid
        for i, (_, node, _) in enumerate(entries):
            if node is None:
                continue
            related = node.get("related")
            if isinstance(related, CommentedSeq):
                own = node.get("id")
                for j, item in enumerate(related):
                    if not isinstance(item, str) or not ID_RE.fullmatch(item):
                        continue  # already reported
                    if item == own:
                        self.error(_pos(related, index=j), f"services[{i}].related[{j}]",
                                   "an entry cannot be related to itself")
                    elif item not in first_seen:
                        self.error(_pos(related, index=j), f"services[{i}].related[{j}]",
                                   f"{item!r} is not the id of any entry")
        services_where = _pos(tree, "services", value=False)
        for route in ROUTE_IDS:
            if route not in first_seen:
                self.error(services_where, "services", f"no entry with the route id {route!r} "
                           f"(facts.md: the pathway can recommend it)")


NONE_SOURCE = re.compile(r"none(?: \([^()<>]{1,300}\))?")


def is_source(value: str) -> bool:
    """Provenance: the page a contact was read on. Old pages were often http://, and the
    address is kept as read (it is shown as text; only https sources become links)."""
    if NONE_SOURCE.fullmatch(value):
        return True
    if value.startswith("http://"):
        return sanitize.is_safe_url("https://" + value[len("http://"):])
    return value.startswith("https://") and sanitize.is_safe_url(value)


def phone_problem(value: str) -> str | None:
    """Why `value` is not a UK phone number as people write it (None when it is)."""
    number = value
    if re.match(r"1800[12] ", number):  # Relay UK prefix for textphones
        number = number[6:]
    if not PHONE_SHAPE.fullmatch(number):
        return (f"{value!r} is not a phone number: digits in groups separated by single spaces, "
                f"e.g. 0808 2000 247, 116 123 or +44 20 7946 0000 (no letters, dots or notes: "
                f"put notes in label or hours)")
    digits = number.replace(" ", "")
    if digits.startswith("+"):
        if not digits.startswith("+44"):
            return f"{value!r}: only UK numbers (+44) are accepted"
        rest = digits[3:]
        if rest.startswith("0") or not 9 <= len(rest) <= 10:
            return f"{value!r} is not a UK number in +44 form (e.g. +44 20 7946 0000)"
        return None
    if digits.startswith("0"):
        if not 8 <= len(digits) <= 11 or digits.startswith("00"):
            return f"{value!r} has {len(digits)} digits; a UK number starting 0 has 8 to 11"
        return None
    if not 3 <= len(digits) <= 6:
        return (f"{value!r} is neither a full number starting 0 or +44 nor a short code "
                f"(3 to 6 digits, e.g. 999, 101, 116 123)")
    return None


def described_in_words(kind: str, value: str) -> bool:
    """A contact whose value is words, not a number or an address: only a chat may be."""
    return kind == "chat" and not value.startswith("https://")


def contact_value_problem(kind: str, value: str) -> str | None:
    if kind in ("phone", "textphone", "text"):
        return phone_problem(value)
    if kind == "chat" and not value.startswith(("http:", "https:")) and ":" not in value.split(" ")[0]:
        # A chat named in words ("Live chat via www.example.org.uk"): shown as text, not a link.
        problems = sanitize.plain_text_problems(value)
        return problems[0] if problems else None
    if kind in ("web", "chat"):
        if not (value.startswith("https://") and sanitize.is_safe_url(value)):
            return f"{value!r} is not an https:// address"
        return None
    if kind == "email":
        if not EMAIL_RE.fullmatch(value) or not sanitize.is_safe_url("mailto:" + value):
            return f"{value!r} is not an email address"
        return None
    return None
