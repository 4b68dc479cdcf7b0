from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from townhall.core.forms import (
    PostcodeField,
    PublicForm,
    clean_person_name,
    email_field,
    name_field,
)
from townhall.core.models import Borough, Organisation, Ward
from townhall.core.services.postcodes import Outcome, has_postcodes, look_up_postcode
from townhall.petitions.models import Petition


class SignerFields(PublicForm):
    name = name_field(_("Your name"), max_length=100)
    email = email_field(
        _("Email address"),
        max_length=254,
        help_text=_("We will send you a link to confirm your signature."),
    )
    postcode = PostcodeField()
    ward = forms.ModelChoiceField(
        queryset=Ward.objects.defer("boundary"),  # the boundaries are large and unused here
        label=_("Ward"),
        empty_label=_("Choose your ward"),
        help_text=_("The area of the borough you live in."),
        error_messages={
            "required": _("Choose your ward"),
            "invalid_choice": _("Choose your ward from the list"),
        },
    )

    def clean_name(self) -> str:
        return clean_person_name(self.cleaned_data["name"])

    def clean_email(self) -> str:
        return self.cleaned_data["email"].strip()

    def __init__(self, *args, borough: Borough | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.borough = borough
        self.ward_from_postcode = borough is not None and has_postcodes(borough)
        if borough is not None:
            self.fields["ward"].queryset = self.fields["ward"].queryset.filter(borough=borough)
        if self.ward_from_postcode:
            # Don't ask what the postcode tells us (GOV.UK: ask only what you need): the ward
            # list is offered only when the postcode does not give one, saying why.
            ward = self.fields["ward"]
            self._ward_widget, ward.widget, ward.required = ward.widget, forms.HiddenInput(), False
            self.fields["postcode"].help_text = gettext(
                "We count signatures by ward from postcodes."
            )

    def clean(self) -> dict:
        cleaned = super().clean()
        postcode = cleaned.get("postcode")
        if not (self.ward_from_postcode and postcode):
            return cleaned
        found = look_up_postcode(self.borough, postcode)
        if found.found or found.outcome is Outcome.OUTSIDE:
            # A postcode outside the borough is no ward: people who work or study here sign too.
            cleaned["ward"] = found.ward
        elif not cleaned.get("ward"):
            self.fields["ward"].widget = self._ward_widget
            self.fields["ward"].required = True
            self.add_error("ward", found.reason_and_ward_list)
        return cleaned


class SignForm(SignerFields):
    notify_by_email = forms.BooleanField(
        label=_(
            "Email me about this petition: when the council responds, and when it reaches "
            "the next stage"
        ),
        required=False,
    )

    def __init__(self, *args, organisation=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if organisation is not None:
            # A separate box, unticked: signing is not consent to the group's own emails.
            self.fields["hear_from_organisation"] = forms.BooleanField(
                label=gettext("Email me news from %(name)s") % {"name": organisation.name},
                help_text=organisation.consent_wording,
                required=False,
            )


class CreateForm(SignerFields):
    action = forms.CharField(
        label=_("What do you want the council to do?"),
        max_length=80,
        help_text=_("80 characters at most. Start with a verb: “Reopen…”, “Stop…”."),
        widget=forms.TextInput(attrs={"class": "th-input"}),
        error_messages={
            "required": _("Enter what you want the council to do"),
            "max_length": _("What the council should do must be 80 characters or fewer"),
        },
    )
    background = forms.CharField(
        label=_("Why does it matter?"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3, "class": "th-textarea"}),
        help_text=_("300 characters at most."),
        error_messages={
            "required": _("Enter why it matters"),
            "max_length": _("Why it matters must be 300 characters or fewer"),
        },
    )
    additional_details = forms.CharField(
        label=_("More details"),
        max_length=800,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5, "class": "th-textarea"}),
        help_text=_("800 characters at most."),
        error_messages={"max_length": _("More details must be 800 characters or fewer")},
    )
    topic = forms.ChoiceField(
        label=_("What is it about?"),
        choices=[("", _("Choose a topic (optional)")), *Petition.Topic.choices],
        required=False,
        help_text=_(
            "People browsing petitions find it under this topic. A moderator may change it."
        ),
        error_messages={"invalid_choice": _("Choose a topic from the list")},
    )
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.exclude(kind=Organisation.Kind.COUNCIL),
        required=False,
        label=_("Organisation behind the petition"),
        empty_label=_("None: I am starting it myself"),
        error_messages={"invalid_choice": _("Choose an organisation from the list")},
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["name"].help_text = gettext(
            "Shown on the petition as the person who started it, as on Parliament's petitions."
        )

    field_order = [
        "action",
        "background",
        "additional_details",
        "topic",
        "organisation",
        "name",
        "email",
        "postcode",
        "ward",
    ]
