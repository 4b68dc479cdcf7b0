"""Form plumbing shared by every public form: GOV.UK-style rendering, a honeypot, and
text fields that refuse control characters."""

import re
from collections.abc import Callable

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.forms.renderers import TemplatesSetting
from django.utils.functional import lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from townhall.core.ids import MAX_ID
from townhall.core.invisible import tidy_one_line
from townhall.core.services.postcodes import EXAMPLE_POSTCODE, normalise_postcode

# A field shown on one line (a name, a title, an address) never holds a line break, a tab or
# another control character: a script could post one, and in an email's subject or a CSV
# it breaks what it lands in. Text areas may hold line breaks and tabs, nothing else.
_SINGLE_LINE_REFUSED = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_MULTI_LINE_REFUSED = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029]")


def refuse_control_characters(value: str, *, multi_line: bool = False) -> None:
    pattern = _MULTI_LINE_REFUSED if multi_line else _SINGLE_LINE_REFUSED
    if isinstance(value, str) and pattern.search(value):
        raise ValidationError(
            _("Remove the line breaks and control characters")
            if not multi_line
            else _("Remove the control characters (they may come from copying and pasting)")
        )


class TextChecksMixin:
    """Every text field of the form refuses control characters: one-line fields any, text
    areas all but line breaks and tabs. Added to each field's validators, so the error
    shows next to the field like any other. One-line fields lose direction controls and
    hiding characters first (core.invisible), so a name of nothing else is no name."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.IntegerField) and field.max_value is None:
                # A number past the database's range is a form error, not its overflow.
                field.max_value = MAX_ID
                field.validators.append(MaxValueValidator(MAX_ID))
            if not isinstance(field, forms.CharField):
                continue
            multi_line = isinstance(field.widget, forms.Textarea)
            if not multi_line:
                field.to_python = _tidied(field.to_python)
            field.validators.append(
                lambda value, multi_line=multi_line: refuse_control_characters(
                    value, multi_line=multi_line
                )
            )


def _tidied(to_python: Callable[[object], object]) -> Callable[[object], object]:
    def tidy(value: object) -> object:
        value = to_python(value)
        return tidy_one_line(value) if isinstance(value, str) else value

    return tidy


class TownhallFormRenderer(TemplatesSetting):
    """Renders fields as GOV.UK-style form groups (label, hint, error message, control)."""

    form_template_name = "core/forms/form.html"
    field_template_name = "core/forms/field.html"


class PublicForm(TextChecksMixin, forms.Form):
    """A public form with a honeypot: people never see the field, many spam robots fill it."""

    default_renderer = TownhallFormRenderer()
    website = forms.CharField(
        required=False,
        label=gettext_lazy("Leave this field empty"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    @property
    def is_spam(self) -> bool:
        return bool(self.data.get(self.add_prefix("website")))

    def visible_fields(self):
        return [field for field in super().visible_fields() if field.name != "website"]


def clean_person_name(value: str) -> str:
    """A name with its spaces tidied; names with < or > are refused, as they are never real."""
    name = " ".join(value.split())
    if not name or "<" in name or ">" in name:
        raise forms.ValidationError(_("Enter your name, without < or >"))
    return name


def name_field(label: str, max_length: int) -> forms.CharField:
    """A person's name, with GOV.UK-style error messages (lazy: fields are made when a form
    class is; Django fills in %(limit_value)s)."""
    return forms.CharField(
        label=label,
        max_length=max_length,
        widget=forms.TextInput(attrs={"autocomplete": "name", "class": "th-input"}),
        error_messages={
            "required": gettext_lazy("Enter your name"),
            "max_length": gettext_lazy("Your name must be %(limit_value)s characters or fewer"),
        },
    )


def email_field(label: str, max_length: int, help_text: str = "") -> forms.EmailField:
    """An email address, with GOV.UK-style error messages."""
    return forms.EmailField(
        label=label,
        max_length=max_length,
        help_text=help_text,
        widget=forms.EmailInput(
            attrs={"autocomplete": "email", "spellcheck": "false", "class": "th-input"}
        ),
        error_messages={
            "required": gettext_lazy("Enter your email address"),
            "invalid": gettext_lazy(
                "Enter an email address in the correct format, like name@example.com"
            ),
            "max_length": gettext_lazy(
                "Your email address must be %(limit_value)s characters or fewer"
            ),
        },
    )


def _real_postcode() -> str:
    return _("Enter a real postcode, like %(example)s") % {"example": EXAMPLE_POSTCODE}


# Fields are made with their form class, before anyone's language is known.
real_postcode_lazy = lazy(_real_postcode, str)


class PostcodeField(forms.CharField):
    """A UK postcode, given back in its standard form ("EN5 1AB"); empty where optional."""

    def __init__(self, label: str = gettext_lazy("Postcode"), **kwargs) -> None:
        kwargs.setdefault("max_length", 10)
        kwargs.setdefault(
            "widget",
            forms.TextInput(
                attrs={"autocomplete": "postal-code", "class": "th-input th-input--width-10"}
            ),
        )
        kwargs.setdefault(
            "error_messages",
            {
                "required": gettext_lazy("Enter your postcode"),
                "max_length": real_postcode_lazy(),
            },
        )
        super().__init__(label=label, **kwargs)

    def clean(self, value) -> str:
        raw = super().clean(value)
        if not raw.strip():
            return ""
        postcode = normalise_postcode(raw)
        if postcode is None:
            raise ValidationError(_real_postcode())
        return postcode
