"""Languages: the one list of supported locales, the locale URL prefix, and safe gettext.

The locale is the first URL segment (`/pl/...`), never a cookie. Translated text is treated
as untrusted: it is escaped before it reaches a page, and a translation whose placeholders
differ from the English falls back to English instead of failing (P11).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from flask import Flask, abort, current_app, g, redirect, request, url_for
from babel.support import NullTranslations, Translations
from flask_babel import Babel
from flask_babel.speaklater import LazyString
from markupsafe import Markup, escape


@dataclass(frozen=True)
class Locale:
    tag: str            # BCP 47 tag used in URLs and <html lang>
    endonym: str        # the language's name for itself, shown in the language menu
    english: str        # the English name, for staff and the translations page
    dir: str            # "ltr" or "rtl"
    status: str         # "reviewed" only when a qualified translator signed it off, else "draft"
    reviewed_on: str = ""


# Thurrock's most spoken community languages after English (the seeds and the 2021 census).
LOCALES: tuple[Locale, ...] = (
    Locale("en", "English", "English", "ltr", "reviewed"),
    Locale("pl", "Polski", "Polish", "ltr", "draft"),
    Locale("ro", "Română", "Romanian", "ltr", "draft"),
    Locale("lt", "Lietuvių", "Lithuanian", "ltr", "draft"),
    Locale("bg", "Български", "Bulgarian", "ltr", "draft"),
    Locale("pt", "Português", "Portuguese", "ltr", "draft"),
    Locale("pa", "ਪੰਜਾਬੀ", "Punjabi", "ltr", "draft"),
    Locale("bn", "বাংলা", "Bengali", "ltr", "draft"),
    Locale("ur", "اردو", "Urdu", "rtl", "draft"),
    Locale("ar", "العربية", "Arabic", "rtl", "draft"),
)
BY_TAG = {loc.tag: loc for loc in LOCALES}
DEFAULT = LOCALES[0]

_PLACEHOLDER = re.compile(r"%\((\w+)\)[sdifr]|%[sdifr]")


def placeholders(text: str) -> list[str]:
    """The printf-style placeholders in a message, sorted, so two messages can be compared."""
    return sorted(m.group(0) for m in _PLACEHOLDER.finditer(text))


# A web or email address in running text: with a scheme, starting www., or any name with a
# dot before a top-level domain of two or more letters ("evil.de", "x.org.uk"). A translation
# must keep the English's addresses (a changed one would send someone in danger to another
# site), so text is compared as sets of these. A sentence run into the next without a space
# ("pomoc.Tak") looks like one too: it falls back to English and `i18n check` names it.
# Printable ASCII but quotes and angle brackets, so "www.x.org.uk-এ" ends before "-এ".
_URL_CHARS = r"[!#-&(-;=?-~]"
_WEB_ADDRESS = re.compile(
    rf"(?:https?://|mailto:){_URL_CHARS}+"
    rf"|\bwww\.{_URL_CHARS}+"
    r"|\b[\w.+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)+"
    rf"|\b[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.[a-z]{{2,24}}\b(?:/{_URL_CHARS}*)?",
    re.IGNORECASE)


def web_addresses(text: str) -> set[str]:
    """The web and email addresses written in a text (trailing punctuation is not part of one)."""
    return {m.group(0).rstrip(".,;:!?)-").lower() for m in _WEB_ADDRESS.finditer(text)}


def same_addresses(translated: str, english: str) -> bool:
    if "." not in translated and "." not in english:   # most strings: no address at all
        return True
    return web_addresses(translated) == web_addresses(english)


def current_locale() -> Locale:
    return BY_TAG.get(g.get("lang", DEFAULT.tag), DEFAULT) if _has_app_context() else DEFAULT


def _has_app_context() -> bool:
    from flask import has_app_context
    return has_app_context()


# Compiled catalogs, loaded once per process and locale: they change only when the site
# restarts (gunicorn compiles them before the workers start), and looking them up through
# Flask-Babel on every string was most of the cost of rendering a page.
_CATALOGS: dict[tuple[str, str], NullTranslations] = {}
_NO_CATALOG = NullTranslations()    # outside a request: English


def get_translations() -> NullTranslations:
    try:
        request_globals = g._get_current_object()
    except RuntimeError:
        return _NO_CATALOG
    # Resolved once per request and language: a page asks for it for every string.
    tag = getattr(request_globals, "lang", DEFAULT.tag)
    resolved = getattr(request_globals, "_signpost_catalog", None)
    if resolved is not None and resolved[0] == tag:
        return resolved[1]
    key = (current_app.config["TRANSLATIONS_DIR"], tag)
    catalog = _CATALOGS.get(key)
    if catalog is None:
        try:
            catalog = Translations.load(key[0], [tag], domain="messages")
        except Exception:  # an unreadable catalog means English, never an error page
            catalog = NullTranslations()
        _CATALOGS[key] = catalog
    request_globals._signpost_catalog = (tag, catalog)
    return catalog


# msgid -> checked translation, per loaded catalog (the placeholder check runs once per string).
_CHECKED: dict[int, dict[str, str]] = {}


def _translate(msgid: str) -> str:
    if not msgid:
        return msgid
    catalog = get_translations()
    checked = _CHECKED.setdefault(id(catalog), {})
    hit = checked.get(msgid)
    if hit is not None:
        return hit
    try:
        translated = catalog.gettext(msgid)
    except Exception:  # a broken catalog must never break a page
        return msgid
    if translated != msgid and (placeholders(translated) != placeholders(msgid)
                                or not same_addresses(translated, msgid)):
        translated = msgid
    checked[msgid] = translated
    return translated


def _ntranslate(singular: str, plural: str, n: int) -> str:
    english = singular if n == 1 else plural
    try:
        translated = get_translations().ngettext(singular, plural, n)
    except Exception:
        return english
    if translated != english and not (plural_placeholders_ok(translated, singular, plural)
                                      and same_addresses(translated, english)):
        return english
    return translated


def plural_placeholders_ok(translated: str, singular: str, plural: str) -> bool:
    """A plural form may leave out a named placeholder (e.g. Arabic says 'one' in words),
    but may not bring in one the English does not have."""
    used = placeholders(translated)
    known = set(placeholders(singular)) | set(placeholders(plural))
    return all(p.startswith("%(") for p in used) and set(used) <= known


def _format(text: str, english: str, variables: dict) -> str:
    if not variables:
        return text
    try:
        return text % variables
    except (KeyError, ValueError, TypeError):
        try:
            return english % variables
        except (KeyError, ValueError, TypeError):
            return english


def gettext(msgid: str, **variables) -> str:
    """Translate for Python code (plain text, still to be escaped by the template)."""
    return _format(_translate(msgid), msgid, variables)


def ngettext(singular: str, plural: str, num: int, **variables) -> str:
    variables.setdefault("num", num)
    english = singular if num == 1 else plural
    return _format(_ntranslate(singular, plural, num), english, variables)


def lazy_gettext(msgid: str, **variables) -> LazyString:
    """Translate when rendered (form labels are built before the locale is known)."""
    return LazyString(gettext, msgid, **variables)


_ = gettext


def _markup_format(text: str, english: str, variables: dict) -> Markup:
    """Escape the translation itself; escape each value unless it is already Markup."""
    safe = {k: (v if isinstance(v, Markup) else escape(v)) for k, v in variables.items()}
    try:
        return Markup(escape(text) % safe) if variables else Markup(escape(text))
    except (KeyError, ValueError, TypeError):
        return Markup(escape(english) % safe) if variables else Markup(escape(english))


# msgid -> escaped translation, per catalog, for the strings a template uses without values.
_ESCAPED: dict[NullTranslations, dict[str, Markup]] = {}


def jinja_gettext(msgid, **variables) -> Markup:
    msgid = str(msgid)
    if variables:
        return _markup_format(_translate(msgid), msgid, variables)
    escaped = _ESCAPED.setdefault(get_translations(), {})
    hit = escaped.get(msgid)
    if hit is None:
        hit = escaped[msgid] = _markup_format(_translate(msgid), msgid, variables)
    return hit


def jinja_ngettext(singular, plural, num, **variables) -> Markup:
    variables.setdefault("num", num)
    english = singular if num == 1 else plural
    return _markup_format(_ntranslate(singular, plural, num), english, variables)


def language_links() -> list[tuple[Locale, str]]:
    """The current page in every language (GET), for the language menu."""
    endpoint = request.endpoint
    args = dict(request.view_args or {})
    links = []
    for loc in LOCALES:
        try:
            if endpoint and current_app_expects_lang(endpoint):
                href = url_for(endpoint, **{**args, "lang": loc.tag})
            else:
                href = url_for("pages.home", lang=loc.tag)
        except Exception:
            href = url_for("pages.home", lang=loc.tag)
        links.append((loc, href))
    return links


def current_app_expects_lang(endpoint: str) -> bool:
    from flask import current_app
    return current_app.url_map.is_endpoint_expecting(endpoint, "lang")


def init_app(app: Flask) -> None:
    app.config.setdefault("BABEL_DEFAULT_LOCALE", DEFAULT.tag)
    app.config["BABEL_TRANSLATION_DIRECTORIES"] = str(Path(app.config["TRANSLATIONS_DIR"]))
    Babel(app, locale_selector=lambda: g.get("lang", DEFAULT.tag))

    # Replace the Jinja gettext that Flask-Babel installs: its output is trusted as markup.
    app.jinja_env.newstyle_gettext = True
    app.jinja_env.globals.update(_=jinja_gettext, gettext=jinja_gettext, ngettext=jinja_ngettext)
    app.jinja_env.policies["ext.i18n.trimmed"] = True

    @app.url_value_preprocessor
    def pull_lang(endpoint, values):
        if values and "lang" in values:
            tag = values.pop("lang")
            if tag not in BY_TAG:
                abort(404)
            g.lang = tag

    @app.url_defaults
    def add_lang(endpoint, values):
        if "lang" in values or not app.url_map.is_endpoint_expecting(endpoint, "lang"):
            return
        values["lang"] = g.get("lang", DEFAULT.tag)

    @app.context_processor
    def locale_context():
        return {"locale": current_locale(), "locales": LOCALES, "language_links": language_links}

    @app.get("/")
    def choose_language():
        """Send a first visit to the best language the browser asks for, once."""
        # Match on the language alone: "ur-PK, en;q=0.3" must give Urdu, not the English that
        # Werkzeug would match exactly before it tries "ur" for "ur-PK".
        from werkzeug.datastructures import LanguageAccept
        asked = LanguageAccept([(tag.replace("_", "-").split("-")[0].lower(), q)
                                for tag, q in request.accept_languages])
        best = asked.best_match([loc.tag for loc in LOCALES]) or DEFAULT.tag
        response = redirect(url_for("pages.home", lang=best), code=302)
        response.headers["Vary"] = "Accept-Language"
        return response
