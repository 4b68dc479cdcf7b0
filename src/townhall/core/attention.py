"""What needs someone's attention, for the admin dashboard: each app registers a function
from a user to the things waiting for them (comments to moderate, applications to screen),
counted in that user's own organisations only, each with a link to the filtered list."""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import ngettext


@dataclass(frozen=True)
class Waiting:
    one: str  # "comment awaiting moderation"
    many: str  # "comments awaiting moderation"
    count: int
    url: str  # the list, filtered to these
    urgent: bool = False  # overdue or past a promise: shown first

    @property
    def words(self) -> str:
        """`one` or `many` as the reader's language counts: a catalogue with this pair as
        a plural has each of its forms. (A source may pass the words for its count, from
        ngettext, as both.)"""
        return ngettext(str(self.one), str(self.many), self.count)


Source = Callable[[object], list[Waiting]]
SOURCES: list[Source] = []


def register(source: Source) -> None:
    SOURCES.append(source)


def waiting_for(user) -> list[Waiting]:
    """Everything with a count above nought, urgent first."""
    found = [item for source in SOURCES for item in source(user) if item.count]
    return sorted(found, key=lambda item: not item.urgent)
