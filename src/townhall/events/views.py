"""Event lists, the month calendar, ICS files, and the RSVP links; thin over services."""

import calendar
from datetime import date, datetime, timedelta

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from townhall.core import happenings, pagecache
from townhall.core.models import Organisation, Ward
from townhall.core.ratelimit import rate_limited
from townhall.events import services
from townhall.events.calendars import calendar_response
from townhall.events.forms import RsvpForm
from townhall.events.models import EventIndexPage, EventPage, Rsvp

PER_PAGE = 20


def all_events() -> QuerySet[EventPage]:
    return EventPage.objects.live().public()


def _filtered(request: HttpRequest, events: QuerySet) -> tuple[QuerySet, dict]:
    """The site-wide filters: by organisation (its section) and by ward."""
    chosen = {
        "organisation": request.GET.get("organisation", ""),
        "ward": request.GET.get("ward", ""),
    }
    organisation = Organisation.objects.filter(slug=chosen["organisation"]).first()
    if organisation is not None and organisation.home_page_id:
        events = events.descendant_of(organisation.home_page)
    ward = Ward.objects.filter(code=chosen["ward"]).defer("boundary").first()
    if ward is not None:
        events = events.filter(ward=ward)
    return events, chosen


def render_listing(
    request: HttpRequest, events: QuerySet, index: EventIndexPage | None = None, past=False
) -> HttpResponse:
    now = timezone.now()
    filters = {}
    if index is None:
        events, filters = _filtered(request, events)
    events = (
        events.filter(ends_at__lt=now).order_by("-starts_at")
        if past
        else events.filter(ends_at__gte=now).order_by("starts_at")
    )
    listed = events
    if index is None and not filters.get("ward"):
        # The site-wide calendar also shows what other apps hold (the council's meetings).
        organisation = Organisation.objects.filter(slug=filters["organisation"]).first()
        others = happenings.between(None if past else now, now if past else None, organisation)
        if others:
            listed = sorted([*events, *others], key=lambda item: item.starts_at, reverse=past)
    page = Paginator(listed, PER_PAGE).get_page(request.GET.get("page"))
    today = timezone.localdate()
    pagecache.tag(request, "events", seconds=300)
    context = {
        "page": index,
        "self": index,
        "events": page,
        "past": past,
        "filters": filters,
        "organisations": Organisation.objects.order_by("name") if index is None else None,
        "wards": Ward.objects.defer("boundary").order_by("name") if index is None else None,
        "this_month": (today.year, today.month),
    }
    template = "events/event_index_page.html"
    return render(request, template, context)


def render_month(
    request: HttpRequest, events: QuerySet, year: int, month: int, index=None
) -> HttpResponse:
    if not 1 <= month <= 12 or not 1900 <= year <= 9999:
        raise Http404("There is no such month.")
    zone = timezone.get_current_timezone()
    first = datetime(year, month, 1, tzinfo=zone)
    after = (first + timedelta(days=32)).replace(day=1)
    in_month = list(events.filter(starts_at__lt=after, ends_at__gte=first))
    if index is None:
        in_month += happenings.between(first, after)
    by_day: dict[date, list] = {}
    for event in sorted(in_month, key=lambda item: item.starts_at):
        by_day.setdefault(timezone.localtime(event.starts_at).date(), []).append(event)
    weeks = [
        [(day, by_day.get(day, []), day.month == month) for day in week]
        for week in calendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
    ]
    previous = (first - timedelta(days=1)).date()
    pagecache.tag(request, "events", seconds=300)
    return render(
        request,
        "events/month.html",
        {
            "page": index,
            "self": index,
            "month": first.date(),
            "weeks": weeks,
            "previous": (previous.year, previous.month),
            "next": (after.year, after.month),
            "has_events": bool(by_day),
        },
    )


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
    return calendar_response(request, all_events().filter(ends_at__gte=recent), "All events")


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
                services.Answer(data["name"], data["email"], data["guests"], data["hide_name"]),
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
