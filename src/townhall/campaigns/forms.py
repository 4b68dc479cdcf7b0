from django import forms
from django.utils.formats import date_format
from django.utils.timezone import localtime

from townhall.core.forms import TownhallFormRenderer


class CompareVersionsForm(forms.Form):
    """Choose two versions of an aims page to compare."""

    default_renderer = TownhallFormRenderer()
    old = forms.TypedChoiceField(label="Compare version", coerce=int)
    new = forms.TypedChoiceField(label="with version", coerce=int)

    def __init__(self, *args, versions, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [
            (v.number, f"Version {v.number}, {date_format(localtime(v.published_at), 'j F Y')}")
            for v in versions
        ]
        for name in ("old", "new"):
            self.fields[name].choices = choices
            self.fields[name].error_messages["invalid_choice"] = "Choose a version from the list"
            self.fields[name].error_messages["required"] = "Choose a version from the list"

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("old") is not None and cleaned.get("old") == cleaned.get("new"):
            self.add_error("new", "Choose two different versions to compare")
        return cleaned
