"""The question pages, walked as a person would: one question a page, POST only, no redirects."""
from __future__ import annotations

import re

import pytest

from pathways import recommend, validate_facts
from signpost import pathway_forms as pf
from tests.html import check_page, parse
from tests.views.test_pathway_helpers import Walker, read_page

# Web answers (question id -> values) for example scenarios, with what the result must show.
FLOWS = {
    "E01 strangled, leaving, children": dict(
        answers={"danger": ["no"], "role": ["self"], "concerns": ["domestic-abuse"], "age": ["34"],
                 "gender": ["female"], "relationship": ["partner"],
                 "risk": ["strangulation", "threats-to-kill", "recent-separation"], "children": ["yes"],
                 "leaving": ["leave"], "care": ["no"], "speak": ["yes"], "deaf": ["no"], "thurrock": ["yes"]},
        include=["emergency-999", "changing-pathways-idva", "marac-referral", "national-da-helpline",
                 "refuge-accommodation", "thurrock-mash"],
        first="emergency-999",
        exclude=["changing-pathways-outreach", "mens-advice-line", "respect-phoneline"]),
    "E03 coercive control": dict(
        answers={"danger": ["no"], "role": ["self"], "concerns": ["domestic-abuse"], "age": ["52"],
                 "gender": ["female"], "relationship": ["partner"], "risk": ["controlling-behaviour"],
                 "thurrock": ["yes"]},
        include=["changing-pathways-outreach", "national-da-helpline"],
        exclude=["marac-referral", "respect-phoneline"], cautions=["tech-safety"]),
    "E04 forced marriage abroad at 17": dict(
        answers={"danger": ["no"], "role": ["self"], "concerns": ["forced-marriage"], "age": ["17"],
                 "gender": ["female"], "relationship": ["family"], "travel": ["yes"], "thurrock": ["yes"]},
        include=["forced-marriage-unit", "karma-nirvana", "thurrock-mash", "childline", "emergency-999"],
        exclude=["adult-safeguarding"], cautions=["one-chance"]),
    "E05 rape within three days": dict(
        answers={"danger": ["no"], "role": ["self"], "concerns": ["sexual-violence"], "age": ["22"],
                 "gender": ["female"], "relationship": ["acquaintance"], "hours": ["within-3-days"],
                 "police": ["unsure"], "thurrock": ["yes"]},
        include=["oakwood-place-sarc", "sexual-health-urgent", "sericc", "rape-crisis-helpline"],
        exclude=["survivors-uk", "project-goldcrest"], cautions=["forensic-window"]),
    "E07 man leaving with children": dict(
        answers={"danger": ["no"], "role": ["self"], "concerns": ["domestic-abuse"], "age": ["35"],
                 "gender": ["male"], "lgbtq": ["no"], "relationship": ["partner"],
                 "risk": ["recent-separation", "controlling-behaviour"], "children": ["yes"],
                 "leaving": ["leave"], "thurrock": ["yes"]},
        include=["mens-advice-line", "thurrock-housing-safeguarding", "refuge-accommodation", "thurrock-mash"],
        exclude=["galop", "respect-phoneline"]),
    "E09 stalked by a former colleague": dict(
        answers={"danger": ["no"], "role": ["self"], "concerns": ["stalking"], "age": ["50"],
                 "gender": ["male"], "relationship": ["acquaintance"], "thurrock": ["yes"]},
        include=["national-stalking-helpline", "changing-pathways-stalking", "police-101"],
        exclude=["mens-advice-line"]),
    "E11 worried about own behaviour": dict(
        answers={"danger": ["no"], "role": ["own-behaviour"], "concerns": ["domestic-abuse"], "age": ["37"],
                 "thurrock": ["yes"]},
        include=["respect-phoneline", "change-hub"], exclude=["mens-advice-line", "stop-it-now"]),
    "E12 LGBT+ and leaving": dict(
        answers={"danger": ["no"], "role": ["self"], "concerns": ["domestic-abuse"], "age": ["26"],
                 "gender": ["female"], "lgbtq": ["yes"], "relationship": ["partner"],
                 "risk": ["controlling-behaviour"], "leaving": ["leave"], "thurrock": ["yes"]},
        include=["galop", "national-da-helpline", "refuge-accommodation", "thurrock-housing-safeguarding"],
        exclude=["mens-advice-line"]),
    "danger now, cannot speak": dict(
        answers={"danger": ["yes"], "role": ["someone-else"], "concerns": ["not-sure"], "speak": ["no"]},
        include=["emergency-999", "silent-solution"], first="emergency-999"),
}

