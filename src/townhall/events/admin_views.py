"""An organiser emails everyone coming to one of their events."""

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from townhall.core import access
from townhall.events import services
from townhall.events.models import EventPage


class EmailAttendeesForm(forms.Form):
    subject = forms.CharField(label=gettext_lazy("Subject"), max_length=150)
    message = forms.CharField(
        label=gettext_lazy("Message"),
        widget=forms.Textarea(attrs={"rows": 10}),
        max_length=5000,
    )
    include_waiting = forms.BooleanField(
        label=gettext_lazy("Also email the people on the waiting list"), required=False
    )


def email_attendees(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_object_or_404(EventPage, pk=pk)
    access.ensure(request.user, "events.email_attendees", event)
    form = EmailAttendeesForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        sent = services.email_attendees(
            event,
            form.cleaned_data["subject"],
            form.cleaned_data["message"],
            include_waiting=form.cleaned_data["include_waiting"],
        )
        messages.success(
            request,
            ngettext("Emailed %(count)s person.", "Emailed %(count)s people.", sent)
            % {"count": sent},
        )
        return redirect("wagtailadmin_pages:edit", event.pk)
    going = event.rsvps.filter(state="going").count()
    return TemplateResponse(
        request,
        "events/admin/email_attendees.html",
        {"event": event, "form": form, "going": going, "page_title": _("Email the people coming")},
    )
