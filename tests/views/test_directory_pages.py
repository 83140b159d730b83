"""The directory pages: browse and filter, one page per service, and the staff view."""
from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from werkzeug.datastructures import MultiDict

from tests.html import check_page, parse

CONCERN_WORDS = ("domestic", "abuse", "sexual", "violence", "stalk", "honour", "forced", "marriage",
                 "fgm", "slavery", "exploit", "harass", "image", "rape", "child")


@pytest.fixture
def snapshot(app):
    """The directory being served: the real directory.yaml, built once for the session."""
    from signpost.directory.store import current_snapshot
    with app.app_context():
        return current_snapshot()


def public_ids_on(doc, snapshot) -> set[str]:
    """Ids of the services whose pages a browse result links to."""
    found = set()
    for a in doc.find_all("a"):
        href = a.attrs.get("href", "")
        m = re.fullmatch(r"/en/s/([^/]+)", href)
        if m and m.group(1) in snapshot.by_code:
            found.add(snapshot.by_code[m.group(1)].id)
    return found


def browse(client, **fields):
    data = MultiDict()
    for key, value in fields.items():
        for v in (value if isinstance(value, (list, tuple)) else [value]):
            data.add(key, v)
    return client.post("/en/services", data=data)


# --- browse --------------------------------------------------------------------------------

def test_browse_page_lists_every_public_service_and_no_staff_only_route(client, snapshot):
    doc = check_page(client.get("/en/services"))
    ids = public_ids_on(doc, snapshot)
    public = {s.id for s in snapshot.services if s.audience == "public"}
    staff_only = {s.id for s in snapshot.services if s.audience == "professional"}
    assert ids == public
    assert staff_only and not ids & staff_only


def test_browse_form_posts_to_itself_and_keeps_autocomplete_off(client, snapshot):
    doc = check_page(client.get("/en/services"))
    form = doc.find("form", class_="directory-filters")
    assert form.attrs["method"] == "post"
    assert form.attrs["action"] == "/en/services"
    inputs = [el for el in doc.elements if el.tag == "input"]
    assert inputs and all(el.attrs.get("autocomplete") == "off" for el in inputs)


def test_browse_links_to_the_staff_directory(client, snapshot):
    doc = check_page(client.get("/en/services"))
    assert doc.find("a", href="/en/staff/services") is not None


def test_age_15_hides_services_for_adults_only(client, snapshot):
    doc = check_page(browse(client, age="15"))
    ids = public_ids_on(doc, snapshot)
    adults_only = {s.id for s in snapshot.services if int(s.min_age or 0) >= 16 and s.audience == "public"}
    assert adults_only, "the data has services for over-16s or over-18s"
    assert ids and not ids & adults_only
    assert "childline" in ids


def test_gender_male_shows_the_mens_advice_line_and_hides_women_only_services(client, snapshot):
    doc = check_page(browse(client, gender="male"))
    ids = public_ids_on(doc, snapshot)
    assert "mens-advice-line" in ids
    women_only = {s.id for s in snapshot.services if set(s.genders) == {"female"}}
    assert not ids & women_only


def test_forced_marriage_concern_shows_karma_nirvana_and_hides_unrelated_services(client, snapshot):
    doc = check_page(browse(client, concerns="forced-marriage"))
    ids = public_ids_on(doc, snapshot)
    assert "karma-nirvana" in ids
    assert all("forced-marriage" in snapshot.by_id[i].concerns for i in ids)


def test_several_filters_together_narrow_the_list_further(client, snapshot):
    everything = public_ids_on(check_page(client.get("/en/services")), snapshot)
    narrow = public_ids_on(check_page(browse(client, concerns="stalking", scope="national",
                                             access="self-referral")), snapshot)
    assert narrow and narrow < everything
    for i in narrow:
        s = snapshot.by_id[i]
        assert "stalking" in s.concerns and s.scope == "national" and "self-referral" in s.access


