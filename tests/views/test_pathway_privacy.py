"""P6: answers never reach a URL, a title, a link, a Location header or a history entry."""
from __future__ import annotations

import re
from pathlib import Path

from tests.html import check_page, parse
from tests.views.test_pathway_helpers import Walker, read_page

ROOT = Path(__file__).resolve().parents[2]

ANSWERS = {"danger": ["no"], "role": ["someone-else"],
           "concerns": ["forced-marriage", "fgm", "domestic-abuse", "sexual-violence"],
           "gender": ["female"], "lgbtq": ["yes"], "relationship": ["family"],
           "hours": ["within-3-days"], "risk": ["strangulation", "threats-to-kill"], "children": ["yes"],
           "lives_with": ["yes"], "leaving": ["leave"], "travel": ["yes"], "fgm": ["at-risk"],
           "care": ["no"], "police": ["unsure"], "speak": ["no"], "deaf": ["yes"], "thurrock": ["yes"]}
# Answer values that must never show up where a URL or title would leak them.
MARKERS = ["forced-marriage", "fgm", "domestic-abuse", "sexual-violence", "strangulation",
           "threats-to-kill", "at-risk", "within-3-days", "someone-else"]


def _leaky_places(response):
    """Every place a browser would show or keep for this site: Location, title, our own links,
    form actions and sources. (Links to other sites and tel: links are contact details copied
    from directory.yaml, the same for everyone; they are not built from answers.)"""
    html = response.get_data(as_text=True)
    doc = parse(html)
    places = [response.headers.get("Location", ""), doc.title]
    places += [el.attrs.get("href", "") for el in doc.elements if "href" in el.attrs]
    places += [el.attrs.get("action", "") for el in doc.find_all("form")]
    places += [el.attrs.get("src", "") for el in doc.elements if "src" in el.attrs]
    places += [el.attrs.get("formaction", "") for el in doc.elements if "formaction" in el.attrs]
    return [p for p in places if not re.match(r"^(https:|tel:|sms:|mailto:)", p)]


def _walk(client, age=None):
    answers = dict(ANSWERS)
    if age is not None:
        answers["age"] = [str(age)]
    walker = Walker(client)
    walker.walk(answers)
    walker.press("check")   # the check-your-answers page lists every answer: it must not leak either
    walker.press("result")
    return walker


def test_no_answer_appears_in_any_url_title_link_or_location(client):
    # Find an age no page of this walk shows in a URL or title anyway (phone numbers hold digits).
    baseline = " ".join(p for r in _walk(client).responses for p in _leaky_places(r))
    age = next(n for n in range(101, 121) if str(n) not in baseline)
    walker = _walk(client, age=age)
    assert "step" in dict(walker.main_form().hidden)
    for response in walker.responses:
        assert response.status_code == 200
        assert "Location" not in response.headers, "no redirects in the pathway"
        for place in _leaky_places(response):
            assert str(age) not in place, place
            for marker in MARKERS:
                assert marker not in place, (marker, place)
        title = " ".join(check_page(response).title.split())
        assert re.match(r"^(Question \d+ of \d+|Help now|Check your answers|Where to get help) – Signpost$", title), title


def test_every_request_of_the_walk_goes_to_the_same_plain_url(client):
    walker = Walker(client)
    seen_urls = set()
    original_post = walker.post

    def post(data, action=None):
        response = original_post(data, action)
        seen_urls.add(walker.last_request[0])
        return response
    walker.post = post
    walker.walk(ANSWERS | {"age": ["40"]})
    assert seen_urls == {"/en/questions"}


def test_answer_inputs_are_not_remembered_by_the_browser(client):
    walker = Walker(client)
    walker.start()
    walker.answer("no")
    walker.answer("self")
    walker.answer("stalking")
    assert walker.step == "age"
    doc = parse(walker.html)
    age_input = doc.find("input", name="answer")
    assert age_input.attrs["autocomplete"] == "off"
    for form in read_page(walker.html).forms:
        if form.method == "post":
            assert form.autocomplete == "off"


def test_pathway_templates_have_no_inline_script_style_or_handlers():
    for path in (ROOT / "templates" / "pathway").glob("*.html"):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"<script(?![^>]*\bsrc=)", text), path.name
        assert not re.search(r"\sstyle\s*=", text), path.name
        assert not re.search(r"\son[a-z]+\s*=", text), path.name
        assert "javascript:" not in text, path.name
        assert "|safe" not in text, path.name
