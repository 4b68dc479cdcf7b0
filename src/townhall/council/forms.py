from django import forms
from django.utils.formats import number_format
from django.utils.functional import lazy
from django.utils.translation import gettext, ngettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

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


def _when_shown(make) -> str:
    """A message with a number in it, made in the reader's language each time it is shown
    (a field's messages are made once, with its form class)."""
    return lazy(make, str)()


def _grouped(number: int) -> str:
    return number_format(number, force_grouping=True)  # 5,000


class DecisionFilters(forms.Form):
    """The register's filters; every one is optional, and dates must make a range."""

    default_renderer = TownhallFormRenderer()

    body = forms.ModelChoiceField(
        queryset=Committee.objects.all(),
        required=False,
        to_field_name="slug",
        label=_("Decided by"),
        empty_label=_("Any committee"),
        error_messages={"invalid_choice": _("Choose a committee from the list")},
    )
    maker = forms.ChoiceField(
        choices=[("", _("Anyone")), *Decision.Maker.choices],
        required=False,
        label=_("Kind of decision maker"),
    )
    decided_from = forms.DateField(
        required=False,
        label=pgettext_lazy("start date", "From"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("Enter the start date as a real date")},
    )
    decided_to = forms.DateField(
        required=False,
        label=pgettext_lazy("end date", "To"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("Enter the end date as a real date")},
    )
    topic = forms.CharField(required=False, max_length=60, label=_("Topic"))
    status = forms.ChoiceField(
        # Translators: any status: the decisions register's filter left unchosen
        choices=[("", _("Any")), *Decision.Status.choices],
        required=False,
        label=_("Status"),
    )

    def clean(self) -> dict:
        cleaned = super().clean()
        start, end = cleaned.get("decided_from"), cleaned.get("decided_to")
        if start and end and end < start:
            self.add_error("decided_to", gettext("The end date must be on or after the start date"))
        return cleaned


class FindCouncillors(forms.Form):
    """By postcode (where the postcode directory is loaded) or by choosing the ward."""

    postcode = forms.CharField(label=_("Postcode"), max_length=40, required=False)
    ward = forms.ChoiceField(label=_("Or choose your ward"), required=False)

    def __init__(self, *args, wards, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["ward"].choices = [
            ("", gettext("Choose a ward")),
            *((w.code, w.name) for w in wards),
        ]


class _FromAResident(PublicForm):
    """A resident's name and email address: confirmed by a link before anything is sent."""

    email_help = ""
    name = name_field(_("Your name"), max_length=100)
    email = email_field(_("Your email address"), max_length=254)

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

    email_help = _("We will send you a link to confirm it is yours; the councillor replies to it.")
    address = forms.CharField(
        label=_("Your address"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3, "autocomplete": "street-address"}),
        error_messages={
            "required": _("Enter your address"),
            "max_length": _("Your address must be %(limit_value)s characters or fewer"),
        },
    )
    postcode = PostcodeField()
    subject = forms.CharField(
        label=_("Subject"),
        max_length=150,
        error_messages={
            "required": _("Enter a subject"),
            "max_length": _("The subject must be %(limit_value)s characters or fewer"),
        },
    )
    body = forms.CharField(
        label=_("Your message"),
        max_length=MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_when_shown(
            lambda: (
                ngettext(
                    "Up to %(count)s character.", "Up to %(count)s characters.", MESSAGE_MAX_LENGTH
                )
                % {"count": _grouped(MESSAGE_MAX_LENGTH)}
            )
        ),
        error_messages={
            "required": _("Enter your message"),
            "max_length": _when_shown(
                lambda: (
                    ngettext(
                        "Your message must be %(count)s character or fewer",
                        "Your message must be %(count)s characters or fewer",
                        MESSAGE_MAX_LENGTH,
                    )
                    % {"count": _grouped(MESSAGE_MAX_LENGTH)}
                )
            ),
        },
    )

    def clean_body(self) -> str:
        message = gettext("Say a little more: what would you like them to do?")
        return enough_words(self.cleaned_data["body"], message)


class ReplyAnswer(forms.Form):
    replied = forms.ChoiceField(
        choices=[("yes", _("Yes")), ("no", _("No"))],
        label=_("Did they reply?"),
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose yes or no")},
    )
    default_renderer = TownhallFormRenderer()


QUESTION_MAX_LENGTH = 1000


class QuestionForm(_FromAResident):
    """A question for a meeting, or a request to speak at it; the name is published."""

    email_help = _("We will send you a link to confirm it, and tell you what happens next.")
    field_order = ["kind", "name", "email", "text"]

    kind = forms.ChoiceField(
        label=_("What would you like to do?"),
        choices=PublicQuestion.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose whether to ask a question or to speak")},
    )
    text = forms.CharField(
        label=_("Your question, or what you would like to speak about"),
        max_length=QUESTION_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_when_shown(
            lambda: (
                ngettext(
                    "Up to %(count)s character. It is published with your name.",
                    "Up to %(count)s characters. It is published with your name.",
                    QUESTION_MAX_LENGTH,
                )
                % {"count": _grouped(QUESTION_MAX_LENGTH)}
            )
        ),
        error_messages={
            "required": _("Enter your question, or what you would like to speak about"),
            "max_length": _when_shown(
                lambda: (
                    ngettext(
                        "It must be %(count)s character or fewer",
                        "It must be %(count)s characters or fewer",
                        QUESTION_MAX_LENGTH,
                    )
                    % {"count": _grouped(QUESTION_MAX_LENGTH)}
                )
            ),
        },
    )
    petition = forms.IntegerField(
        required=False, widget=forms.HiddenInput, min_value=1, max_value=2**31 - 1
    )

    def clean_text(self) -> str:
        return enough_words(
            self.cleaned_data["text"], gettext("Say a little more: a few words at least")
        )


class SpendingFilters(forms.Form):
    """The spending register's filters; every one optional."""

    default_renderer = TownhallFormRenderer()

    q = forms.CharField(
        required=False, max_length=100, label=_("Supplier, service or purpose contains")
    )
    service = forms.ChoiceField(required=False, label=_("Service"))
    month = forms.DateField(
        required=False,
        label=_("Month"),
        input_formats=["%Y-%m"],
        widget=forms.DateInput(attrs={"type": "month"}, format="%Y-%m"),
        error_messages={"invalid": _("Enter the month as 2026-03")},
    )

    def __init__(self, *args, services: list[str], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["service"].choices = [("", gettext("Any service")), *((s, s) for s in services)]
        self.fields["service"].error_messages["invalid_choice"] = gettext(
            "Choose a service from the list"
        )
