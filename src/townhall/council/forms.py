from django import forms

from townhall.core.forms import TownhallFormRenderer
from townhall.council.models import Committee, Decision


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
