from django import forms

from townhall.core.forms import (
    PostcodeField,
    PublicForm,
    TownhallFormRenderer,
    clean_person_name,
    email_field,
    name_field,
)
from townhall.council.models import Committee, Decision

MESSAGE_MAX_LENGTH = 5000


class DecisionFilters(forms.Form):
    """The register's filters; every one is optional, and dates must make a range."""

    default_renderer = TownhallFormRenderer()

    body = forms.ModelChoiceField(
        queryset=Committee.objects.all(),
        required=False,
        to_field_name="slug",
        label="Decided by",
        empty_label="Any committee",
        error_messages={"invalid_choice": "Choose a committee from the list"},
    )
    maker = forms.ChoiceField(
        choices=[("", "Anyone"), *Decision.Maker.choices],
        required=False,
        label="Kind of decision maker",
    )
    decided_from = forms.DateField(
        required=False,
        label="From",
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": "Enter the start date as a real date"},
    )
    decided_to = forms.DateField(
        required=False,
        label="To",
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": "Enter the end date as a real date"},
    )
    topic = forms.CharField(required=False, max_length=60, label="Topic")
    status = forms.ChoiceField(
        choices=[("", "Any"), *Decision.Status.choices], required=False, label="Status"
    )

    def clean(self) -> dict:
        cleaned = super().clean()
        start, end = cleaned.get("decided_from"), cleaned.get("decided_to")
        if start and end and end < start:
            self.add_error("decided_to", "The end date must be on or after the start date")
        return cleaned


class FindCouncillors(forms.Form):
    """By postcode (where the postcode directory is loaded) or by choosing the ward."""

    postcode = forms.CharField(label="Postcode", max_length=40, required=False)
    ward = forms.ChoiceField(label="Or choose your ward", required=False)

    def __init__(self, *args, wards, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["ward"].choices = [("", "Choose a ward"), *((w.code, w.name) for w in wards)]


class LetterForm(PublicForm):
    """A resident's message to a councillor. The address goes to the councillor only:
    councillors answer the people of their ward, and casework needs it."""

    name = name_field("Your name", max_length=100)
    email = email_field(
        "Your email address",
        max_length=254,
        help_text="We will send you a link to confirm it is yours; the councillor replies to it.",
    )
    address = forms.CharField(
        label="Your address",
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3, "autocomplete": "street-address"}),
        error_messages={
            "required": "Enter your address",
            "max_length": "Your address must be 300 characters or fewer",
        },
    )
    postcode = PostcodeField()
    subject = forms.CharField(
        label="Subject",
        max_length=150,
        error_messages={
            "required": "Enter a subject",
            "max_length": "The subject must be 150 characters or fewer",
        },
    )
    body = forms.CharField(
        label="Your message",
        max_length=MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=f"Up to {MESSAGE_MAX_LENGTH:,} characters.",
        error_messages={
            "required": "Enter your message",
            "max_length": f"Your message must be {MESSAGE_MAX_LENGTH:,} characters or fewer",
        },
    )

    def clean_name(self) -> str:
        return clean_person_name(self.cleaned_data["name"])

    def clean_body(self) -> str:
        body = self.cleaned_data["body"].strip()
        if len(body.split()) < 3:
            raise forms.ValidationError("Say a little more: what would you like them to do?")
        return body


class ReplyAnswer(forms.Form):
    replied = forms.ChoiceField(
        choices=[("yes", "Yes"), ("no", "No")],
        label="Did they reply?",
        widget=forms.RadioSelect,
        error_messages={"required": "Choose yes or no"},
    )
    default_renderer = TownhallFormRenderer()
