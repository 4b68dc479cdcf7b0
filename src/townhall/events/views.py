"""Event lists, the month calendar, ICS files, and the RSVP links; thin over services."""

from datetime import timedelta

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from townhall.core import translations
from townhall.core.ratelimit import rate_limited
from townhall.events import services
from townhall.events.calendars import calendar_response
from townhall.events.forms import RsvpForm
from townhall.events.listing import render_listing, render_month
from townhall.events.models import EventPage, Rsvp

PER_PAGE = 20


def all_events() -> QuerySet[EventPage]:
    return translations.originals(EventPage.objects.live().public())  # each once


def upcoming(request: HttpRequest) -> HttpResponse:
    return render_listing(request, all_events())


def past(request: HttpRequest) -> HttpResponse:
    return render_listing(request, all_events(), past=True)


def month(request: HttpRequest, year: int, month: int) -> HttpResponse:
    return render_month(request, all_events(), year, month)


def this_month(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    return redirect("events-month", today.year, today.month)


def site_calendar(request: HttpRequest) -> HttpResponse:
    recent = timezone.now() - timedelta(days=90)
    return calendar_response(request, all_events().filter(ends_at__gte=recent), _("All events"))


def event_ics(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_object_or_404(all_events(), pk=pk)
    return calendar_response(request, [event], event.title, filename=event.slug)


@require_POST
@rate_limited("rsvp")
def answer(request: HttpRequest, pk: int) -> HttpResponse:
    """The RSVP form on an event page."""
    event = get_object_or_404(all_events(), pk=pk)
    form = RsvpForm(request.POST, event=event)
    if not form.is_valid():
        context = event.get_context(request)
        context["form"] = form
        return render(request, event.get_template(request), context, status=400)
    if not form.is_spam:
        data = form.cleaned_data
        try:
            services.rsvp(
                event,
                services.Answer(
                    data["name"],
                    data["email"],
                    data["guests"],
                    data["hide_name"],
                    data.get("hear_from_organisation", False),
                ),
            )
        except services.Refused as refusal:
            return render(
                request, "events/refused.html", {"event": event, "reason": str(refusal)}, status=409
            )
    return render(
        request, "events/check_email.html", {"event": event, "email": form.cleaned_data["email"]}
    )


def _rsvp_or_404(token: str) -> Rsvp:
    return get_object_or_404(Rsvp.objects.select_related("event"), token=token[:64])


@never_cache  # the link is personal: no cache may keep the page
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    """The emailed link: a page with a button (a mail scanner's GET changes nothing)."""
    found = _rsvp_or_404(token)
    context = {"rsvp": found, "event": found.event}
    if request.method == "POST":
        try:
            context["state"] = services.confirm(found)
        except services.Refused as refusal:
            context["reason"] = str(refusal)
            return render(request, "events/refused.html", context, status=409)
        return render(request, "events/confirmed.html", context)
    return render(request, "events/confirm.html", context)


@never_cache  # the link is personal: no cache may keep the page
def cancel(request: HttpRequest, token: str) -> HttpResponse:
    found = _rsvp_or_404(token)
    context = {"rsvp": found, "event": found.event}
    if request.method == "POST":
        context["cancelled_now"] = services.cancel(found)
        return render(request, "events/cancelled.html", context)
    return render(request, "events/cancel.html", context)