NEUTRAL_TITLE = re.compile(
    r"^(Question \d+ of \d+|Help now|For professionals|Check your answers|Where to get help) – Signpost$")


def walk(client, answers, lang="en"):
    walker = Walker(client, lang)
    walker.walk(answers)
    return walker


@pytest.mark.parametrize("name", FLOWS)
def test_walking_the_questions_reaches_the_routes_the_answers_need(client, name):
    flow = FLOWS[name]
    walker = walk(client, flow["answers"])
    ids = walker.route_ids()
    for route in flow["include"]:
        assert route in ids, f"{name}: {route} missing from {ids}"
    for route in flow.get("exclude", []):
        assert route not in ids, f"{name}: {route} should not be shown"
    if flow.get("first"):
        assert ids[0] == flow["first"]
    for caution in flow.get("cautions", []):
        assert f'id="caution-{caution}"' in walker.html or caution_title(caution) in walker.html


def caution_title(caution_id):
    from pathways import CAUTIONS
    return CAUTIONS[caution_id].title.replace("'", "&#39;")


@pytest.mark.parametrize("name", FLOWS)
def test_every_page_of_the_flow_is_a_good_page_with_no_redirect(client, name):
    walker = walk(client, FLOWS[name]["answers"])
    assert len(walker.responses) > 5
    for response in walker.responses:
        assert "Location" not in response.headers
        doc = check_page(response)
        assert NEUTRAL_TITLE.match(" ".join(doc.title.split())), doc.title
        for form in read_page(response.get_data(as_text=True)).forms:
            if form.method == "post":
                assert form.action == "/en/questions"
                assert form.autocomplete == "off"
        for el in doc.find_all("input"):
            if el.attrs.get("type") in ("text", "number"):
                assert el.attrs.get("autocomplete") == "off"


def test_the_result_page_matches_the_engine_for_the_same_answers(app, client):
    walker = walk(client, FLOWS["E01 strangled, leaving, children"]["answers"])
    state = dict(walker.main_form().hidden)
    facts = validate_facts({k[len("fact."):]: v for k, v in _typed(walker.main_form().hidden).items()})
    from signpost.views import pathway
    with app.app_context():
        expected = [r["id"] for r in recommend(facts, pathway.eligibility_from_current_directory())["routes"]]
    assert walker.route_ids() == expected
    assert state["step"] == "result"


def _typed(hidden):
    from werkzeug.datastructures import MultiDict
    state = pf.read_state(MultiDict(list(hidden)))
    return {"fact." + k: v for k, v in state.facts.items()}


def test_the_result_shows_reasons_rule_numbers_cautions_and_a_print_button(client):
    walker = walk(client, FLOWS["E01 strangled, leaving, children"]["answers"])
    doc = parse(walker.html)
    text = doc.text
    assert "Why this is suggested" in text
    assert re.search(r"Rules: R\d+", text)
    assert "This is not a risk assessment" in text
    assert "Leaving can be the most dangerous time" in text
    button = doc.find("button", data_print=True)
    assert button is not None and "hidden" in button.attrs, "the print button waits for JavaScript"
    assert doc.find("script", src="/static/js/print.js") is not None


def test_urgent_routes_come_first_on_the_result_page(client):
    walker = walk(client, FLOWS["E01 strangled, leaving, children"]["answers"])
    headings = re.findall(r'<section class="pathway-group pathway-group--(\w+)"', walker.html)
    assert headings[0] == "urgent"
    assert headings == sorted(headings, key=["urgent", "recommended", "also"].index)


