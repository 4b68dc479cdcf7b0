"""The public forms of a consultation: one page of questions, saving for later, submitting."""

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from townhall.consultations.models import Response
from townhall.core.forms import PublicForm, clean_person_name, email_field, name_field


class SaveForm(PublicForm):
    email = email_field(
        _("Email address"),
        254,
        help_text=_("We send you a link to come back to your answers. We never publish it."),
    )


class SubmitForm(PublicForm):
    publish = forms.ChoiceField(
        label=_("May we publish your answers?"),
        choices=Response.Publish.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose whether we may publish your answers")},
        help_text=_("Staff check every answer before anything is published."),
    )
    email = email_field(
        _("Email address (optional)"),
        254,
        help_text=_("For a copy of your answers. We never publish it."),
    )

    def __init__(self, *args, ask_name: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].required = False
        if not ask_name:
            self.fields["publish"].choices = [
                choice for choice in Response.Publish.choices if choice[0] != "named"
            ]
        if ask_name:
            self.fields["name"] = name_field(gettext("Your name"), 100)
            self.order_fields(["name", "publish", "email"])

    def clean_name(self) -> str:
        return clean_person_name(self.cleaned_data["name"])

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("publish") == Response.Publish.NAMED and not cleaned.get("name"):
            self.add_error(
                "publish",
                gettext("To publish with your name, give your name, or choose another option"),
            )
        return cleaned
