"""P16: pathway state is untrusted. A Hypothesis state machine answers, skips, goes back,
repeats, changes answers and tampers with the hidden fields: never a 5xx, tampering is a 400,
and the routes shown depend only on the (valid) answers carried."""
from __future__ import annotations

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule, run_state_machine_as_test
from werkzeug.datastructures import MultiDict

from pathways import FIELD_SPECS, recommend
from signpost import pathway_forms as pf
from tests.views.test_pathway_helpers import Walker

SAFE_TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=20)
# Values no page ever sends for any fact, whatever its kind.
BAD_VALUES = st.one_of(
    st.sampled_from(["maybe", "-1", "1e999", "NaN", "inf", "x" * 600, "domestic-abuse,banana", "true,false"]),
    SAFE_TEXT.map(lambda t: "zz" + t),
)
FACT_NAMES = sorted(FIELD_SPECS)
UNKNOWN_NAMES = SAFE_TEXT.filter(lambda n: n not in pf.CONTROL and not n.startswith(pf.FACT_PREFIX) and n != "do")


def _help_is_there(response):
    """A cheap form of check_page (which every flow page passes in test_pathway_flow.py)."""
    body = response.get_data(as_text=True)
    assert "Set-Cookie" not in response.headers
    assert body.count("data-quick-exit") >= 2 and "999" in body


class PathwayMachine(RuleBasedStateMachine):
    def __init__(self, client, app):
        super().__init__()
        self.walker = Walker(client)
        self.app = app
        self.last_status = None

    # -- helpers
    def _expect(self, response, status):
        assert response.status_code < 500, response.status_code
        assert "Location" not in response.headers
        assert response.status_code == status, (status, response.status_code)
        _help_is_there(response)
        self.last_status = status

    def _form(self):
        return self.walker.main_form()

    def _has(self, value):
        form = self._form()
        return form is not None and form.has_button(value)

    @initialize()
    def start(self):
        self._expect(self.walker.start(), 200)

    # -- what a person can do
    @precondition(lambda self: self._has("answer"))
    @rule(data=st.data())
    def answer(self, data):
        form = self._form()
        kinds = {kind for kind, _, _ in form.options}
        values = [v for _, v, _ in form.options]
        if form.text_inputs:
            answer = [data.draw(st.one_of(st.integers(0, 120).map(str), SAFE_TEXT), label="typed")]
        elif "checkbox" in kinds:
            answer = data.draw(st.lists(st.sampled_from(values), unique=True, max_size=4), label="ticked")
        else:
            answer = data.draw(st.lists(st.sampled_from(values), max_size=1), label="chosen")
        self._expect(self.walker.answer(*answer), 200)

    @precondition(lambda self: self._has("skip"))
    @rule()
    def skip(self):
        self._expect(self.walker.skip(), 200)

    @precondition(lambda self: self.walker.back_form() is not None)
    @rule()
    def back(self):
        self._expect(self.walker.back(), 200)

    @precondition(lambda self: self._has("next"))
    @rule()
    def carry_on(self):
        self._expect(self.walker.press("next"), 200)

    @precondition(lambda self: self._has("result") or self._has("check"))
    @rule(data=st.data())
    def check_change_or_result(self, data):
        buttons = [v for _, v, _ in self._form().buttons]
        choice = data.draw(st.sampled_from(buttons), label="button")
        self._expect(self.walker.press(choice), 200)

    @precondition(lambda self: self.walker.last_request is not None)
    @rule()
    def repeat(self):
        """The browser's Back or reload sends the same form again: same outcome."""
        before = self.last_status
        response = self.walker.resubmit()
        self._expect(response, before)

    # -- what an attacker (or a broken proxy) can do
    @precondition(lambda self: self._form() is not None)
    @rule(data=st.data())
    def tamper(self, data):
        form = self._form()
        hidden = list(form.hidden)
        how = data.draw(st.sampled_from(["unknown", "bad", "duplicate", "step", "seen", "huge", "answer"]), label="how")
        do = data.draw(st.sampled_from([v for _, v, _ in form.buttons] or ["answer"]), label="do")
        extra = []
        if how == "unknown":
            name = data.draw(st.one_of(UNKNOWN_NAMES, SAFE_TEXT.map(lambda t: pf.FACT_PREFIX + "zz" + t)), label="name")
            hidden.append((name, "1"))
        elif how == "bad":
            name = pf.FACT_PREFIX + data.draw(st.sampled_from(FACT_NAMES), label="fact")
            hidden = [(n, v) for n, v in hidden if n != name] + [(name, data.draw(BAD_VALUES, label="value"))]
        elif how == "duplicate":
            facts = [(n, v) for n, v in hidden if n.startswith(pf.FACT_PREFIX)]
            if not facts:
                facts = [(pf.FACT_PREFIX + "role", "self")]
                hidden += facts
            hidden.append(data.draw(st.sampled_from(facts), label="twice"))
        elif how == "step":
            hidden = [(n, v) for n, v in hidden if n != "step"] + [("step", data.draw(SAFE_TEXT.map(lambda t: "zz" + t)))]
        elif how == "seen":
            hidden = [(n, v) for n, v in hidden if n != "seen"] + [("seen", "danger,zz" + data.draw(SAFE_TEXT))]
        elif how == "huge":
            name = pf.FACT_PREFIX + data.draw(st.sampled_from(FACT_NAMES), label="fact")
            hidden = [(n, v) for n, v in hidden if n != name] + [(name, "a" * data.draw(st.integers(401, 20000)))]
        elif how == "answer":
            options = [v for _, v, _ in form.options]
            if not options:  # a page with no choices: tamper with a fact instead
                hidden.append((pf.FACT_PREFIX + "age", "-5"))
            else:
                extra = [("answer", "zz" + data.draw(SAFE_TEXT))]
                do = "answer"
        previous = self.walker.response
        request = self.walker.last_request
        response = self.walker.post(hidden + [("do", do)] + extra, form.action)
        assert response.status_code == 400, (how, response.status_code)
        _help_is_there(response)
        # the person's own page is still there (the browser keeps it): carry on from it
        self.walker.response = previous
        self.walker.last_request = request

    # -- what must always hold
    @invariant()
    def result_depends_only_on_the_answers(self):
        form = self._form()
        if form is None or dict(form.hidden).get("step") != "result":
            return
        state = pf.read_state(MultiDict(list(form.hidden)))
        from signpost.views import pathway
        with self.app.app_context():
            expected = [r["id"] for r in recommend(state.facts, pathway.eligibility_from_current_directory())["routes"]]
        assert self.walker.route_ids() == expected


def test_the_pathway_survives_any_sequence_of_answers_and_tampering(app, client):
    run_state_machine_as_test(
        lambda: PathwayMachine(client, app),
        settings=settings(max_examples=30, stateful_step_count=15, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much]),
    )