def test_saying_you_are_in_danger_shows_emergency_help_first_then_carries_on(client):
    walker = Walker(client)
    walker.start()
    walker.answer("yes")
    doc = check_page(walker.response)
    assert walker.step == "emergency"
    assert "press 55" in doc.text
    assert "999 BSL" in doc.text
    assert doc.find("a", href="tel:999") is not None
    walker.press("next")
    assert walker.step == "role"


def test_a_professional_is_offered_the_staff_questions_without_a_redirect(client):
    walker = Walker(client)
    walker.start()
    walker.answer("no")
    walker.answer("professional")
    doc = check_page(walker.response)
    assert walker.step == "professional"
    assert doc.find("a", href="/en/staff") is not None
    walker.press("next")
    assert walker.step == "concerns"


def test_a_missing_answer_asks_again_with_an_error_summary(client):
    walker = Walker(client)
    walker.start()
    walker.answer()
    doc = check_page(walker.response)
    assert walker.step == "danger"
    assert doc.find("div", class_="error-summary") is not None
    assert "There is a problem" in doc.text


def test_an_age_that_is_not_a_number_asks_again_and_keeps_what_was_typed(client):
    walker = Walker(client)
    walker.walk_to = None
    walker.start()
    walker.answer("no")
    walker.answer("self")
    walker.answer("stalking")
    assert walker.step == "age"
    walker.answer("about forty")
    doc = check_page(walker.response)
    assert walker.step == "age"
    assert doc.find("div", class_="error-summary") is not None
    assert doc.find("input", name="answer").attrs["value"] == "about forty"
    walker.answer("40")
    assert walker.step == "gender"


def test_a_question_can_be_skipped_and_is_listed_as_not_answered(client):
    walker = Walker(client)
    walker.start()
    walker.answer("no")
    walker.answer("self")
    walker.answer("not-sure")
    assert walker.step == "age"
    walker.skip()
    assert walker.step == "gender"
    for _ in range(30):
        if walker.step == "check":
            break
        walker.skip()
    doc = check_page(walker.response)
    assert "How old are you?" in doc.text and "Not answered" in doc.text


def test_back_returns_to_the_previous_question_with_the_answer_kept(client):
    walker = Walker(client)
    walker.start()
    walker.answer("no")
    walker.answer("someone-else")
    walker.answer("stalking", "sexual-harassment")
    assert walker.step == "age"
    walker.back()
    assert walker.step == "concerns"
    checked = [v for _, v, on in walker.main_form().options if on]
    assert checked == ["stalking", "sexual-harassment"]
    walker.back()
    assert walker.step == "role"
    walker.back()
    assert walker.step == "danger"
    assert walker.back_form() is None


def test_someone_else_is_asked_about_the_person(client):
    walker = Walker(client)
    walker.start()
    walker.answer("no")
    walker.answer("someone-else")
    walker.answer("domestic-abuse")
    doc = check_page(walker.response)
    assert "How old is the person?" in doc.text


def test_the_check_page_changes_an_answer_and_comes_back(client):
    walker = Walker(client)
    walker.walk({"danger": ["no"], "role": ["self"], "concerns": ["stalking"], "age": ["50"]})
    walker.press("check")
    assert walker.step == "check"
    doc = check_page(walker.response)
    assert "50" in doc.text
    walker.press("change:age")
    assert walker.step == "age"
    walker.answer("19")
    assert walker.step == "check"
    assert "19" in parse(walker.html).text


def test_changing_what_is_happening_asks_the_new_follow_up_questions(client):
    walker = Walker(client)
    walker.walk({"danger": ["no"], "role": ["self"], "concerns": ["stalking"], "age": ["30"]})
    walker.press("check")
    walker.press("change:concerns")
    walker.answer("stalking", "sexual-violence")
    assert walker.step == "hours"


def test_the_browser_back_button_resubmitting_a_step_still_works(client):
    walker = Walker(client)
    walker.start()
    walker.answer("no")
    walker.answer("self")
    walker.resubmit()
    assert walker.response.status_code == 200
    assert walker.step == "concerns"


