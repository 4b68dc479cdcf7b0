"""Events on a group's dashboard (core.organising): what is coming up, places taken."""

from django.utils import timezone

from townhall.core.organising import Row, Section
from townhall.events.models import EventPage

UPCOMING = 5


def events_section(organisation) -> Section | None:
    upcoming = list(
        EventPage.objects.live()
        .descendant_of(organisation.home_page)
        .filter(ends_at__gte=timezone.now(), cancelled=False)
        .order_by("starts_at")
        .select_related("places")[:UPCOMING]
    )
    if not upcoming:
        return None
    rows = []
    for event in upcoming:
        places = event.place_counts()
        taken = (
            f"{places['taken']} of {places['capacity']}"
            if places["capacity"]
            else str(places["taken"])
        )
        words = "helpers" if event.volunteering else "places taken"
        when = timezone.localtime(event.starts_at).strftime("%-d %b %H:%M")
        rows.append(Row(event.title, f"{when}: {taken} {words}", event.url or ""))
    return Section("Coming up", rows=rows)
