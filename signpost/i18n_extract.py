"""Babel extractors for English text that does not live in a gettext call.

* ``extract_directory_yaml``: every visitor-facing text field of every service in
  directory.yaml (never names, numbers, URLs or ids), each with a ``Translators:`` comment
  that names the service, so a translator knows what they are translating.
* ``extract_pathways``: the pathway engine's data (questions, rule reasons, cautions, staff
  findings), read by importing the ``pathways`` package. The engine is pure data and never
  imports Flask, so importing it here is cheap and safe; anything not written yet is skipped.

Both follow Babel's extractor protocol: ``(fileobj, keywords, comment_tags, options)`` ->
``(lineno, funcname, message, comments)``.
"""
from __future__ import annotations

import dataclasses
import importlib
import pkgutil
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path

# --------------------------------------------------------------------------- directory.yaml

# Service fields a visitor reads, and how a translator should understand each one.
SERVICE_TEXT_FIELDS: dict[str, str] = {
    "summary": "the one-sentence summary of the service '{name}'",
    "offers": "what the service '{name}' offers (keep any HTML tags exactly as they are)",
    "who_for": "who the service '{name}' is for",
    "area": "the area the service '{name}' covers (place names: keep or transliterate)",
    "access_notes": "how to contact or be referred to the service '{name}'",
    "languages": "the languages the service '{name}' works in",
    "safe_contact": "how safe it is to contact the service '{name}' (phone bills, call-backs, BSL...)",
    "how_else": "another way to reach the service '{name}'",
}
CONTACT_TEXT_FIELDS: dict[str, str] = {
    "label": "a short label for a {kind} contact of the service '{name}' (do not translate numbers)",
    "hours": "the opening hours of a {kind} contact of the service '{name}' (keep times and days exact)",
}
# A chat with no address of its own is described in words; a translator keeps any web address.
CHAT_IN_WORDS = ("a chat contact of the service '{name}', described in words "
                 "(keep any web address exactly as it is)")


RICH_TEXT_FIELDS = frozenset({"offers"})


def normalise_text(value: str, field: str = "") -> str:
    """The msgid the app looks up: the text exactly as the directory loader stores it.

    Plain text: outer whitespace removed, and a folded multi-line value joined with single
    spaces. Rich text (`offers`): stripped and sanitised with nh3, as the loader does, so the
    msgid is the very HTML the page renders. Keep in step with signpost/directory/loader.py
    (tests/i18n check that every loaded service text is in messages.pot).
    """
    if field in RICH_TEXT_FIELDS:
        value = value.strip()
        try:
            from signpost.sanitize import clean_rich_text
        except ImportError:
            return value
        return clean_rich_text(value)
    return " ".join(value.split()) if "\n" in value.strip() else value.strip()


def _load_yaml(text: str):
    """Parse with StrictYAML's own loader and no schema: every scalar stays a string.

    (strictyaml.dirty_load's node API takes minutes on a 3,000-line file; its loader,
    which the directory loader uses too, takes well under a second.)
    """
    from strictyaml import ruamel as ruamelyaml
    from strictyaml.parser import StrictYAMLLoader

    loader = type("I18nDirectoryLoader", (StrictYAMLLoader,), {"allow_flow_style": True, "label": "directory.yaml"})
    return ruamelyaml.load(text, Loader=loader)


def _line(mapping, key) -> int:
    try:
        return mapping.lc.value(key)[0] + 1
    except Exception:  # noqa: BLE001 - a line number is a nicety
        return 1


def _texts(mapping, fields: dict, context_args: dict) -> Iterator[tuple]:
    for field, context in fields.items():
        value = mapping.get(field)
        if not isinstance(value, str):
            continue
        message = normalise_text(value, field)
        if message:
            yield (_line(mapping, field), None, message,
                   [f"Translators: {context.format(**context_args)}"])


def _described_in_words(kind: str, value: str) -> bool:
    try:
        from signpost.directory.loader import described_in_words
    except ImportError:  # extraction outside the project: nothing is in words
        return False
    return described_in_words(kind, value)


def extract_directory_yaml(fileobj, keywords, comment_tags, options) -> Iterator[tuple]:
    """Yield each translatable text of directory.yaml with a Translators: comment."""
    raw = fileobj.read()
    text = raw.decode("utf-8-sig") if isinstance(raw, bytes) else raw
    document = _load_yaml(text)
    if not isinstance(document, Mapping) or not isinstance(document.get("services"), list):
        return
    for service in document["services"]:
        if not isinstance(service, Mapping):
            continue
        name = service.get("name") if isinstance(service.get("name"), str) else service.get("id", "?")
        name = " ".join(str(name).split())
        yield from _texts(service, SERVICE_TEXT_FIELDS, {"name": name})
        contacts = service.get("contacts")
        if not isinstance(contacts, list):
            continue
        for contact in contacts:
            if isinstance(contact, Mapping):
                kind = contact.get("kind") if isinstance(contact.get("kind"), str) else "contact"
                yield from _texts(contact, CONTACT_TEXT_FIELDS, {"kind": kind, "name": name})
                value = contact.get("value")
                if isinstance(value, str) and _described_in_words(kind, value.strip()):
                    yield from _texts(contact, {"value": CHAT_IN_WORDS}, {"name": name})


