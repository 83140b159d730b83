"""A strict page-test helper (after GOV.UK Notify's): parse a response and check what every page promises."""
from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class Element:
    tag: str
    attrs: dict
    text: str = ""


@dataclass
class Document(HTMLParser):
    elements: list = field(default_factory=list)
    texts: list = field(default_factory=list)
    title: str = ""
    _stack: list = field(default_factory=list)
    _in_title: bool = False

    def __post_init__(self):
        HTMLParser.__init__(self, convert_charrefs=True)

    def handle_starttag(self, tag, attrs):
        el = Element(tag, {k: (v if v is not None else "") for k, v in attrs})
        self.elements.append(el)
        if tag not in {"meta", "link", "input", "br", "img", "hr", "source"}:
            self._stack.append(el)
        if tag == "title":
            self._in_title = True

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False
        for i in range(len(self._stack) - 1, -1, -1):
            if self._stack[i].tag == tag:
                del self._stack[i:]
                break

    def handle_data(self, data):
        if self._in_title:
            self.title += data
        self.texts.append(data)
        for el in self._stack:
            el.text += data

    # queries
    def find_all(self, tag=None, **attrs):
        out = []
        for el in self.elements:
            if tag and el.tag != tag:
                continue
            if all((el.attrs.get(k.rstrip("_").replace("_", "-")) == v) if v is not True
                   else (k.rstrip("_").replace("_", "-") in el.attrs) for k, v in attrs.items()):
                out.append(el)
        return out

    def find(self, tag=None, **attrs):
        found = self.find_all(tag, **attrs)
        return found[0] if found else None

    @property
    def text(self) -> str:
        return " ".join(" ".join(self.texts).split())


def parse(html: str) -> Document:
    doc = Document()
    doc.feed(html)
    doc.close()
    return doc


FOCUSABLE = {"a", "button", "input", "select", "textarea", "summary"}


def check_page(response, status=200, lang="en") -> Document:
    """Assert what every HTML page promises, and return the parsed page."""
    assert response.status_code == status, response.status_code
    assert "Set-Cookie" not in response.headers
    assert response.mimetype == "text/html"
    doc = parse(response.get_data(as_text=True))
    html = doc.find("html")
    assert html is not None and html.attrs.get("lang") == lang
    assert html.attrs.get("dir") in {"ltr", "rtl"}
    assert doc.title.strip(), "every page has a title"
    focusable = [el for el in doc.elements if el.tag in FOCUSABLE and "href" in el.attrs or el.tag in {"button", "input", "select", "textarea"}]
    assert focusable and "data-quick-exit" in focusable[0].attrs, "quick exit is the first focusable element"
    assert len(doc.find_all(data_quick_exit=True)) >= 2, "a skip-style exit link and a visible button"
    assert "999" in doc.text
    ids = [el.attrs["id"] for el in doc.elements if "id" in el.attrs]
    assert len(ids) == len(set(ids)), "no duplicate ids"
    return doc