def test_filtering_never_redirects_and_keeps_choices_out_of_urls_and_the_title(client, snapshot):
    response = browse(client, concerns=["forced-marriage", "fgm"], age="17", gender="non-binary",
                      access="police", scope="local")
    assert response.status_code == 200
    assert "Location" not in response.headers
    doc = check_page(response)
    assert doc.title.strip() == check_page(client.get("/en/services")).title.strip()
    for el in doc.elements:
        for attr in ("href", "action", "src"):
            url = el.attrs.get(attr, "")
            assert "?" not in url or "forced" not in url
            assert not any(w in url for w in ("forced-marriage", "fgm", "non-binary", "age=", "police"))


def test_a_filter_that_matches_nothing_says_so_and_offers_the_helpline(client, snapshot):
    doc = check_page(browse(client, concerns="fgm", age="90", gender="male", access="police",
                            scope="local"))
    assert "No service matches everything you chose" in doc.text
    assert doc.find("a", href="tel:08082000247") is not None


@pytest.mark.parametrize("age, message", [
    ("abc", "Enter the age as a number"),
    ("999", "Enter an age from 0 to 120"),
    ("-3", "Enter an age from 0 to 120"),
    ("1" * 5000, "Enter the age as a number"),
], ids=["letters", "too-old", "negative", "huge"])
def test_a_mistyped_age_re_renders_the_form_with_a_clear_error(client, snapshot, age, message):
    doc = check_page(browse(client, age=age))
    assert message in doc.text
    assert doc.find("div", class_="error-summary") is not None
    assert doc.find("a", href="#age") is not None


@pytest.mark.parametrize("field, value", [
    ("concerns", "not-a-concern"),
    ("concerns", "not-sure"),
    ("gender", "robot"),
    ("access", "<script>"),
    ("scope", "mars"),
])
def test_a_choice_the_page_never_offered_gives_400_with_the_form_and_an_error(client, snapshot, field, value):
    doc = check_page(browse(client, **{field: value}), status=400)
    assert "Choose from the options shown" in doc.text
    assert "<script>" not in str(doc.text) or "&lt;" not in doc.text


def test_browse_ignores_fields_it_does_not_know(client, snapshot):
    check_page(browse(client, colour="blue", age="30"))


# --- service pages -------------------------------------------------------------------------

def test_every_service_page_answers_with_its_name(client, snapshot):
    for service in snapshot.services:
        doc = check_page(client.get(f"/en/s/{service.code}"))
        assert doc.find("h1").text.strip() == service.name


def test_service_page_titles_are_neutral(client, snapshot):
    titles = {check_page(client.get(f"/en/s/{s.code}")).title for s in snapshot.services}
    assert len(titles) == 1
    title = titles.pop().lower()
    assert not any(w in title for w in CONCERN_WORDS)


def test_neutral_codes_do_not_name_the_service_or_what_is_happening(snapshot):
    for service in snapshot.services:
        code = service.code.lower()
        assert service.id not in code
        assert not any(word in code for word in CONCERN_WORDS), code
        assert all(part not in code for part in service.id.split("-") if len(part) > 3), code


def test_an_unknown_service_code_is_404(client, snapshot):
    check_page(client.get("/en/s/zzzzzzzz"), status=404)
    check_page(client.get("/en/s/" + "a" * 500), status=404)
    check_page(client.get("/en/s/%E2%80%AE"), status=404)


def test_unverified_contacts_never_appear_on_public_pages_but_do_on_the_staff_view(client, snapshot):
    unverified = [(s, c) for s in snapshot.services for c in s.contacts if c.confidence == "unverified"]
    assert unverified, "the real directory has unverified contacts"
    public_values = {c.value for s in snapshot.services for c in s.contacts if c.public}
    pages = [client.get("/en/services").get_data(as_text=True)]
    pages += [client.get(f"/en/s/{s.code}").get_data(as_text=True) for s in snapshot.services]
    staff = client.get("/en/staff/services").get_data(as_text=True)
    for service, contact in unverified:
        if contact.value in public_values:
            continue  # the same number is also confirmed elsewhere
        for page in pages:
            assert contact.value not in page and contact.href not in page
        assert contact.value in staff


def test_phone_contacts_are_tel_links(client, snapshot):
    for service in snapshot.services:
        phones = [c for c in service.public_contacts if c.kind == "phone"]
        if not phones or service.audience == "professional":
            continue
        doc = check_page(client.get(f"/en/s/{service.code}"))
        for phone in phones:
            link = doc.find("a", href=phone.href)
            assert link is not None and phone.href.startswith("tel:"), phone.value
            assert link.text.strip() == phone.value


