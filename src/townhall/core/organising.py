"""The organiser's dashboard for one group: each app registers what it can say about an
organisation (new people, mailings, donations, events, petitions), and the dashboard
shows them in order. Core knows no app's models; each app knows only its own."""

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Row:
    label: str
    detail: str
    url: str = ""


@dataclass(frozen=True)
class Section:
    title: str
    figures: list[tuple[str, str]] = field(default_factory=list)  # (what, how many)
    rows: list[Row] = field(default_factory=list)
    more_url: str = ""  # where to see all of it


Source = Callable[[object], Section | None]
_sources: list[tuple[int, Source]] = []


def register(order: int, source: Source) -> None:
    _sources.append((order, source))


def sections_for(organisation) -> list[Section]:
    found = [source(organisation) for _, source in sorted(_sources, key=lambda s: s[0])]
    return [section for section in found if section is not None]
