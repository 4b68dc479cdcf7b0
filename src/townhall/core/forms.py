"""Form plumbing shared by every public form: GOV.UK-style rendering and a honeypot."""

from django import forms
from django.forms.renderers import TemplatesSetting


class TownhallFormRenderer(TemplatesSetting):
    """Renders fields as GOV.UK-style form groups (label, hint, error message, control)."""

    form_template_name = "core/forms/form.html"
    field_template_name = "core/forms/field.html"


class PublicForm(forms.Form):
    """A public form with a honeypot: people never see the field, many spam robots fill it."""

    default_renderer = TownhallFormRenderer()
    website = forms.CharField(
        required=False,
        label="Leave this field empty",
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
        raise forms.ValidationError("Enter your name, without < or >")
    return name


def name_field(label: str, max_length: int) -> forms.CharField:
    """A person's name, with GOV.UK-style error messages."""
    return forms.CharField(
        label=label,
        max_length=max_length,
        widget=forms.TextInput(attrs={"autocomplete": "name", "class": "th-input"}),
        error_messages={
            "required": "Enter your name",
            "max_length": f"Your name must be {max_length} characters or fewer",
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
            "required": "Enter your email address",
            "invalid": "Enter an email address in the correct format, like name@example.com",
            "max_length": f"Your email address must be {max_length} characters or fewer",
        },
    )
