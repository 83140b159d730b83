"""The one module that imports the HTML sanitiser (nh3), plus text and URL checks (P12).

Directory text is sanitised once, when directory.yaml is loaded; templates then trust only the
rich-text fields this module produced.
"""
from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

import nh3

ALLOWED_TAGS = frozenset({"p", "ul", "ol", "li", "strong", "em", "br", "a"})
ALLOWED_ATTRIBUTES = {"a": {"href"}}
SAFE_SCHEMES = frozenset({"https", "tel", "mailto"})

# Bidirectional controls can reorder a phone number or a name on screen (Trojan Source style).
BIDI_CONTROLS = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)
# Invisible characters that hide inside ids, numbers and links.
INVISIBLE = frozenset("\u200b\u2060\ufeff")


# Every character strip_controls removes: C0 controls except \t and \n, DEL, C1 controls,
# surrogates, bidi controls and invisible characters.
_BAD = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff"
    + "".join(sorted(BIDI_CONTROLS | INVISIBLE)) + "]"
)


def is_bad_char(ch: str) -> bool:
    """True for a bidi control, an invisible character or a control character (not \\n or \\t)."""
    return _BAD.match(ch) is not None


def find_bad_chars(text: str) -> list[tuple[int, str]]:
    """(position, character) for every character strip_controls would remove."""
    return [(m.start(), m.group()) for m in _BAD.finditer(text)]


def strip_controls(text: str) -> str:
    """Remove bidirectional controls, invisible characters and control characters (keeps \\n, \\t)."""
    return _BAD.sub("", text)


def is_safe_url(url: str) -> bool:
    """True for an https: (with a host), tel: or mailto: URL with no controls or spaces inside."""
    if not isinstance(url, str) or not url or url != url.strip():
        return False
    if any(is_bad_char(ch) or ch.isspace() for ch in url):
        return False
    if any(ch in url for ch in "<>\"'`\\"):
        return False
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    scheme = parts.scheme.lower()
    if scheme not in SAFE_SCHEMES or parts.scheme != scheme:
        return False
    if scheme == "https":
        try:
            host = parts.hostname
        except ValueError:
            return False
        return bool(host) and "." in host and parts.username is None and parts.password is None \
            and url.startswith("https://")
    rest = url[len(scheme) + 1:]
    if scheme == "tel":
        return re.fullmatch(r"\+?[0-9]{3,15}", rest) is not None
    return re.fullmatch(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+", rest) is not None


def _filter_attribute(tag: str, attr: str, value: str):
    if tag == "a" and attr == "href":
        return value if is_safe_url(value) else None
    if tag == "a" and attr == "rel":  # added by nh3's link_rel
        return "noreferrer noopener"
    return None


def clean_rich_text(html: str) -> str:
    """Sanitise a little HTML: p, ul, ol, li, strong, em, br and a[href] with safe URLs only.

    Every link gets rel="noreferrer noopener" (P4); anything else is dropped, script and style
    contents included.
    """
    return nh3.clean(
        strip_controls(html or ""),
        tags=set(ALLOWED_TAGS),
        attributes={k: set(v) for k, v in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(SAFE_SCHEMES),
        link_rel="noreferrer noopener",
        strip_comments=True,
        attribute_filter=_filter_attribute,
        clean_content_tags={"script", "style"},
    ).strip()


class _RichTextChecker(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []

    def _tag(self, tag, attrs):
        if tag not in ALLOWED_TAGS:
            self.problems.append(f"tag <{tag}> is not allowed (only {', '.join(sorted(ALLOWED_TAGS))})")
            return
        for name, value in attrs:
            if name not in ALLOWED_ATTRIBUTES.get(tag, ()):
                self.problems.append(f"attribute {name!r} is not allowed on <{tag}>")
            elif not is_safe_url(value or ""):
                self.problems.append(f"link {value!r} is not an https:, tel: or mailto: URL")

    def handle_starttag(self, tag, attrs):
        self._tag(tag, attrs)

    def handle_startendtag(self, tag, attrs):
        self._tag(tag, attrs)

    def handle_endtag(self, tag):
        if tag not in ALLOWED_TAGS:
            self.problems.append(f"tag </{tag}> is not allowed")

    def handle_comment(self, data):
        self.problems.append("HTML comments are not allowed")

    def handle_decl(self, decl):
        self.problems.append("declarations are not allowed")

    def handle_pi(self, data):
        self.problems.append("processing instructions are not allowed")

    def unknown_decl(self, data):
        self.problems.append("CDATA and declarations are not allowed")


def rich_text_problems(html: str) -> list[str]:
    """What clean_rich_text would have to remove, in words an editor can act on."""
    checker = _RichTextChecker()
    checker.feed(html)
    checker.close()
    problems = list(dict.fromkeys(checker.problems))
    if re.search(r"(?i)\b(javascript|vbscript|data)\s*:", html) and not any(
            "link" in p for p in problems):
        problems.append("script-like URL text (javascript:, vbscript:, data:) is not allowed")
    return problems


_MARKUP = re.compile(r"<\s*[A-Za-z!/?]|&(#\d+|#x[0-9a-fA-F]+|[A-Za-z]+);")
_SCRIPT_URL = re.compile(r"(?i)\b(javascript|vbscript|data)\s*:")


def plain_text_problems(text: str) -> list[str]:
    """Why a plain-text field is not plain text (markup, entities or script URLs), if it isn't."""
    problems = []
    if _MARKUP.search(text):
        problems.append("markup is not allowed in plain text (no <tags> or &entities;)")
    if _SCRIPT_URL.search(text):
        problems.append("script-like URL text (javascript:, vbscript:, data:) is not allowed")
    return problems


class _TextExtractor(HTMLParser):
    BLOCKS = frozenset({"p", "li", "br", "ul", "ol"})

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data):
        self.parts.append(data)


def to_plain_text(html: str) -> str:
    """The words of sanitised rich text without its tags (for plain-text exports)."""
    extractor = _TextExtractor()
    extractor.feed(html or "")
    extractor.close()
    lines = (" ".join(line.split()) for line in "".join(extractor.parts).split("\n"))
    return "\n".join(line for line in lines if line)
