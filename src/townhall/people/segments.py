"""What organisers do with a segment: count it, tag everyone in it, download it."""

from django.db import transaction
from django.http import StreamingHttpResponse
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from townhall.core.csv_download import csv_download
from townhall.people.admin_forms import tags_named
from townhall.people.models import Activity, Person, Segment, Tag

EXPORT_COLUMNS = [
    _("Name"),
    _("Email"),
    _("Postcode"),
    _("Ward"),
    _("Tags"),
    _("Agrees to emails"),
    _("Email consent given"),
    _("First seen"),
    _("Last seen"),
    _("What they did"),
    _("Note"),
]


@transaction.atomic
def tag_everyone(segment: Segment, name: str) -> tuple[Tag, int]:
    """Put the tag (made if new) on everyone now in the segment; how many newly got it.
    One INSERT for the lot, so it costs the same for 20 people or 20,000."""
    (tag,) = tags_named(segment.organisation, [name])
    through = Person.tags.through
    already = through.objects.filter(tag=tag).values("person_id")
    newly = segment.people().exclude(pk__in=already).values_list("pk", flat=True)
    rows = [through(person_id=pk, tag=tag) for pk in newly.iterator(chunk_size=2000)]
    through.objects.bulk_create(rows, batch_size=2000, ignore_conflicts=True)
    return tag, len(rows)


def export(segment: Segment) -> StreamingHttpResponse:
    """The segment as CSV: dates as dates, yes and no, no formulas, a row per person."""
    kinds = dict(Activity.Kind.choices)
    found = segment.people().for_download()

    def rows():
        for person in found.iterator(chunk_size=1000):
            consents = person.email_consents
            did = sorted({str(kinds.get(a.kind, a.kind)) for a in person.history.all()})
            yield [
                person.name,
                person.email,
                person.postcode,
                person.ward.name if person.ward else "",
                ", ".join(tag.name for tag in person.tags.all()),
                bool(consents),
                min(c.given_at for c in consents) if consents else None,
                person.first_seen_at,
                person.last_seen_at,
                "; ".join(did),
                person.note,
            ]

    filename = f"{slugify(segment.organisation.name)}-{slugify(segment.name) or 'segment'}.csv"
    return csv_download(filename, EXPORT_COLUMNS, rows())