def test_every_external_link_sends_no_referrer(client, snapshot):
    urls = ["/en/services", "/en/staff/services"] + [f"/en/s/{s.code}" for s in snapshot.services]
    for url in urls:
        doc = parse(client.get(url).get_data(as_text=True))
        for a in doc.find_all("a"):
            if a.attrs.get("href", "").startswith(("http:", "https:", "//")):
                assert a.attrs.get("rel") == "noreferrer noopener", (url, a.attrs)


def test_a_24_hour_service_shows_open_now(client, snapshot):
    service = snapshot.by_id["national-da-helpline"]
    assert any(c.open == "24/7" for c in service.public_contacts)
    doc = check_page(client.get(f"/en/s/{service.code}"))
    assert "Open now" in doc.text


def test_service_page_shows_who_it_is_for_how_to_get_in_touch_and_when_checked(client, snapshot):
    service = snapshot.by_id["karma-nirvana"]
    doc = check_page(client.get(f"/en/s/{service.code}"))
    for heading in ("What they offer", "Who it is for", "How to get support"):
        assert doc.find("h2", string=None) is not None and heading in doc.text
    assert "Last checked" in doc.text
    assert service.who_for.split()[0] in doc.text


def test_old_contacts_say_details_may_have_changed(client, snapshot, app, monkeypatch):
    service = snapshot.by_id["national-da-helpline"]
    monkeypatch.setitem(app.config, "STALE_DAYS", -100000)
    stale = check_page(client.get(f"/en/s/{service.code}"))
    monkeypatch.setitem(app.config, "STALE_DAYS", 100000)
    fresh = check_page(client.get(f"/en/s/{service.code}"))
    notice = "These details may have changed since we last checked them."
    assert notice in stale.text and stale.find("p", class_="notice notice--warning contact__stale")
    assert notice not in fresh.text


def test_print_button_needs_javascript_and_the_page_says_how_to_print_without_it(client, snapshot):
    service = snapshot.by_id["national-da-helpline"]
    doc = check_page(client.get(f"/en/s/{service.code}"))
    button = doc.find("button", data_print=True)
    assert button is not None and "hidden" in button.attrs
    assert "use your browser's print option" in doc.text
    assert doc.find("script", src="/static/js/print.js") is not None


def test_staff_only_route_page_does_not_offer_contacts_to_the_public(client, snapshot):
    for service in snapshot.services:
        if service.audience != "professional":
            continue
        page = client.get(f"/en/s/{service.code}")
        doc = check_page(page)
        assert "referral route for professionals" in doc.text
        for contact in service.contacts:
            assert contact.href not in page.get_data(as_text=True)


def test_related_services_link_to_their_pages(client, snapshot):
    service = snapshot.by_id["emergency-999"]
    doc = check_page(client.get(f"/en/s/{service.code}"))
    for rid in service.related:
        other = snapshot.by_id[rid]
        assert doc.find("a", href=f"/en/s/{other.code}") is not None


# --- staff view ----------------------------------------------------------------------------

def test_staff_view_lists_every_entry_with_confidence_source_and_date(client, snapshot):
    doc = check_page(client.get("/en/staff/services"))
    names = {el.text.split("Professional referral route")[0].strip()
             for el in doc.find_all("h2", class_="staff-entry__name")}
    assert names == {s.name for s in snapshot.services}
    assert "This page is for professionals" in doc.text
    assert "Not shown to the public: check before use." in doc.text
    for service in snapshot.services:
        for contact in service.contacts:
            if contact.source.startswith("https://"):
                link = doc.find("a", href=contact.source)
                assert link is not None and link.attrs["rel"] == "noreferrer noopener"


# --- languages -----------------------------------------------------------------------------

def test_directory_pages_render_right_to_left_in_arabic(client, snapshot):
    service = snapshot.by_id["karma-nirvana"]
    for url in ("/ar/services", f"/ar/s/{service.code}", "/ar/staff/services"):
        doc = check_page(client.get(url), lang="ar")
        assert doc.find("html").attrs["dir"] == "rtl"
    doc = check_page(client.post("/ar/services", data={"age": "abc"}), lang="ar")
    assert doc.find("html").attrs["dir"] == "rtl"


