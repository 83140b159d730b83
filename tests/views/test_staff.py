"""Staff mode: a frontline worker checks duties, thresholds, routes and consent in two minutes."""
from __future__ import annotations

from dataclasses import dataclass

import pytest

from signpost import create_app
from tests.html import check_page, parse

STAFF = "/en/staff"
SUMMARY = "/en/staff/summary"

E02 = {"concerns": ["domestic-abuse"], "age": "28", "gender": "female", "ric": "15",
       "regulated": "yes", "consents": "yes", "in_thurrock": "yes"}
E08 = {"concerns": ["fgm"], "age": "9", "gender": "female", "fgm_status": "known",
       "regulated": "yes", "in_thurrock": "yes"}
E10 = {"concerns": ["modern-slavery"], "age": "19", "gender": "male", "regulated": "yes",
       "first_responder": "yes", "consents": "no", "in_thurrock": "yes"}


@pytest.fixture(scope="module")
def staff_app(request, tmp_path_factory):
    """The app on the shared built data; on an empty data dir if the directory cannot be built
    right now (the duties and thresholds do not depend on it; contacts are tested with a fake)."""
    try:
        data_dir = request.getfixturevalue("data_dir")
    except Exception:
        data_dir = tmp_path_factory.mktemp("staff-empty-data")
    return create_app({"TESTING": True, "DATA_DIR": str(data_dir)})


@pytest.fixture
def client(staff_app):
    return staff_app.test_client()


def post(client, data, url=STAFF):
    return client.post(url, data=data)


def findings(doc) -> dict:
    """finding id -> (action, has duty, text)."""
    return {el.attrs["data-finding"]: (el.attrs.get("data-action"), "data-duty" in el.attrs, " ".join(el.text.split()))
            for el in doc.find_all(data_finding=True)}


def routes(doc) -> list[str]:
    return [el.attrs["data-route"] for el in doc.find_all("li", data_route=True)]


# --- the form --------------------------------------------------------------------------------

def test_staff_form_posts_to_itself_with_autocomplete_off(client):
    doc = check_page(client.get(STAFF))
    form = doc.find("form", action=STAFF)
    assert form is not None and form.attrs["method"] == "post"
    inputs = [el for el in doc.find_all("input") if el.attrs.get("type") not in {"submit", "button", "hidden"}]
    assert inputs and all(el.attrs.get("autocomplete") == "off" for el in inputs)


def test_staff_form_asks_for_the_risk_checklist_total_without_reproducing_its_questions(client):
    doc = check_page(client.get(STAFF))
    assert "SafeLives" in doc.text
    assert doc.find("input", name="ric") is not None
    # the checklist's own wording is not on the page (a few of its topics, phrased as questions)
    assert "Is the victim very frightened?" not in doc.text
    assert "Has the current incident resulted in injury?" not in doc.text


def test_staff_form_result_and_summary_work_in_another_language(client):
    check_page(client.get("/pl/staff"), lang="pl")
    check_page(client.post("/pl/staff", data=E02), lang="pl")
    check_page(client.post("/pl/staff/summary", data=E02), lang="pl")
    check_page(client.post("/ar/staff", data=E08), lang="ar")


def test_staff_contacts_give_labels_and_opening_hours_in_the_page_language(client):
    english = " ".join(check_page(post(client, E02)).text.split())
    polish = " ".join(check_page(client.post("/pl/staff", data=E02), lang="pl").text.split())
    assert "Website and referral form: https://changingpathways.org/ (Not stated)" in english
    assert "Strona internetowa i formularz skierowania: https://changingpathways.org/ (Nie podano)" in polish
    assert "Website and referral form" not in polish and "(Not stated)" not in polish


# --- the professional scenarios -----------------------------------------------------------------

