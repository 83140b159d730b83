"""The directory's filter form (WTForms, no Flask-WTF: there is no session to protect).

Labels and messages are lazy msgids so they render in the page's language. The choice
lists are the whole vocabulary: a value outside them cannot come from the page, so the
view treats it as tampering (400), while a mistyped age gets a plain error to fix.
"""
from __future__ import annotations

from wtforms import Form, IntegerField, RadioField, SelectMultipleField
from wtforms.validators import NumberRange, Optional, StopValidation
from wtforms.widgets import CheckboxInput, ListWidget

from signpost.i18n import lazy_gettext
from signpost.i18n_extract import WTFormsTranslations

try:  # WTForms 3.3 deprecates plain tuples for choices
    from wtforms.fields.choices import SelectChoice
except ImportError:  # pragma: no cover - older WTForms
    def SelectChoice(value, label):  # noqa: N802
        return (value, label)


def _choices(pairs) -> list:
    return [SelectChoice(value, label) for value, label in pairs]


# Concern ids from facts.md (not `not-sure`: every service is for someone who is not sure).
CONCERNS = (
    ("domestic-abuse", lazy_gettext(
        "Domestic abuse: a partner, ex-partner or family member hurting, threatening or "
        "controlling someone")),
    ("sexual-violence", lazy_gettext("Rape, sexual assault or other sexual violence")),
    ("child-sexual-abuse", lazy_gettext("Sexual abuse of a child")),
    ("child-sexual-exploitation", lazy_gettext("A child or young person being sexually exploited")),
    ("stalking", lazy_gettext("Stalking or harassment")),
    ("honour-based-abuse", lazy_gettext("So-called 'honour'-based abuse")),
    ("forced-marriage", lazy_gettext("Forced marriage")),
    ("fgm", lazy_gettext("Female genital mutilation (FGM)")),
    ("modern-slavery", lazy_gettext(
        "Modern slavery or exploitation: being forced to work or do things for others")),
    ("sexual-harassment", lazy_gettext("Sexual harassment")),
    ("intimate-image-abuse", lazy_gettext("Intimate images shared or threatened without consent")),
)
CONCERN_IDS = frozenset(value for value, _label in CONCERNS)

# Short names for tags on result cards.
CONCERN_TAGS = {
    "domestic-abuse": lazy_gettext("Domestic abuse"),
    "sexual-violence": lazy_gettext("Sexual violence"),
    "child-sexual-abuse": lazy_gettext("Child sexual abuse"),
    "child-sexual-exploitation": lazy_gettext("Child sexual exploitation"),
    "stalking": lazy_gettext("Stalking"),
    "honour-based-abuse": lazy_gettext("'Honour'-based abuse"),
    "forced-marriage": lazy_gettext("Forced marriage"),
    "fgm": lazy_gettext("FGM"),
    "modern-slavery": lazy_gettext("Modern slavery"),
    "sexual-harassment": lazy_gettext("Sexual harassment"),
    "intimate-image-abuse": lazy_gettext("Intimate image abuse"),
}

GENDERS = (
    ("", lazy_gettext("Any")),
    ("female", lazy_gettext("Female")),
    ("male", lazy_gettext("Male")),
    ("non-binary", lazy_gettext("Non-binary")),
)

ACCESS = (
    ("self-referral", lazy_gettext("Contact them yourself")),
    ("professional-referral", lazy_gettext("A professional refers you")),
    ("police", lazy_gettext("Through the police")),
)
# Short words for "how to access" on cards and service pages.
ACCESS_LABELS = {
    "self-referral": lazy_gettext("You can contact them yourself"),
    "professional-referral": lazy_gettext("A professional can refer you"),
    "police": lazy_gettext("Through the police"),
}

SCOPES = (
    ("", lazy_gettext("Both")),
    ("local", lazy_gettext("Thurrock and Essex")),
    ("national", lazy_gettext("Across the UK")),
)

CHOICE_FIELDS = ("concerns", "gender", "access", "scope")


class CheckboxesField(SelectMultipleField):
    """Several choices as a list of checkboxes (`.choices` in site.css)."""

    widget = ListWidget(prefix_label=False, html_tag="ul")
    option_widget = CheckboxInput()


AGE_MIN, AGE_MAX = 0, 120   # also written into the page's age box (browse.html)


class AgeField(IntegerField):
    """A whole number of years; anything else gets one plain, translatable message."""

    def process_formdata(self, valuelist):
        self.data = None
        if not valuelist or not valuelist[0].strip():
            return
        try:
            self.data = int(valuelist[0].strip())
        except ValueError:
            raise ValueError(lazy_gettext("Enter the age as a number, for example 16.")) from None

    def pre_validate(self, form):
        if self.process_errors:  # one message is enough: skip the range check
            raise StopValidation()


class BrowseFiltersForm(Form):
    """Narrow the directory: what is happening, age, gender, how to get in touch, where."""

    age_min, age_max = AGE_MIN, AGE_MAX

    class Meta:
        def get_translations(self, form):
            """WTForms' own messages (e.g. "Not a valid choice.") in the page's language."""
            return WTFormsTranslations()

    concerns = CheckboxesField(
        lazy_gettext("What is happening?"),
        choices=_choices(CONCERNS),
        description=lazy_gettext("Choose any that apply. Leave them all empty to see everything."),
    )
    age = AgeField(
        lazy_gettext("Age of the person who needs support"),
        validators=[
            Optional(),
            NumberRange(min=AGE_MIN, max=AGE_MAX,
                        message=lazy_gettext("Enter an age from 0 to 120, or leave it empty.")),
        ],
        description=lazy_gettext("Optional. In whole years, for example 16."),
    )
    gender = RadioField(lazy_gettext("Gender of the person who needs support"),
                        choices=_choices(GENDERS), default="")
    access = CheckboxesField(
        lazy_gettext("How would you like to get support?"),
        choices=_choices(ACCESS),
        description=lazy_gettext("Choose any that apply."),
    )
    scope = RadioField(lazy_gettext("Local or national"), choices=_choices(SCOPES), default="")

    def options(self, name: str) -> list[tuple[str, str, object, bool]]:
        """(id, value, label, checked) for each choice of a choice field, in order.

        The page writes the inputs itself from these: WTForms' widgets built the same markup
        at a tenth of the speed, and the filter form is drawn on every filtered list.
        """
        field = self[name]
        data = field.data
        chosen = set(data or ()) if isinstance(field, SelectMultipleField) else {data}
        out = []
        for i, choice in enumerate(field.choices):
            value, label = (choice.value, choice.label) if hasattr(choice, "value") else choice
            out.append((f"{field.id}-{i}", value, label, value in chosen))
        return out

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