@pytest.mark.parametrize("tamper", [
    [("fact.favourite", "x")],                       # unknown field
    [("fact.age", "9999")],                          # out of range
    [("fact.age", "twelve")],                        # wrong type
    [("fact.danger_now", "maybe")],                  # bad value
    [("fact.concerns", "burglary")],                 # unknown list item
    [("fact.role", "x" * 5000)],                     # huge value
    [("fact.role", "self"), ("fact.role", "self")],  # the same fact twice
    [("seen", "nonsense")],                          # unknown question
    [("step", "elsewhere")],                         # unknown step
    [("whatever", "1")],                             # unknown control
])
def test_tampered_hidden_fields_give_a_400_page_with_help(client, tamper):
    walker = Walker(client)
    walker.start()
    walker.answer("no")
    form = walker.main_form()
    names = {name for name, _ in tamper}
    data = [(n, v) for n, v in form.hidden if n not in names] + tamper + [("do", "answer"), ("answer", "self")]
    response = walker.post(data)
    doc = check_page(response, status=400)
    assert "999" in doc.text


@pytest.mark.parametrize("do", ["explode", "change:nowhere", "skip-danger"])
def test_unknown_buttons_give_a_400(client, do):
    walker = Walker(client)
    walker.start()
    response = walker.press(do)
    check_page(response, status=400)


def test_an_answer_no_page_offers_is_tampering(client):
    walker = Walker(client)
    walker.start()
    check_page(walker.answer("perhaps"), status=400)


def test_the_danger_question_cannot_be_skipped(client):
    walker = Walker(client)
    walker.start()
    assert not walker.main_form().has_button("skip")
    check_page(walker.skip(), status=400)


def test_the_flow_renders_right_to_left_in_arabic(client):
    walker = Walker(client, lang="ar")
    walker.walk(FLOWS["E03 coercive control"]["answers"])
    for response in walker.responses:
        doc = check_page(response, lang="ar")
        assert doc.find("html").attrs["dir"] == "rtl"
        for form in read_page(response.get_data(as_text=True)).forms:
            if form.method == "post":
                assert form.action == "/ar/questions"
    assert "changing-pathways-outreach" in walker.route_ids()


def test_the_first_question_is_a_plain_get(client):
    response = client.get("/en/questions")
    doc = check_page(response)
    assert doc.find("form", method="post", action="/en/questions") is not None


def test_the_pathway_map_draws_every_rule_and_route(client):
    from pathways import RULES
    response = client.get("/en/questions/map")
    doc = check_page(response)
    text = doc.text
    for rule in RULES:
        for number in rule.rules:
            assert number in text
        for route, _ in rule.routes:
            assert route in text
    assert doc.find("section", class_="pathway-map__area") is not None
    assert "Domestic abuse" in text and "Act now" in text


def test_the_pathway_map_renders_right_to_left(client):
    doc = check_page(client.get("/ar/questions/map"), lang="ar")
    assert doc.find("html").attrs["dir"] == "rtl"


def test_the_result_still_helps_when_the_directory_is_unavailable(client, monkeypatch):
    from signpost.views import pathway
    monkeypatch.setattr(pathway, "_snapshot", lambda: None)
    walker = walk(client, FLOWS["E09 stalked by a former colleague"]["answers"])
    doc = check_page(walker.response)
    assert "national-stalking-helpline" in walker.route_ids()
    assert "Contact details cannot be shown right now" in doc.text


def test_the_result_shows_directory_contacts_as_links(app, client):
    from signpost.views import pathway
    with app.app_context():
        snapshot = pathway._snapshot()
    if snapshot is None:
        pytest.skip("no directory build in this checkout")
    walker = walk(client, FLOWS["E09 stalked by a former colleague"]["answers"])
    service = snapshot.by_id["national-stalking-helpline"]
    doc = parse(walker.html)
    assert service.name in doc.text
    for contact in service.public_contacts:
        assert doc.find("a", href=contact.href) is not None, contact.href