def test_gp_with_15_on_the_risk_checklist_is_told_to_refer_to_marac_and_an_idva(client):
    doc = check_page(post(client, E02))
    found = findings(doc)
    action, _duty, text = found["marac-threshold"]
    assert action == "refer"
    assert "15 of 24 on the risk checklist: threshold of 14 met" in text
    assert "R11" in text and "R14" in text and "SafeLives MARAC criteria" in text
    assert found["idva"][0] == "refer" and "R11" in found["idva"][2]
    assert "outreach" not in found
    assert {"marac-referral", "changing-pathways-idva"} <= set(routes(doc))
    assert not {"changing-pathways-outreach", "adult-safeguarding"} & set(routes(doc))


def test_teacher_told_of_fgm_by_a_9_year_old_has_the_mandatory_reporting_duty(client):
    doc = check_page(post(client, E08))
    action, duty, text = findings(doc)["fgm-duty"]
    assert action == "refer" and duty
    assert "R50" in text and "FGM Act 2003 s.5B" in text
    assert "101" in text and "next working day" in text and "Never examine" in text
    assert {"police-101-fgm-report", "thurrock-mash"} <= set(routes(doc))
    assert "adult-safeguarding" not in routes(doc)
    assert "one-chance" in findings(doc)
    assert "mash" in findings(doc) and "R43" in findings(doc)["mash"][2]


def test_social_worker_with_an_adult_who_refuses_the_nrm_is_told_to_send_an_ms1(client):
    doc = check_page(post(client, E10))
    action, duty, text = findings(doc)["nrm"]
    assert action == "refer" and duty
    assert "R67" in text and "Duty to Notify" in text and "MS1" in text and "anonymous" in text
    assert {"nrm-first-responder", "modern-slavery-helpline", "police-101"} <= set(routes(doc))
    assert "thurrock-mash" not in routes(doc)
    assert "mash" not in findings(doc)


def test_every_scenario_result_states_consent_and_information_sharing_and_the_dsl(client):
    for data in (E02, E08, E10):
        found = findings(check_page(post(client, data)))
        assert "R76" in found["consent-sharing"][2] and "lawful" in found["consent-sharing"][2]
        assert "record" in found["consent-sharing"][2].lower()
        assert "R78" in found["dsl"][2]


# --- boundaries ----------------------------------------------------------------------------------

def test_marac_threshold_is_met_at_14_and_not_at_13(client):
    at_13 = findings(check_page(post(client, {**E02, "ric": "13"})))
    assert at_13["marac-threshold"][0] == "does-not-apply"
    assert "13 of 24" in at_13["marac-threshold"][2] and "below the threshold of 14" in at_13["marac-threshold"][2]
    assert at_13["outreach"][0] == "signpost"
    assert "idva" not in at_13
    at_14 = findings(check_page(post(client, {**E02, "ric": "14"})))
    assert at_14["marac-threshold"][0] == "refer"
    assert "14 of 24 on the risk checklist: threshold of 14 met" in at_14["marac-threshold"][2]


def test_professional_judgement_meets_marac_below_14(client):
    found = findings(check_page(post(client, {**E02, "ric": "8", "risk_indicators": ["strangulation"]})))
    assert found["marac-threshold"][0] == "refer"
    assert "Professional judgement" in found["marac-threshold"][2] and "R12" in found["marac-threshold"][2]


def test_three_police_callouts_meet_the_escalation_criterion_and_two_do_not(client):
    base = {"concerns": ["domestic-abuse"], "age": "30", "regulated": "yes"}
    three = findings(check_page(post(client, {**base, "callouts": "3"})))["marac-threshold"]
    two = findings(check_page(post(client, {**base, "callouts": "2"})))["marac-threshold"]
    assert three[0] == "refer" and "3 police call-outs" in three[2]
    assert two[0] == "does-not-apply" and "below the 3" in two[2]


