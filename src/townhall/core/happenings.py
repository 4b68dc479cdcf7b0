"""Things in the site's calendar that are not event pages, such as the council's public
meetings: apps register a source, the events app shows them beside its own events, and
neither imports the other."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class Happening:
    title: str
    url: str
    starts_at: datetime
    label: str  # what kind of thing it is: "Council meeting"
    venue_name: str = ""
    ends_at: datetime | None = None
    cancelled: bool = False


# Each source: (starts from, starts before, organisation or None) -> happenings in that time.
# Either bound may be None (open-ended).
Source = Callable[[datetime | None, datetime | None, object | None], list[Happening]]
SOURCES: list[Source] = []


def register(source: Source) -> None:
    SOURCES.append(source)


def between(start: datetime | None, end: datetime | None, organisation=None) -> list[Happening]:
    return [found for source in SOURCES for found in source(start, end, organisation)]
