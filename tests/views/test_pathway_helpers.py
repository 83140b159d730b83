"""A small 'browser' for the pathway pages: read the forms on a page and press their buttons.

Used by the pathway tests (this module holds a few tests of its own helpers too).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

STEP_URL = "/{lang}/questions"


@dataclass
class Form:
    action: str
    method: str
    classes: str
    hidden: list = field(default_factory=list)      # (name, value)
    buttons: list = field(default_factory=list)     # (name, value, text)
    options: list = field(default_factory=list)     # (type, value, checked)
    text_inputs: list = field(default_factory=list)  # (name, value)
    autocomplete: str = ""

    def has_button(self, value: str) -> bool:
        return any(v == value for _, v, _ in self.buttons)


class _FormParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._button: list | None = None
        self.hrefs: list[str] = []
        self.inputs: list[dict] = []

    def handle_starttag(self, tag, attrs):
        a = {k: (v if v is not None else "") for k, v in attrs}
        if "href" in a:
            self.hrefs.append(a["href"])
        if tag == "form":
            self._form = Form(a.get("action", ""), a.get("method", "get").lower(), a.get("class", ""),
                              autocomplete=a.get("autocomplete", ""))
            self.forms.append(self._form)
        elif tag == "input":
            self.inputs.append(a)
            if self._form is None:
                return
            kind = a.get("type", "text")
            if kind == "hidden":
                self._form.hidden.append((a.get("name", ""), a.get("value", "")))
            elif kind in ("radio", "checkbox"):
                self._form.options.append((kind, a.get("value", ""), "checked" in a))
            elif kind in ("text", "number"):
                self._form.text_inputs.append((a.get("name", ""), a.get("value", "")))
        elif tag == "button" and self._form is not None and a.get("type", "submit") == "submit":
            self._button = [a.get("name", ""), a.get("value", ""), ""]
            self._form.buttons.append(self._button)

    def handle_data(self, data):
        if self._button is not None:
            self._button[2] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "button" and self._button is not None:
            self._form.buttons[-1] = tuple(self._button)
            self._button = None


def read_page(html: str) -> _FormParser:
    p = _FormParser()
    p.feed(html)
    p.close()
    return p


class Walker:
    """Walk the pathway with a Flask test client, as a person with a browser would."""

    def __init__(self, client, lang: str = "en"):
        self.client = client
        self.lang = lang
        self.responses = []
        self.response = None
        self.last_request = None

    # -- pages
    def start(self):
        self.response = self.client.get(STEP_URL.format(lang=self.lang))
        self.responses.append(self.response)
        return self.response

    @property
    def html(self) -> str:
        return self.response.get_data(as_text=True)

    @property
    def page(self) -> _FormParser:
        if getattr(self, "_parsed_for", None) is not self.response:
            self._parsed = read_page(self.html)
            self._parsed_for = self.response
        return self._parsed

    def main_form(self) -> Form | None:
        forms = [f for f in self.page.forms if f.method == "post" and "pathway-back" not in f.classes]
        return forms[0] if forms else None

    def back_form(self) -> Form | None:
        forms = [f for f in self.page.forms if "pathway-back" in f.classes]
        return forms[0] if forms else None

    @property
    def step(self) -> str | None:
        form = self.main_form()
        if form is None:
            return None
        return dict(form.hidden).get("step")

    def route_ids(self) -> list[str]:
        return re.findall(r'id="route-([a-z0-9-]+)"', self.html)

    # -- actions
    def post(self, data: list, action: str | None = None):
        url = action or STEP_URL.format(lang=self.lang)
        self.last_request = (url, list(data))
        self.response = self.client.post(url, data=_multidict(data))
        self.responses.append(self.response)
        return self.response

    def press(self, do: str, answers=(), form: Form | None = None, extra=()):
        form = form or self.main_form()
        data = list(form.hidden) + [("do", do)] + [("answer", a) for a in answers] + list(extra)
        return self.post(data, form.action)

    def answer(self, *answers):
        return self.press("answer", answers)

    def skip(self):
        return self.press("skip")

    def back(self):
        return self.press("back", form=self.back_form())

    def resubmit(self):
        """The browser's Back (or reload) re-sends the last form."""
        url, data = self.last_request
        return self.post(data, url)

    def walk(self, answers: dict, max_steps: int = 40):
        """Answer each question from ``answers`` (question id -> list of values); skip the rest."""
        self.start()
        for _ in range(max_steps):
            step = self.step
            assert self.response.status_code == 200, (step, self.response.status_code)
            if step == "result":
                return self.response
            if step in ("emergency", "professional"):
                self.press("next")
            elif step == "check":
                self.press("result")
            elif step in answers:
                self.answer(*answers[step])
            elif self.main_form().has_button("skip"):
                self.skip()
            else:
                raise AssertionError(f"no answer given for required question {step!r}")
        raise AssertionError("the pathway did not reach a result")


def _multidict(pairs):
    from werkzeug.datastructures import MultiDict
    return MultiDict(pairs)


def test_read_page_finds_forms_hidden_fields_and_buttons():
    html = ('<form method="post" action="/x" class="pathway-form"><input type="hidden" name="step" value="age">'
            '<input type="radio" name="answer" value="yes" checked><button name="do" value="answer">Go</button></form>')
    page = read_page(html)
    form = page.forms[0]
    assert form.hidden == [("step", "age")]
    assert form.options == [("radio", "yes", True)]
    assert form.buttons == [("do", "answer", "Go")]