@pytest.mark.parametrize("change, reason", [
    ({"regulated": "no"}, "regulated"),
    ({"age": "19"}, "18 or over"),
    ({"fgm_status": "at-risk"}, "not known"),
])
def test_fgm_duty_applies_only_to_regulated_professionals_under_18s_and_known_cases(client, change, reason):
    doc = check_page(post(client, {**E08, **change}))
    action, duty, text = findings(doc)["fgm-duty"]
    assert action == "does-not-apply" and not duty
    assert "does not apply" in text and reason in text
    assert "R51" in text
    assert "police-101-fgm-report" not in [el.attrs["data-contacts-for"]
                                           for el in doc.find_all(data_contacts_for=True)]


def test_fgm_duty_boundary_says_what_to_do_instead(client):
    girl = findings(check_page(post(client, {**E08, "fgm_status": "at-risk"})))["fgm-duty"][2]
    woman = findings(check_page(post(client, {**E08, "age": "30"})))["fgm-duty"][2]
    assert "MASH" in girl and "FGM Protection Order" in girl
    assert "health support" in woman and "daughters" in woman


def test_adult_nrm_needs_consent_and_a_child_nrm_does_not(client):
    agrees = findings(check_page(post(client, {**E10, "consents": "yes"})))["nrm"]
    assert agrees[0] == "refer" and "informed consent" in agrees[2] and "MS1" not in agrees[2]
    child = check_page(post(client, {**E10, "age": "16", "consents": "no"}))
    nrm = findings(child)["nrm"]
    assert "no consent is needed" in nrm[2] and "R68" in nrm[2]
    assert "thurrock-mash" in routes(child) or "mash" in findings(child)


def test_non_first_responder_is_told_to_signpost_modern_slavery_not_refer_to_the_nrm(client):
    nrm = findings(check_page(post(client, {**E10, "first_responder": "no"})))["nrm"]
    assert nrm[0] == "does-not-apply" and "R65" in nrm[2] and "Only first responder" in nrm[2]


def test_a_16_year_old_in_an_abusive_relationship_goes_to_mash_as_well_as_marac(client):
    doc = check_page(post(client, {"concerns": ["domestic-abuse"], "age": "16", "gender": "female",
                                   "risk_indicators": ["threats-to-kill"]}))
    found = findings(doc)
    assert found["mash"][0] == "refer" and "R15" in found["mash"][2] and "16- or 17-year-old" in found["mash"][2]
    assert found["marac-threshold"][0] == "refer" and "R15" in found["marac-threshold"][2]
    assert {"thurrock-mash", "marac-referral"} <= set(routes(doc))


def test_under_16_gets_mash_and_no_marac(client):
    found = findings(check_page(post(client, {"concerns": ["domestic-abuse"], "age": "15", "ric": "20"})))
    assert found["marac-threshold"][0] == "does-not-apply" and "R16" in found["marac-threshold"][2]
    assert found["mash"][0] == "refer"


def test_children_who_witness_domestic_abuse_are_referred_to_mash_in_their_own_right(client):
    found = findings(check_page(post(client, {**E02, "ric": "5", "children": "yes"})))
    assert found["mash"][0] == "refer" and "R8" in found["mash"][2] and "victims in their own right" in found["mash"][2]


def test_care_act_s42_only_for_adults(client):
    adult = findings(check_page(post(client, {**E02, "care_needs": "yes"})))["adult-safeguarding"]
    child = findings(check_page(post(client, {**E02, "age": "17", "care_needs": "yes"})))["adult-safeguarding"]
    assert adult[0] == "refer" and "R48" in adult[2]
    assert child[0] == "does-not-apply" and "R49" in child[2]


def test_low_risk_adult_who_declines_is_signposted_not_referred(client):
    found = findings(check_page(post(client, {"concerns": ["domestic-abuse"], "age": "40", "ric": "4",
                                              "consents": "no"})))
    assert found["consent-sharing"][0] == "signpost"
    assert "does not agree" in found["consent-sharing"][2]


# --- contacts from the directory ----------------------------------------------------------------

