"""The staff (professional) check form: WTForms, no Flask-WTF, nothing stored.

The form turns a professional's answers into pathway facts (role ``professional``).
Two kinds of bad input are told apart:

- a fixable mistake (an age typed as "twelve", a checklist total of 30) re-renders the form
  with an error summary;
- a value no honest browser could send (an unknown choice, a repeated single-choice field)
  is tampering: the view answers 400 (P16).
"""
from __future__ import annotations

from wtforms import Form, IntegerField, RadioField, SelectMultipleField
from wtforms.validators import NumberRange, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from signpost.i18n import lazy_gettext as _l

# Facts vocabulary (shared/facts.md). Imported from the engine when it is there, so a new
# value in the contract cannot drift from the form.
try:  # pragma: no cover - the engine is written alongside this module
    from pathways.facts import CONCERNS as _CONCERNS, RISK_INDICATORS as _RISK_INDICATORS
except ImportError:  # pragma: no cover
    _CONCERNS = (
        "domestic-abuse", "sexual-violence", "child-sexual-abuse", "child-sexual-exploitation",
        "stalking", "honour-based-abuse", "forced-marriage", "fgm", "modern-slavery",
        "sexual-harassment", "intimate-image-abuse", "not-sure",
    )
    _RISK_INDICATORS = (
        "physical-violence", "strangulation", "threats-to-kill", "weapon", "escalating",
        "pregnant", "recent-separation", "children-in-home", "fear-for-life",
        "sexual-violence-by-partner", "stalking-by-partner", "controlling-behaviour", "isolated",
    )

CONCERN_LABELS = {
    "domestic-abuse": _l("Domestic abuse (partner, ex-partner or family member, both 16 or over)"),
    "sexual-violence": _l("Rape or sexual assault"),
    "child-sexual-abuse": _l("Child sexual abuse"),
    "child-sexual-exploitation": _l("Child sexual exploitation or grooming"),
    "stalking": _l("Stalking or harassment"),
    "honour-based-abuse": _l("'Honour'-based abuse"),
    "forced-marriage": _l("Forced marriage or child marriage"),
    "fgm": _l("Female genital mutilation (FGM)"),
    "modern-slavery": _l("Modern slavery, trafficking or forced labour"),
    "sexual-harassment": _l("Sexual harassment"),
    "intimate-image-abuse": _l("Intimate images shared or threatened"),
    "not-sure": _l("Not sure yet"),
}

RISK_LABELS = {
    "physical-violence": _l("Physical violence"),
    "strangulation": _l("Strangling, choking or suffocating"),
    "threats-to-kill": _l("Threats to kill"),
    "weapon": _l("A weapon or object used or threatened"),
    "escalating": _l("Abuse getting worse or more frequent"),
    "pregnant": _l("Pregnant, or a baby in the last 18 months"),
    "recent-separation": _l("Separation, recent or planned"),
    "fear-for-life": _l("The person is very frightened, or fears for their life"),
    "sexual-violence-by-partner": _l("Sexual violence by the partner"),
    "stalking-by-partner": _l("Stalking by a partner or ex-partner"),
    "controlling-behaviour": _l("Controlling behaviour or extreme jealousy"),
    "isolated": _l("Isolated from family and friends"),
}
# "children-in-home" has its own question ("children in the household").
RISK_CHOICES_ORDER = tuple(r for r in _RISK_INDICATORS if r != "children-in-home")

YES, NO, UNKNOWN = "yes", "no", ""
TRI_CHOICES = [(UNKNOWN, _l("Not known")), (YES, _l("Yes")), (NO, _l("No"))]

# The fields that take one value each (tampering: two values, or a value not offered).
SINGLE_CHOICE = ("gender", "children", "care_needs", "regulated", "first_responder",
                 "consents", "fgm_status", "in_thurrock")
MULTI_CHOICE = ("concerns", "risk_indicators")
NUMBER_FIELDS = ("age", "ric", "callouts")
FIELD_NAMES = MULTI_CHOICE + SINGLE_CHOICE + NUMBER_FIELDS

MAX_CALLOUTS = 999


class _WholeNumber(IntegerField):
    """A whole number typed by a person; a mistake gets this field's own, translatable message."""

    def __init__(self, label=None, validators=None, not_a_number=None, **kwargs):
        super().__init__(label, validators, **kwargs)
        self.not_a_number = not_a_number

    def process_formdata(self, valuelist):
        if not valuelist or not valuelist[0].strip():
            self.data = None
            return
        text = valuelist[0].strip()
        if not (text.isascii() and text.isdigit()):
            self.data = None
            raise ValueError(str(self.not_a_number))
        self.data = int(text)


class _Checkboxes(SelectMultipleField):
    widget = ListWidget(html_tag="ul", prefix_label=False)
    option_widget = CheckboxInput()


