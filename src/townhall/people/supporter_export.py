"""A group's people in the columns of a NationBuilder people export or an Action Network
activist export (people.supporter_formats), so that what Townhall holds can go wherever the
group goes next, and come back through the import unchanged."""

from django.http import StreamingHttpResponse
from django.utils.text import slugify

from townhall.core.csv_download import csv_download
from townhall.people.models.persons import PersonQuerySet
from townhall.people.supporter_formats import SupporterFormat


def rows(found: PersonQuerySet, shape: SupporterFormat):
    for person in found.for_download().iterator(chunk_size=1000):
        tags = [tag.name for tag in person.tags.all()]
        yield shape.write(person, tags, bool(person.email_consents))


def export_people(
    found: PersonQuerySet, shape: SupporterFormat, name: str
) -> StreamingHttpResponse:
    """The download: streamed, every cell a spreadsheet would run given a leading quote
    (core.csv_download), which the import takes off again."""
    filename = f"{slugify(name) or 'people'}-{shape.key}.csv"
    return csv_download(filename, list(shape.columns), rows(found, shape))
