"""The directory's filter form (WTForms, no Flask-WTF: there is no session to protect).

Labels and messages are lazy msgids so they render in the page's language. The choice
lists are the whole vocabulary: a value outside them cannot come from the page, so the
view treats it as tampering (400), while a mistyped age gets a plain error to fix.
"""
from __future__ import annotations

from wtforms import Form, IntegerField, RadioField, SelectMultipleField
from wtforms.validators import NumberRange, Optional, StopValidation
from wtforms.widgets import CheckboxInput, ListWidget

from signpost.i18n import lazy_gettext as _l

try:  # WTForms 3.3 deprecates plain tuples for choices
    from wtforms.fields.choices import SelectChoice
except ImportError:  # pragma: no cover - older WTForms
    def SelectChoice(value, label):  # noqa: N802
        return (value, label)


def _choices(pairs) -> list:
    return [SelectChoice(value, label) for value, label in pairs]

# Concern ids from facts.md (not `not-sure`: every service is for someone who is not sure).
CONCERNS = (
    ("domestic-abuse", _l("Domestic abuse: a partner, ex-partner or family member hurting, threatening or controlling someone")),
    ("sexual-violence", _l("Rape, sexual assault or other sexual violence")),
    ("child-sexual-abuse", _l("Sexual abuse of a child")),
    ("child-sexual-exploitation", _l("A child or young person being sexually exploited")),
    ("stalking", _l("Stalking or harassment")),
    ("honour-based-abuse", _l("So-called 'honour'-based abuse")),
    ("forced-marriage", _l("Forced marriage")),
    ("fgm", _l("Female genital mutilation (FGM)")),
    ("modern-slavery", _l("Modern slavery or exploitation: being forced to work or do things for others")),
    ("sexual-harassment", _l("Sexual harassment")),
    ("intimate-image-abuse", _l("Intimate images shared or threatened without consent")),
)
CONCERN_IDS = frozenset(value for value, _label in CONCERNS)

# Short names for tags on result cards.
CONCERN_TAGS = {
    "domestic-abuse": _l("Domestic abuse"),
    "sexual-violence": _l("Sexual violence"),
    "child-sexual-abuse": _l("Child sexual abuse"),
    "child-sexual-exploitation": _l("Child sexual exploitation"),
    "stalking": _l("Stalking"),
    "honour-based-abuse": _l("'Honour'-based abuse"),
    "forced-marriage": _l("Forced marriage"),
    "fgm": _l("FGM"),
    "modern-slavery": _l("Modern slavery"),
    "sexual-harassment": _l("Sexual harassment"),
    "intimate-image-abuse": _l("Intimate image abuse"),
}

GENDERS = (
    ("", _l("Any")),
    ("female", _l("Female")),
    ("male", _l("Male")),
    ("non-binary", _l("Non-binary")),
)

ACCESS = (
    ("self-referral", _l("Contact them yourself")),
    ("professional-referral", _l("A professional refers you")),
    ("police", _l("Through the police")),
)
# Short words for "how to access" on cards and service pages.
ACCESS_LABELS = {
    "self-referral": _l("You can contact them yourself"),
    "professional-referral": _l("A professional can refer you"),
    "police": _l("Through the police"),
}

SCOPES = (
    ("", _l("Both")),
    ("local", _l("Thurrock and Essex")),
    ("national", _l("Across the UK")),
)

CHOICE_FIELDS = ("concerns", "gender", "access", "scope")


class CheckboxesField(SelectMultipleField):
    """Several choices as a list of checkboxes (`.choices` in site.css)."""

    widget = ListWidget(prefix_label=False, html_tag="ul")
    option_widget = CheckboxInput()


class AgeField(IntegerField):
    """A whole number of years; anything else gets one plain, translatable message."""

    def process_formdata(self, valuelist):
        self.data = None
        if not valuelist or not valuelist[0].strip():
            return
        try:
            self.data = int(valuelist[0].strip())
        except ValueError:
            raise ValueError(_l("Enter the age as a number, for example 16.")) from None

    def pre_validate(self, form):
        if self.process_errors:  # one message is enough: skip the range check
            raise StopValidation()


class BrowseFiltersForm(Form):
    """Narrow the directory: what is happening, age, gender, how to get in touch, where."""

    concerns = CheckboxesField(
        _l("What is happening?"),
        choices=_choices(CONCERNS),
        description=_l("Choose any that apply. Leave them all empty to see everything."),
    )
    age = AgeField(
        _l("Age of the person who needs support"),
        validators=[
            Optional(),
            NumberRange(min=0, max=120, message=_l("Enter an age from 0 to 120, or leave it empty.")),
        ],
        description=_l("Optional. In whole years, for example 16."),
    )
    gender = RadioField(_l("Gender of the person who needs support"), choices=_choices(GENDERS), default="")
    access = CheckboxesField(
        _l("How would you like to get support?"),
        choices=_choices(ACCESS),
        description=_l("Choose any that apply."),
    )
    scope = RadioField(_l("Local or national"), choices=_choices(SCOPES), default="")

    def tampered(self) -> bool:
        """True when a choice field holds a value the page never offered."""
        return any(self[name].errors for name in CHOICE_FIELDS)

    def filters(self) -> dict:
        """The chosen filters (only valid after validate())."""
        return {
            "concerns": tuple(self.concerns.data or ()),
            "age": self.age.data,
            "gender": self.gender.data or "",
            "access": tuple(self.access.data or ()),
            "scope": self.scope.data or "",
        }