class StaffForm(Form):
    """What a professional tells us; every field optional ("not known")."""

    concerns = _Checkboxes(
        _l("What is happening?"),
        choices=[(c, CONCERN_LABELS.get(c, c)) for c in _CONCERNS],
        description=_l("Choose all that apply."),
        validators=[Optional()],
    )
    age = _WholeNumber(
        _l("Age of the person harmed"),
        description=_l("In years. Leave blank if you do not know."),
        validators=[Optional(), NumberRange(min=0, max=120, message=_l("Enter an age between 0 and 120."))],
        not_a_number=_l("Enter the age as a whole number of years, for example 34."),
    )
    gender = RadioField(
        _l("Gender of the person harmed"),
        choices=[(UNKNOWN, _l("Not known")), ("female", _l("Female")), ("male", _l("Male")),
                 ("non-binary", _l("Non-binary"))],
        default=UNKNOWN,
    )
    ric = _WholeNumber(
        _l("SafeLives risk checklist (RIC) total"),
        description=_l("The number of 'yes' answers, 0 to 24, if you have completed the SafeLives Dash risk "
                       "checklist with the person. Use SafeLives' own checklist and guidance: this page does not "
                       "reproduce it. Leave blank if it has not been done."),
        validators=[Optional(), NumberRange(min=0, max=24, message=_l("Enter a checklist total between 0 and 24."))],
        not_a_number=_l("Enter the checklist total as a whole number between 0 and 24."),
    )
    risk_indicators = _Checkboxes(
        _l("Signs of serious risk (your professional judgement)"),
        choices=[(r, RISK_LABELS.get(r, r)) for r in RISK_CHOICES_ORDER],
        description=_l("Choose any that were disclosed or that you have seen."),
        validators=[Optional()],
    )
    callouts = _WholeNumber(
        _l("Police call-outs for domestic abuse in the last 12 months"),
        description=_l("A number. Leave blank if you do not know."),
        validators=[Optional(), NumberRange(min=0, max=MAX_CALLOUTS,
                                            message=_l("Enter a number of call-outs of 0 or more."))],
        not_a_number=_l("Enter the number of call-outs as a whole number, for example 2."),
    )
    children = RadioField(_l("Are there children in the household (or a pregnancy)?"),
                          choices=TRI_CHOICES, default=UNKNOWN)
    care_needs = RadioField(
        _l("Is this an adult with care and support needs who cannot protect themselves because of those needs?"),
        choices=TRI_CHOICES, default=UNKNOWN,
        description=_l("The Care Act 2014 section 42 test."),
    )
    regulated = RadioField(
        _l("Are you a regulated health or social care professional, or a teacher?"),
        choices=TRI_CHOICES, default=UNKNOWN,
        description=_l("For example registered with the GMC, NMC, HCPC, Social Work England, GDC, GPhC, GOC, "
                       "GOsC or GCC, or a teacher in England or Wales."),
    )
    first_responder = RadioField(
        _l("Does your organisation act as a National Referral Mechanism (NRM) first responder?"),
        choices=TRI_CHOICES, default=UNKNOWN,
        description=_l("For example the police, a local authority such as Thurrock Council, the Salvation Army, "
                       "Barnardo's or Migrant Help."),
    )
    consents = RadioField(_l("Does the person agree to a referral?"), choices=TRI_CHOICES, default=UNKNOWN)
    fgm_status = RadioField(
        _l("If FGM is a concern: is it known, or is a girl at risk?"),
        choices=[(UNKNOWN, _l("Not known, or FGM is not a concern")),
                 ("known", _l("Known: the girl or woman told you, or you saw signs")),
                 ("at-risk", _l("At risk, or suspected: no disclosure and no signs seen"))],
        default=UNKNOWN,
    )
    in_thurrock = RadioField(_l("Does the person live in Thurrock?"), choices=TRI_CHOICES, default=UNKNOWN)


def is_tampered(formdata) -> bool:
    """True when the posted data holds something the form never offers (P16)."""
    form = StaffForm()
    for name in MULTI_CHOICE + SINGLE_CHOICE:
        allowed = {value for value, _label in getattr(form, name).choices}
        values = formdata.getlist(name)
        if name in SINGLE_CHOICE and len(values) > 1:
            return True
        if name in MULTI_CHOICE and len(values) != len(set(values)):
            return True
        if any(v not in allowed for v in values):
            return True
    for name in NUMBER_FIELDS:
        values = formdata.getlist(name)
        if len(values) > 1 or any(len(v) > 20 for v in values):
            return True
    return False


def _tri(value: str):
    return True if value == YES else False if value == NO else None


def facts_from_form(form: StaffForm) -> dict:
    """The pathway facts for a validated form (role: professional). Unknown answers are left out."""
    concerns = list(form.concerns.data or [])
    risks = list(form.risk_indicators.data or [])
    children = _tri(form.children.data)
    if children and "children-in-home" not in risks:
        risks.append("children-in-home")
    facts: dict = {"role": "professional"}
    if concerns:
        facts["concerns"] = concerns
    if form.age.data is not None:
        facts["age"] = form.age.data
    if form.gender.data:
        facts["gender"] = form.gender.data
    if form.ric.data is not None:
        facts["ric_yes_count"] = form.ric.data
    if risks:
        facts["risk_indicators"] = risks
    if form.callouts.data is not None:
        facts["police_callouts_12m"] = form.callouts.data
    for field, fact in (("care_needs", "care_and_support_needs"), ("regulated", "regulated_professional"),
                        ("first_responder", "first_responder"), ("consents", "consents"),
                        ("in_thurrock", "in_thurrock")):
        value = _tri(getattr(form, field).data)
        if value is not None:
            facts[fact] = value
    if form.fgm_status.data and "fgm" in concerns:
        facts["fgm_status"] = form.fgm_status.data
    return facts


def answers_for_resubmit(form: StaffForm) -> list[tuple[str, str]]:
    """(name, value) pairs to carry the answers to the summary page in a POST body (never a URL)."""
    pairs: list[tuple[str, str]] = []
    for name in MULTI_CHOICE:
        for value in getattr(form, name).data or []:
            pairs.append((name, value))
    for name in SINGLE_CHOICE:
        value = getattr(form, name).data
        if value:
            pairs.append((name, value))
    for name in NUMBER_FIELDS:
        value = getattr(form, name).data
        if value is not None:
            pairs.append((name, str(value)))
    return pairs
