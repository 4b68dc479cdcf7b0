from django import forms

from townhall.core.forms import PublicForm, email_field, name_field
from townhall.core.services.postcodes import normalise_postcode


class JoinForm(PublicForm):
    name = name_field("Your name", max_length=100)
    email = email_field(
        "Email address", max_length=254, help_text="We will send you an email to check it is yours."
    )
    postcode = forms.CharField(
        label="Postcode",
        required=False,
        max_length=10,
        help_text="So we can tell you about things happening near you.",
        widget=forms.TextInput(
            attrs={"autocomplete": "postal-code", "class": "th-input th-input--width-10"}
        ),
        error_messages={"max_length": "Enter a real postcode, like EN5 4BW"},
    )
    consent_to_contact = forms.BooleanField(
        label="Yes, you may email me news about the campaign and ways to get involved",
        required=False,
    )

    def clean_name(self) -> str:
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise forms.ValidationError("Enter your name")
        if "<" in name or ">" in name:
            raise forms.ValidationError("Your name must not contain < or >")
        return name

    def clean_email(self) -> str:
        return self.cleaned_data["email"].strip().lower()

    def clean_postcode(self) -> str:
        raw = self.cleaned_data["postcode"]
        if not raw.strip():
            return ""
        postcode = normalise_postcode(raw)
        if postcode is None:
            raise forms.ValidationError("Enter a real postcode, like EN5 4BW")
        return postcode
