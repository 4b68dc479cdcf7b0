from django import forms
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from townhall.core import agenda
from townhall.council.models import AgendaItem, Decision
from townhall.petitions.models import Petition, PetitionResponse, Threshold


class RejectForm(forms.Form):
    reason = forms.ChoiceField(label=_("Reason"), choices=Petition.RejectionReason.choices)
    details = forms.CharField(
        label=_("Details"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Shown with the petition, unless it is hidden."),
    )


class FlagForm(forms.Form):
    note = forms.CharField(
        max_length=500,
        label=_("What a colleague should look at"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ApproveForm(forms.Form):
    topic = forms.ChoiceField(
        label=_("Topic"),
        choices=[("", _("No topic")), *Petition.Topic.choices],
        required=False,
        help_text=_("Where residents find it when they browse petitions by topic."),
    )


class AgendaItemChoice(forms.ModelChoiceField):
    def label_from_instance(self, item: AgendaItem) -> str:
        return gettext("%(meeting)s: item %(item)s") % {"meeting": item.meeting, "item": item}


class ResponseForm(forms.Form):
    text = forms.CharField(
        label=_("Text"), widget=forms.Textarea(attrs={"rows": 8}), max_length=10_000
    )
    plain_summary = forms.CharField(
        required=False,
        max_length=2_000,
        widget=forms.Textarea(attrs={"rows": 4}),
        label=_("In plain words"),
        help_text=PetitionResponse._meta.get_field("plain_summary").help_text,
    )
    responded_on = forms.DateField(initial=timezone.localdate, label=_("Date of the response"))
    link = forms.URLField(
        required=False, label=_("Link to the meeting or decision"), assume_scheme="https"
    )
    decision = forms.ModelChoiceField(
        queryset=Decision.objects.all(), required=False, label=_("The decision that answers it")
    )
    agenda_item = AgendaItemChoice(
        queryset=AgendaItem.objects.select_related("meeting__committee"),
        required=False,
        label=_("The agenda item where it was debated"),
    )


class PaperForm(forms.Form):
    count = forms.IntegerField(min_value=1, max_value=1_000_000, label=_("Number of signatures"))
    received_on = forms.DateField(initial=timezone.localdate, label=_("Date received"))
    note = forms.CharField(label=_("Note"), required=False, max_length=200)


class InvalidateForm(forms.Form):
    ip_address = forms.GenericIPAddressField(required=False, label=_("IP address"))
    domain = forms.CharField(required=False, max_length=254, label=_("Email domain"))
    email = forms.EmailField(required=False, label=_("Email address"))
    signed_after = forms.DateTimeField(required=False, label=_("Signed after (YYYY-MM-DD HH:MM)"))
    signed_before = forms.DateTimeField(required=False, label=_("Signed before (YYYY-MM-DD HH:MM)"))
    note = forms.CharField(max_length=200, label=_("Why (kept in the petition's history)"))

    def clean(self):
        cleaned = super().clean()
        if not any(
            cleaned.get(f)
            for f in ("ip_address", "domain", "email", "signed_after", "signed_before")
        ):
            raise forms.ValidationError(
                gettext("Say which signatures: an IP address, domain, email or time window.")
            )
        return cleaned


class ThresholdForm(WagtailAdminModelForm):
    """The debating body is chosen from the council's committees (through core.agenda)."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["debated_at"] = forms.ChoiceField(
            label=gettext("Debated at"),
            required=False,
            choices=[("", gettext("No debate: not sent to a committee")), *agenda.bodies()],
            help_text=Threshold._meta.get_field("debated_at").help_text,
        )
