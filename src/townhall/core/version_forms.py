"""Choosing two numbered versions of something to compare (a group's aims, a councillor's
register of interests)."""

from datetime import date, datetime

from django import forms
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from townhall.core.forms import TownhallFormRenderer


def version_choices(versions, when: str) -> list[tuple[int, str]]:
    """("Version 2, 3 May 2024") for each version, dated by its attribute `when`."""

    def day(value: date | datetime) -> str:
        return date_format(localtime(value) if isinstance(value, datetime) else value, "j E Y")

    return [
        (
            v.number,
            _("Version %(number)s, %(date)s") % {"number": v.number, "date": day(getattr(v, when))},
        )
        for v in versions
    ]


class CompareVersionsForm(forms.Form):
    default_renderer = TownhallFormRenderer()
    # Translators: the two labels read as one sentence: "Compare version [2] with version [3]"
    old = forms.TypedChoiceField(label=gettext_lazy("Compare version"), coerce=int)
    new = forms.TypedChoiceField(label=gettext_lazy("with version"), coerce=int)

    def __init__(self, *args, choices: list[tuple[int, str]], **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("old", "new"):
            self.fields[name].choices = choices
            self.fields[name].error_messages["invalid_choice"] = _("Choose a version from the list")
            self.fields[name].error_messages["required"] = _("Choose a version from the list")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("old") is not None and cleaned.get("old") == cleaned.get("new"):
            self.add_error("new", _("Choose two different versions to compare"))
        return cleaned


def chosen_pair(data, versions, when: str) -> tuple[CompareVersionsForm, tuple | None]:
    """The form, and the (old, new) versions chosen; with nothing asked, the last two."""
    if "old" not in data and "new" not in data and len(versions) >= 2:
        data = {"old": versions[-2].number, "new": versions[-1].number}
    form = CompareVersionsForm(data or None, choices=version_choices(versions, when))
    if not form.is_valid():
        return form, None
    by_number = {v.number: v for v in versions}
    return form, (by_number[form.cleaned_data["old"]], by_number[form.cleaned_data["new"]])