# --------------------------------------------------------------------------- pathways data

# Top-level names in pathways modules that hold visitor- or staff-facing English, and what
# they are. Anything else in the package is code, not text.
PATHWAY_COLLECTIONS: dict[str, str] = {
    "QUESTIONS": "a question in the 'Answer a few questions' flow",
    "QUESTION_PAGES": "a question in the 'Answer a few questions' flow",
    "RULES": "a reason shown under a suggested service (why it is suggested)",
    "REASONS": "a reason shown under a suggested service (why it is suggested)",
    "CAUTIONS": "a safety caution shown with the results",
    "ROUTE_NOTES": "a note shown with a suggested service",
    "STAFF_FINDINGS": "a finding shown to a professional in the staff tool",
    "FINDINGS": "a finding shown to a professional in the staff tool",
    "STAFF_QUESTIONS": "a question in the staff tool",
    "CHOICE_LABELS": "an answer option in the questions",
    "LABELS": "a label shown in the questions",
}

# Fields of a data record (dataclass or dict) that hold English text for people to read.
PATHWAY_TEXT_FIELDS: dict[str, str] = {
    "title": "title", "heading": "heading", "text": "full text", "body": "text",
    "question": "question", "prompt": "question", "legend": "question",
    "hint": "hint under the question", "help": "help text", "help_text": "help text",
    "label": "label", "labels": "label", "short": "short label",
    "reason": "reason", "reasons": "reason", "why": "why it matters",
    "caution": "caution", "note": "note", "notes": "note",
    "finding": "finding", "findings": "finding", "summary": "summary",
    "description": "description", "explanation": "explanation", "action": "what to do",
    "actions": "what to do", "advice": "advice", "error": "error message",
    "choices": "answer option", "options": "answer option", "answers": "answer option",
    "yes_label": "answer option", "no_label": "answer option",
    "staff_note": "note for professionals", "public": "text", "staff": "text for professionals",
}
# Never text, whatever they contain.
PATHWAY_SKIP_FIELDS = frozenset({
    "id", "ids", "key", "name", "field", "fact", "facts", "kind", "type", "value", "values",
    "source", "sources", "rule", "rules", "number", "numbers", "route", "routes", "priority",
    "when", "condition", "conditions", "concern", "concerns", "requires", "next", "show_if",
    "url", "href", "phone", "order", "min", "max", "default", "widget", "multiple",
})

PATHWAY_MODULES_FIRST = ("questions", "rules", "cautions", "staff", "findings", "engine")


def _is_text(value: str) -> bool:
    """English prose, not an id: has a space or a capital letter or ends in punctuation."""
    value = value.strip()
    if not value:
        return False
    if value.startswith(("http://", "https://", "tel:", "mailto:")):
        return False
    return (" " in value) or value[:1].isupper() or value[-1:] in ".?!:"


def _record_fields(obj) -> Mapping | None:
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: getattr(obj, f.name, None) for f in dataclasses.fields(obj)}
    if isinstance(obj, Mapping):
        return obj
    if hasattr(obj, "_asdict"):  # namedtuple
        return obj._asdict()
    return None


def _walk(obj, what: str, where: str, label: str | None, depth: int = 0) -> Iterator[tuple[str, str]]:
    """Yield (comment, text) for every English string in a data record, tolerantly."""
    if depth > 8 or obj is None:
        return
    if isinstance(obj, str):
        if label is not None and _is_text(obj):
            yield (f"Translators: {what}{where}: {label}", obj)
        return
    record = _record_fields(obj)
    if record is not None:
        ident = record.get("id") if isinstance(record.get("id"), str) else None
        here = f"{where} '{ident}'" if ident and ident not in where else where
        for key, value in record.items():
            key_s = str(key)
            if key_s in PATHWAY_SKIP_FIELDS:
                continue
            if key_s in PATHWAY_TEXT_FIELDS:
                yield from _walk(value, what, here, PATHWAY_TEXT_FIELDS[key_s], depth + 1)
            elif label is not None and isinstance(value, str):
                # a mapping of id -> text inside a text field (e.g. choices={"self": "Me"})
                yield from _walk(value, what, f"{here} '{key_s}'", label, depth + 1)
            elif not isinstance(value, str):
                sub = f"{here} '{key_s}'" if isinstance(key, str) and isinstance(obj, Mapping) else here
                yield from _walk(value, what, sub, label, depth + 1)
        return
    if isinstance(obj, (list, tuple, set, frozenset)):
        items = sorted(obj, key=repr) if isinstance(obj, (set, frozenset)) else obj
        for item in items:
            yield from _walk(item, what, where, label, depth + 1)