# --- the clock, the cache and translations -------------------------------------------------

def _weekday_only_service(snapshot):
    for service in snapshot.services:
        if service.audience == "public" and any(
                c.open.startswith("mon-fri ") and ";" not in c.open for c in service.public_contacts):
            return service
    pytest.skip("no public service with weekday-only hours")


def test_open_now_follows_the_london_clock_even_when_the_page_is_cached(client, snapshot, monkeypatch):
    import datetime as dt
    from zoneinfo import ZoneInfo
    service = _weekday_only_service(snapshot)
    london = ZoneInfo("Europe/London")
    sunday_night = dt.datetime(2026, 11, 22, 3, 0, tzinfo=london)
    monday_noon = dt.datetime(2026, 11, 23, 12, 0, tzinfo=london)
    monkeypatch.setattr("signpost.directory.hours.london_now", lambda: sunday_night)
    assert "Closed now" in check_page(client.get(f"/en/s/{service.code}")).text
    monkeypatch.setattr("signpost.directory.hours.london_now", lambda: monday_noon)
    assert "Open now" in check_page(client.get(f"/en/s/{service.code}")).text


def test_cached_pages_are_the_same_page_with_the_same_headers(client, snapshot):
    for url in ("/en/services", "/en/staff/services", f"/en/s/{snapshot.services[0].code}"):
        first, second = client.get(url), client.get(url)
        assert first.get_data() == second.get_data()
        assert first.headers.get("Cache-Control") == second.headers.get("Cache-Control")
        check_page(second)


def test_a_translated_offers_text_is_sanitised_before_it_is_shown(app, snapshot, monkeypatch):
    from signpost.views import directory
    service = snapshot.by_id["karma-nirvana"]
    monkeypatch.setattr(directory, "_", lambda text, **kw:
                        '<p onclick="x()">Hola</p><script>alert(1)</script><a href="javascript:x">y</a>')
    with app.test_request_context("/en/services"):
        html = str(directory.offers_html(service))
    assert "Hola" in html
    assert "<script" not in html and "onclick" not in html and "javascript:" not in html


def test_browse_results_in_another_language_keep_numbers_and_names_as_they_are(client, snapshot):
    doc = check_page(client.post("/pl/services", data={"gender": "male"}), lang="pl")
    mens = snapshot.by_id["mens-advice-line"]
    assert mens.name in doc.text
    phone = next(c for c in mens.public_contacts if c.kind == "phone")
    assert doc.find("a", href=phone.href).text.strip() == phone.value


def test_filters_in_a_url_are_ignored_so_choices_never_live_in_links(client, snapshot):
    plain = public_ids_on(check_page(client.get("/en/services")), snapshot)
    with_query = public_ids_on(check_page(client.get("/en/services?concerns=fgm&age=5")), snapshot)
    assert with_query == plain


_FIELDS = st.sampled_from(["concerns", "age", "gender", "access", "scope", "other"])
_VALUES = st.one_of(st.text(max_size=40), st.sampled_from(
    ["fgm", "forced-marriage", "male", "local", "police", "16", "0", "120", "121", "-0", "٣٠", "1e3"]))


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(_FIELDS, _VALUES), max_size=8))
def test_any_filter_form_gets_a_page_or_a_clear_400_never_a_500(client, snapshot, pairs):
    data = MultiDict(pairs)
    response = client.post("/en/services", data=data)
    assert response.status_code in (200, 400)
    doc = check_page(response, status=response.status_code)
    if response.status_code == 400:
        assert doc.find("div", class_="error-summary") is not None


def test_without_directory_data_the_pages_answer_503_with_the_helplines(client, snapshot, tmp_path):
    from signpost import create_app
    code = snapshot.services[0].code
    client.get(f"/en/s/{code}")   # a page another site instance had ready changes nothing here
    empty = create_app({"TESTING": True, "DATA_DIR": str(tmp_path)}).test_client()
    for response in (empty.post("/en/services", data={"age": "20"}),
                     empty.get(f"/en/s/{code}"),
                     empty.get(f"/en/s/{code}"),
                     empty.get("/en/staff/services")):
        doc = check_page(response, status=503)
        assert "0808 2000 247" in doc.text
