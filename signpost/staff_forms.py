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

from signpost.i18n import lazy_gettext
from signpost.i18n_extract import WTFormsTranslations

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
    "domestic-abuse": lazy_gettext("Domestic abuse (partner, ex-partner or family member, both 16 or over)"),
    "sexual-violence": lazy_gettext("Rape or sexual assault"),
    "child-sexual-abuse": lazy_gettext("Child sexual abuse"),
    "child-sexual-exploitation": lazy_gettext("Child sexual exploitation or grooming"),
    "stalking": lazy_gettext("Stalking or harassment"),
    "honour-based-abuse": lazy_gettext("'Honour'-based abuse"),
    "forced-marriage": lazy_gettext("Forced marriage or child marriage"),
    "fgm": lazy_gettext("Female genital mutilation (FGM)"),
    "modern-slavery": lazy_gettext("Modern slavery, trafficking or forced labour"),
    "sexual-harassment": lazy_gettext("Sexual harassment"),
    "intimate-image-abuse": lazy_gettext("Intimate images shared or threatened"),
    "not-sure": lazy_gettext("Not sure yet"),
}

RISK_LABELS = {
    "physical-violence": lazy_gettext("Physical violence"),
    "strangulation": lazy_gettext("Strangling, choking or suffocating"),
    "threats-to-kill": lazy_gettext("Threats to kill"),
    "weapon": lazy_gettext("A weapon or object used or threatened"),
    "escalating": lazy_gettext("Abuse getting worse or more frequent"),
    "pregnant": lazy_gettext("Pregnant, or a baby in the last 18 months"),
    "recent-separation": lazy_gettext("Separation, recent or planned"),
    "fear-for-life": lazy_gettext("The person is very frightened, or fears for their life"),
    "sexual-violence-by-partner": lazy_gettext("Sexual violence by the partner"),
    "stalking-by-partner": lazy_gettext("Stalking by a partner or ex-partner"),
    "controlling-behaviour": lazy_gettext("Controlling behaviour or extreme jealousy"),
    "isolated": lazy_gettext("Isolated from family and friends"),
}
# "children-in-home" has its own question ("children in the household").
RISK_CHOICES_ORDER = tuple(r for r in _RISK_INDICATORS if r != "children-in-home")

YES, NO, UNKNOWN = "yes", "no", ""
TRI_CHOICES = [(UNKNOWN, lazy_gettext("Not known")), (YES, lazy_gettext("Yes")), (NO, lazy_gettext("No"))]

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

    class Meta:
        def get_translations(self, form):
            """WTForms' own messages (e.g. "Not a valid choice.") in the page's language."""
            return WTFormsTranslations()

    concerns = _Checkboxes(
        lazy_gettext("What is happening?"),
        choices=[(c, CONCERN_LABELS.get(c, c)) for c in _CONCERNS],
        description=lazy_gettext("Choose all that apply."),
        validators=[Optional()],
    )
    age = _WholeNumber(
        lazy_gettext("Age of the person harmed"),
        description=lazy_gettext("In years. Leave blank if you do not know."),
        validators=[Optional(), NumberRange(min=0, max=120, message=lazy_gettext("Enter an age between 0 and 120."))],
        not_a_number=lazy_gettext("Enter the age as a whole number of years, for example 34."),
    )
    gender = RadioField(
        lazy_gettext("Gender of the person harmed"),
        choices=[(UNKNOWN, lazy_gettext("Not known")), ("female", lazy_gettext("Female")), ("male", lazy_gettext("Male")),
                 ("non-binary", lazy_gettext("Non-binary"))],
        default=UNKNOWN,
    )
    ric = _WholeNumber(
        lazy_gettext("SafeLives risk checklist (RIC) total"),
        description=lazy_gettext("The number of 'yes' answers, 0 to 24, if you have completed the SafeLives Dash risk "
                       "checklist with the person. Use SafeLives' own checklist and guidance: this page does not "
                       "reproduce it. Leave blank if it has not been done."),
        validators=[Optional(), NumberRange(min=0, max=24, message=lazy_gettext("Enter a checklist total between 0 and 24."))],
        not_a_number=lazy_gettext("Enter the checklist total as a whole number between 0 and 24."),
    )
    risk_indicators = _Checkboxes(
        lazy_gettext("Signs of serious risk (your professional judgement)"),
        choices=[(r, RISK_LABELS.get(r, r)) for r in RISK_CHOICES_ORDER],
        description=lazy_gettext("Choose any that were disclosed or that you have seen."),
        validators=[Optional()],
    )
    callouts = _WholeNumber(
        lazy_gettext("Police call-outs for domestic abuse in the last 12 months"),
        description=lazy_gettext("A number. Leave blank if you do not know."),
        validators=[Optional(), NumberRange(min=0, max=MAX_CALLOUTS,
                                            message=lazy_gettext("Enter a number of call-outs of 0 or more."))],
        not_a_number=lazy_gettext("Enter the number of call-outs as a whole number, for example 2."),
    )
    children = RadioField(lazy_gettext("Are there children in the household (or a pregnancy)?"),
                          choices=TRI_CHOICES, default=UNKNOWN)
    care_needs = RadioField(
        lazy_gettext("Is this an adult with care and support needs who cannot protect themselves because of those needs?"),
        choices=TRI_CHOICES, default=UNKNOWN,
        description=lazy_gettext("The Care Act 2014 section 42 test."),
    )
    regulated = RadioField(
        lazy_gettext("Are you a regulated health or social care professional, or a teacher?"),
        choices=TRI_CHOICES, default=UNKNOWN,
        description=lazy_gettext("For example registered with the GMC, NMC, HCPC, Social Work England, GDC, GPhC, GOC, "
                       "GOsC or GCC, or a teacher in England or Wales."),
    )
    first_responder = RadioField(
        lazy_gettext("Does your organisation act as a National Referral Mechanism (NRM) first responder?"),
        choices=TRI_CHOICES, default=UNKNOWN,
        description=lazy_gettext("For example the police, a local authority such as Thurrock Council, the Salvation Army, "
                       "Barnardo's or Migrant Help."),
    )
    consents = RadioField(lazy_gettext("Does the person agree to a referral?"), choices=TRI_CHOICES, default=UNKNOWN)
    fgm_status = RadioField(
        lazy_gettext("If FGM is a concern: is it known, or is a girl at risk?"),
        choices=[(UNKNOWN, lazy_gettext("Not known, or FGM is not a concern")),
                 ("known", lazy_gettext("Known: the girl or woman told you, or you saw signs")),
                 ("at-risk", lazy_gettext("At risk, or suspected: no disclosure and no signs seen"))],
        default=UNKNOWN,
    )
    in_thurrock = RadioField(lazy_gettext("Does the person live in Thurrock?"), choices=TRI_CHOICES, default=UNKNOWN)


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