def pathway_messages(package: str = "pathways") -> Iterator[tuple[str, str, str]]:
    """(module, comment, text) for every English string in the pathway data.

    Tolerates a package still being written: a module that fails to import, or lacks the
    expected names, is skipped (an error in the engine is its own tests' business).
    """
    try:
        pkg = importlib.import_module(package)
    except Exception:
        return
    names = [m.name for m in pkgutil.iter_modules(getattr(pkg, "__path__", []))]
    names.sort(key=lambda n: (PATHWAY_MODULES_FIRST.index(n) if n in PATHWAY_MODULES_FIRST
                              else len(PATHWAY_MODULES_FIRST), n))
    modules = [pkg]
    for name in names:
        if name.startswith("_") or name == "facts":
            continue  # facts.py holds field specs for developers, not visitor text
        try:
            modules.append(importlib.import_module(f"{package}.{name}"))
        except Exception:
            continue
    seen: set[tuple[str, str]] = set()
    for module in modules:
        for attr, what in PATHWAY_COLLECTIONS.items():
            data = getattr(module, attr, None)
            if data is None:
                continue
            if isinstance(data, Mapping):
                items = [(f" '{k}'" if isinstance(k, str) else "", v) for k, v in data.items()]
            elif isinstance(data, (list, tuple)):
                items = [("", v) for v in data]
            else:
                continue
            for where, item in items:
                label = "text" if isinstance(item, str) else None
                for comment, text in _walk(item, what, where, label):
                    if (comment, text) in seen:
                        continue
                    seen.add((comment, text))
                    yield (module.__name__, comment, text)


def extract_pathways(fileobj, keywords, comment_tags, options) -> Iterator[tuple]:
    """Yield every English string in the pathway data with a Translators: comment.

    Triggered by pathways/__init__.py in babel.cfg; the file content is not parsed, the
    package is imported from the project root so the data is read exactly as the app sees it.
    """
    root = Path(getattr(fileobj, "name", "pathways/__init__.py")).resolve().parent.parent
    added = False
    if str(root) not in sys.path:
        sys.path.insert(0, str(root))
        added = True
    try:
        for lineno, (_module, comment, text) in enumerate(pathway_messages(), start=1):
            yield (lineno, None, text, [comment])
    finally:
        if added:
            sys.path.remove(str(root))


# --------------------------------------------------------------------------- WTForms messages

def N_(text: str) -> str:
    """Mark a string for extraction without translating it."""
    return text


# WTForms' own messages for the fields and validators the site uses. Forms set custom
# messages where they can; these can still reach a visitor (a tampered choice, a stray value),
# so they are in the catalog too (the text must match WTForms' source exactly).
WTFORMS_MESSAGES = (
    N_("Not a valid choice."),
    N_("Invalid Choice: could not coerce."),
    N_("Invalid choice(s): one or more data inputs could not be coerced."),
    N_("Not a valid integer value."),
    N_("Not a valid decimal value."),
    N_("Not a valid float value."),
    N_("This field is required."),
    N_("Invalid input."),
    N_("Number must be at least %(min)s."),
    N_("Number must be at most %(max)s."),
    N_("Number must be between %(min)s and %(max)s."),
)
def _wtforms_plural_markers():  # pragma: no cover - never called: Babel extracts these plurals
    from signpost.i18n import ngettext
    ngettext("'%(value)s' is not a valid choice for this field.",
             "'%(value)s' are not valid choices for this field.", 1)
    ngettext("Field must be at least %(min)d character long.",
             "Field must be at least %(min)d characters long.", 1)
    ngettext("Field cannot be longer than %(max)d character.",
             "Field cannot be longer than %(max)d characters.", 1)
    ngettext("Field must be exactly %(max)d character long.",
             "Field must be exactly %(max)d characters long.", 1)


class WTFormsTranslations:
    """Give WTForms our catalog: `class Meta: def get_translations(self, form): return WTFormsTranslations()`.

    WTForms formats the message itself (`message % dict(...)`), so these return the translated
    text unformatted, with the same safety as signpost.i18n: a translation whose placeholders
    differ from the English falls back to the English.
    """

    def gettext(self, string: str) -> str:
        from signpost.i18n import _translate
        return _translate(string)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        from signpost.i18n import _ntranslate
        return _ntranslate(singular, plural, n)