@dataclass(frozen=True)
class FakeContact:
    kind: str
    value: str
    confidence: str
    checked: str
    source: str = "https://example.invalid/source"
    label: str = ""
    hours: str = ""
    href: str | None = None


@dataclass(frozen=True)
class FakeService:
    id: str
    name: str
    contacts: tuple
    code: str = "x1"
    how_else: str = ""


class FakeSnapshot:
    version = "abcdef0123456789"

    def __init__(self, services):
        self.by_id = {s.id: s for s in services}


def test_contacts_show_confidence_and_last_checked_and_unverified_ones_are_labelled(client, monkeypatch):
    from signpost.views import staff
    snap = FakeSnapshot([
        FakeService("marac-referral", "Thurrock MARAC", (
            FakeContact("email", "marac@example.invalid", "unverified", "2026-01-02"),
            FakeContact("web", "https://example.invalid/marac", "secondary", "2026-01-03", href="https://example.invalid/marac"),
        )),
        FakeService("changing-pathways-idva", "IDVA service", (FakeContact("phone", "01234 000000", "confirmed", "2026-02-03",
                                                                           href="tel:01234000000"),)),
    ])
    monkeypatch.setattr(staff, "_snapshot", lambda: snap)
    for url in (STAFF, SUMMARY):
        doc = check_page(post(client, E02, url))
        assert "unverified: check before use" in doc.text
        assert "last checked 2026-01-02" in doc.text and "last checked 2026-02-03" in doc.text
        assert "confirmed" in doc.text and "from a secondary source" in doc.text
        link = doc.find("a", href="https://example.invalid/marac")
        assert link is not None and link.attrs.get("rel") == "noreferrer noopener"


# --- bad and tampered input ---------------------------------------------------------------------

@pytest.mark.parametrize("field, value", [("age", "twelve"), ("age", "121"), ("ric", "25"), ("ric", "-1"),
                                          ("callouts", "lots"), ("age", "1.5")])
def test_a_fixable_mistake_re_renders_the_form_with_an_error_summary(client, field, value):
    doc = check_page(post(client, {**E02, field: value}), status=400)
    summary = doc.find("div", class_="error-summary")
    assert summary is not None and summary.text.strip()
    assert doc.find("form", action=STAFF) is not None


@pytest.mark.parametrize("data", [
    {"concerns": ["hacking"]},
    {"gender": "robot"},
    {"gender": ["female", "male"]},
    {"concerns": ["fgm", "fgm"]},
    {"consents": "maybe"},
    {"risk_indicators": ["children-in-home-and-more"]},
    {"age": "1" * 50},
])
def test_tampered_answers_get_a_400_page_not_a_500(client, data):
    for url in (STAFF, SUMMARY):
        check_page(post(client, data, url), status=400)


def test_summary_refuses_answers_with_mistakes(client):
    check_page(post(client, {**E02, "age": "twelve"}, SUMMARY), status=400)


def test_staff_pages_survive_odd_bytes(client):
    response = client.post(STAFF, data=b"age=%ff%fe&concerns=%00", content_type="application/x-www-form-urlencoded")
    assert response.status_code in {200, 400}


# --- privacy: nothing in URLs or titles, no personal data on the summary --------------------------

MARKER_AGE = "47"


def _links(doc) -> list[str]:
    return [el.attrs[a] for el in doc.elements for a in ("href", "action", "src") if a in el.attrs]


def test_answers_never_reach_a_url_title_or_location(client):
    """Two different sets of answers give exactly the same links: answers never shape a URL (P6)."""
    one = {**E02, "age": MARKER_AGE, "callouts": "29"}
    other = {**E02, "age": "33", "callouts": "1"}
    for url in (STAFF, SUMMARY):
        first, second = post(client, one, url), post(client, other, url)
        for response in (first, second):
            assert response.status_code == 200 and "Location" not in response.headers
        a, b = parse(first.get_data(as_text=True)), parse(second.get_data(as_text=True))
        assert MARKER_AGE not in a.title and "29" not in a.title and "domestic" not in a.title.lower()
        assert a.title == b.title
        assert sorted(_links(a)) == sorted(_links(b))
        assert not any("?" in link for link in _links(a) if not link.startswith(("tel:", "mailto:", "sms:", "https:")))


