from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from townhall.core.forms import PublicForm, clean_person_name, email_field, name_field
from townhall.core.models import Organisation


class AddNameForm(PublicForm):
    name = name_field(_("Your name"), max_length=100)
    email = email_field(
        _("Email address"),
        max_length=254,
        help_text=_("We will send you a link to confirm. It is never shown."),
    )
    show_name = forms.BooleanField(
        label=_("Show my name with the statement"),
        required=False,
        help_text=_("If you leave this unticked, you are counted but not named."),
    )

    def __init__(self, *args, organisation=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if organisation is not None:
            # A separate box, unticked: a name on a statement is not consent to emails.
            self.fields["hear_from_organisation"] = forms.BooleanField(
                label=gettext("Email me news from %(name)s") % {"name": organisation.name},
                help_text=organisation.consent_wording,
                required=False,
            )

    def clean_name(self) -> str:
        return clean_person_name(self.cleaned_data["name"])


class InviteForm(forms.Form):
    organisations = forms.ModelMultipleChoiceField(
        label=_("Organisations"),
        queryset=Organisation.objects.order_by("name"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one organisation")},
    )


class AnswerForm(forms.Form):
    answer = forms.ChoiceField(
        label=_("Answer"),
        choices=[("accept", _("Co-sign the statement")), ("decline", _("Decline"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose whether to co-sign")},
    )
