"""The council's public meetings in the site's calendar of events."""

from django.utils.translation import gettext as _

from townhall.core.happenings import Happening
from townhall.core.models import Organisation
from townhall.council.models import Meeting


def meetings(start, end, organisation) -> list[Happening]:
    if organisation is not None and organisation.kind != Organisation.Kind.COUNCIL:
        return []
    found = Meeting.objects.select_related("committee")
    if start is not None:
        found = found.filter(starts_at__gte=start)
    if end is not None:
        found = found.filter(starts_at__lt=end)
    return [
        Happening(
            title=_("%(committee)s meeting") % {"committee": meeting.committee.name},
            url=meeting.get_absolute_url(),
            starts_at=meeting.starts_at,
            label=_("Council meeting"),
            venue_name=meeting.venue,
            cancelled=meeting.status == Meeting.Status.CANCELLED,
        )
        for meeting in found
    ]
