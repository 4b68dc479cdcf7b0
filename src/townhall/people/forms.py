from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from townhall.core.forms import PostcodeField, PublicForm, email_field, name_field


class JoinForm(PublicForm):
    name = name_field(gettext_lazy("Your name"), max_length=100)
    email = email_field(
        gettext_lazy("Email address"),
        max_length=254,
        help_text=gettext_lazy("We will send you an email to check it is yours."),
    )
    postcode = PostcodeField(
        required=False,
        help_text=gettext_lazy("So we can tell you about things happening near you."),
    )
    consent_to_contact = forms.BooleanField(
        label=gettext_lazy(
            "Yes, you may email me news about the campaign and ways to get involved"
        ),
        required=False,
    )

    def clean_name(self) -> str:
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise forms.ValidationError(_("Enter your name"))
        if "<" in name or ">" in name:
            raise forms.ValidationError(_("Your name must not contain < or >"))
        return name

    def clean_email(self) -> str:
        return self.cleaned_data["email"].strip().lower()
