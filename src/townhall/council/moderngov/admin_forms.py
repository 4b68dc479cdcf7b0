"""In the admin, a field ModernGov owns says so on a record that came from it, and is not
editable there (the next sync would undo the edit); officers edit every other field, and
the agenda items and papers they add to a synced meeting are theirs."""

from django import forms
from django.utils.translation import gettext_lazy as _

FROM_MODERNGOV = _(
    "From ModernGov: change it on the council's ModernGov site, and the next sync brings it here."
)


def mark_synced_fields(form: forms.BaseForm) -> None:
    record = getattr(form, "instance", None)
    if getattr(record, "moderngov_id", None) is None:
        return
    for name in record.SYNCED_FIELDS:
        if name in form.fields:
            form.fields[name].disabled = True
            form.fields[name].help_text = FROM_MODERNGOV


class ShowsModernGovSource:
    """Mixed into a model form: its own fields, and those of its inline forms (a meeting's
    agenda items and papers), are marked."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        mark_synced_fields(self)
        for formset in getattr(self, "formsets", {}).values():
            for form in formset.forms:
                mark_synced_fields(form)


def showing_moderngov_source(form_class: type[forms.BaseForm]) -> type[forms.BaseForm]:
    return type(form_class.__name__, (ShowsModernGovSource, form_class), {})