def test_summary_holds_no_personal_data_fields_and_does_not_echo_the_age(client):
    doc = check_page(post(client, {**E02, "age": MARKER_AGE}, SUMMARY))
    assert doc.find_all("input") == [] and doc.find_all("textarea") == [] and doc.find_all("select") == []
    main = " ".join(doc.find("main").text.split())
    assert "18 or over" in main
    import re
    assert not re.search(rf"\b{MARKER_AGE}\b", main)


def test_summary_holds_routes_thresholds_duties_and_checklists(client):
    doc = check_page(post(client, E02, SUMMARY))
    found = findings(doc)
    assert found["marac-threshold"][0] == "refer" and "threshold of 14 met" in found["marac-threshold"][2]
    assert "Gather:" in found["marac-threshold"][2]
    assert {"marac-referral", "changing-pathways-idva"} <= set(routes(doc))
    assert doc.find("button", data_print=True) is not None


def test_result_page_offers_the_printable_summary_by_post(client):
    doc = check_page(post(client, E02))
    form = doc.find("form", action=SUMMARY)
    assert form is not None and form.attrs["method"] == "post"
    hidden = {(el.attrs["name"], el.attrs["value"]) for el in doc.find_all("input", type="hidden")}
    assert ("ric", "15") in hidden and ("concerns", "domestic-abuse") in hidden


def test_staff_pages_set_no_cookie_and_are_not_cached(client):
    for response in (client.get(STAFF), post(client, E02), post(client, E02, SUMMARY)):
        assert "Set-Cookie" not in response.headers
        assert "no-store" in response.headers.get("Cache-Control", "")


def test_a_personal_duty_is_listed_before_the_other_findings(client):
    doc = check_page(post(client, E08))
    order = [el.attrs["data-finding"] for el in doc.find_all(data_finding=True)]
    assert order[0] == "fgm-duty"
    assert order.index("consent-sharing") > order.index("mash")


from hypothesis import HealthCheck, given, settings, strategies as st  # noqa: E402

_NAMES = st.sampled_from(["concerns", "age", "gender", "ric", "risk_indicators", "callouts", "children", "care_needs",
                          "regulated", "first_responder", "consents", "fgm_status", "in_thurrock", "role", "x"])
_VALUES = st.one_of(st.sampled_from(["", "yes", "no", "fgm", "known", "female", "15", "-1", "1e9", "domestic-abuse"]),
                    st.text(max_size=30))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(answers=st.lists(st.tuples(_NAMES, _VALUES), max_size=12))
def test_any_posted_answers_give_a_page_or_a_400_never_a_500(client, answers):
    for url in (STAFF, SUMMARY):
        from werkzeug.datastructures import MultiDict
        response = client.post(url, data=MultiDict(answers))
        assert response.status_code in {200, 400}
        assert "Set-Cookie" not in response.headers


def test_result_links_to_the_staff_directory_for_all_contacts(client):
    doc = check_page(post(client, E02))
    link = [el for el in doc.find_all("a") if "staff directory" in el.text]
    assert link and link[0].attrs["href"].startswith("/en/")


def test_staff_form_gives_wtforms_own_messages_through_the_site_catalog(staff_app):
    from signpost.i18n_extract import WTFormsTranslations
    from signpost.staff_forms import StaffForm
    with staff_app.test_request_context("/pl/staff"):
        form = StaffForm()
        assert isinstance(form.meta.get_translations(form), WTFormsTranslations)
        assert form.meta.get_translations(form).gettext("Not a valid choice.")
