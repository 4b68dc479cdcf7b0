"""The organisers' Gift Aid claim download: choose the organisation and the dates."""

from django import forms
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from townhall.core import access
from townhall.core.services.organisations import organisations_for_user
from townhall.donations import giftaid


class ClaimForm(forms.Form):
    organisation = forms.ModelChoiceField(queryset=None, empty_label=None)
    start = forms.DateField(
        label=gettext_lazy("Donations from"), help_text=gettext_lazy("For example, 6/4/2026")
    )
    end = forms.DateField(label=gettext_lazy("Up to and including"))

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations_for_user(user)

    def clean(self) -> dict:
        cleaned = super().clean()
        if cleaned.get("start") and cleaned.get("end") and cleaned["start"] > cleaned["end"]:
            self.add_error("end", _("The end must be on or after the start"))
        return cleaned


def gift_aid_claim(request: HttpRequest) -> HttpResponse:
    access.ensure(request.user, "donations.claim_gift_aid")
    form = ClaimForm(request.GET or None, user=request.user)
    if form.is_valid():
        organisation = form.cleaned_data["organisation"]
        access.ensure(request.user, "donations.claim_gift_aid", organisation)
        return giftaid.claim(organisation, form.cleaned_data["start"], form.cleaned_data["end"])
    return TemplateResponse(
        request,
        "donations/admin/gift_aid.html",
        {"form": form, "columns": giftaid.COLUMNS},
        status=400 if form.is_bound else 200,
    )
