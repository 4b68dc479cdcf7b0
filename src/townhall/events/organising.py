"""Events on a group's dashboard (core.organising): what is coming up, places taken."""

from django.utils import dateformat, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from townhall.core import translations
from townhall.core.organising import Row, Section
from townhall.events.models import EventPage

UPCOMING = 5


def events_section(organisation) -> Section | None:
    upcoming = list(
        translations.originals(EventPage.objects.live())  # each event once, not per language
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
        numbers = {"taken": places["taken"], "capacity": places["capacity"]}
        if places["capacity"] and event.volunteering:
            taken = ngettext(
                "%(taken)s of %(capacity)s helper",
                "%(taken)s of %(capacity)s helpers",
                places["capacity"],
            )
        elif places["capacity"]:
            taken = ngettext(
                "%(taken)s of %(capacity)s place taken",
                "%(taken)s of %(capacity)s places taken",
                places["capacity"],
            )
        elif event.volunteering:
            taken = ngettext("%(taken)s helper", "%(taken)s helpers", places["taken"])
        else:
            taken = ngettext("%(taken)s place taken", "%(taken)s places taken", places["taken"])
        when = dateformat.format(timezone.localtime(event.starts_at), "j M H:i")
        rows.append(Row(event.title, f"{when}: {taken % numbers}", event.url or ""))
    return Section(_("Coming up"), rows=rows)
