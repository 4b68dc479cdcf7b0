"""An events list and a month calendar, for an organisation's events section (its page's
routes) or the whole site's (views): given the events, they know no page model."""

import calendar
from datetime import date, datetime, timedelta

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from wagtail.models import Page

from townhall.core import happenings, pagecache, translations
from townhall.core.models import Organisation, Ward

PER_PAGE = 20


def _filtered(request: HttpRequest, events: QuerySet) -> tuple[QuerySet, dict]:
    """The site-wide filters: by organisation (its section) and by ward."""
    chosen = {
        "organisation": request.GET.get("organisation", ""),
        "ward": request.GET.get("ward", ""),
        "kind": "volunteering" if request.GET.get("kind") == "volunteering" else "",
    }
    organisation = Organisation.objects.filter(slug=chosen["organisation"]).first()
    if organisation is not None and organisation.home_page_id:
        events = events.descendant_of(organisation.home_page)
    ward = Ward.objects.filter(code=chosen["ward"]).defer("boundary").first()
    if ward is not None:
        events = events.filter(ward=ward)
    if chosen["kind"]:
        events = events.filter(volunteering=True)
    return events, chosen


def render_listing(
    request: HttpRequest, events: QuerySet, index: Page | None = None, past=False
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
    if index is None and not filters.get("ward") and not filters.get("kind"):
        # The site-wide calendar also shows what other apps hold (the council's meetings).
        organisation = Organisation.objects.filter(slug=filters["organisation"]).first()
        others = happenings.between(None if past else now, now if past else None, organisation)
        if others:
            listed = sorted([*events, *others], key=lambda item: item.starts_at, reverse=past)
    page = Paginator(listed, PER_PAGE).get_page(request.GET.get("page"))
    page.object_list = translations.in_reader_language(page.object_list)
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
