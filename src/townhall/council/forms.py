from django import forms

from townhall.core.forms import (
    PostcodeField,
    PublicForm,
    TownhallFormRenderer,
    clean_person_name,
    email_field,
    name_field,
)
from townhall.council.models import Committee, Decision, PublicQuestion

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


class _FromAResident(PublicForm):
    """A resident's name and email address: confirmed by a link before anything is sent."""

    email_help = ""
    name = name_field("Your name", max_length=100)
    email = email_field("Your email address", max_length=254)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["email"].help_text = self.email_help

    def clean_name(self) -> str:
        return clean_person_name(self.cleaned_data["name"])


def enough_words(text: str, message: str) -> str:
    """The text, trimmed; fewer than three words is no message at all."""
    if len(text.split()) < 3:
        raise forms.ValidationError(message)
    return text.strip()


class LetterForm(_FromAResident):
    """A resident's message to a councillor. The address goes to the councillor only:
    councillors answer the people of their ward, and casework needs it."""

    email_help = "We will send you a link to confirm it is yours; the councillor replies to it."
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

    def clean_body(self) -> str:
        message = "Say a little more: what would you like them to do?"
        return enough_words(self.cleaned_data["body"], message)


class ReplyAnswer(forms.Form):
    replied = forms.ChoiceField(
        choices=[("yes", "Yes"), ("no", "No")],
        label="Did they reply?",
        widget=forms.RadioSelect,
        error_messages={"required": "Choose yes or no"},
    )
    default_renderer = TownhallFormRenderer()


QUESTION_MAX_LENGTH = 1000


class QuestionForm(_FromAResident):
    """A question for a meeting, or a request to speak at it; the name is published."""

    email_help = "We will send you a link to confirm it, and tell you what happens next."
    field_order = ["kind", "name", "email", "text"]

    kind = forms.ChoiceField(
        label="What would you like to do?",
        choices=PublicQuestion.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether to ask a question or to speak"},
    )
    text = forms.CharField(
        label="Your question, or what you would like to speak about",
        max_length=QUESTION_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=f"Up to {QUESTION_MAX_LENGTH:,} characters. It is published with your name.",
        error_messages={
            "required": "Enter your question, or what you would like to speak about",
            "max_length": f"It must be {QUESTION_MAX_LENGTH:,} characters or fewer",
        },
    )
    petition = forms.IntegerField(
        required=False, widget=forms.HiddenInput, min_value=1, max_value=2**31 - 1
    )

    def clean_text(self) -> str:
        return enough_words(self.cleaned_data["text"], "Say a little more: a few words at least")


class SpendingFilters(forms.Form):
    """The spending register's filters; every one optional."""

    default_renderer = TownhallFormRenderer()

    q = forms.CharField(
        required=False, max_length=100, label="Supplier, service or purpose contains"
    )
    service = forms.ChoiceField(required=False, label="Service")
    month = forms.DateField(
        required=False,
        label="Month",
        input_formats=["%Y-%m"],
        widget=forms.DateInput(attrs={"type": "month"}, format="%Y-%m"),
        error_messages={"invalid": "Enter the month as 2026-03"},
    )

    def __init__(self, *args, services: list[str], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["service"].choices = [("", "Any service"), *((s, s) for s in services)]
        self.fields["service"].error_messages["invalid_choice"] = "Choose a service from the list"
