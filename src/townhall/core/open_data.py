"""The open data catalogue's registry: each app adds the registers it publishes (the
decisions register, contracts, spending, grants awarded, petitions), so the catalogue lists
them beside the datasets without importing the apps."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

# A register's table for its CSV download: the header, and the rows (an iterator, so that
# a long register streams rather than being built whole).
Table = Callable[[], tuple[list[str], Iterable[Iterable]]]


@dataclass(frozen=True)
class Entry:
    title: str
    description: str
    publisher: str
    page: str  # where people read it
    licence: str  # an SPDX-style code: "OGL-UK-3.0"
    updated: datetime | date | None  # when its latest record was made or changed
    fields: list[tuple[str, str]] = field(default_factory=list)  # (name, what it means)
    downloads: list[tuple[str, str]] = field(default_factory=list)  # (format, path)
    illustrative: bool = False
    slug: str = ""  # its address in the catalogue, for a register with a table
    table: Table | None = None  # its rows as CSV, served by the catalogue at /data/<slug>.csv


_sources: list[Callable[[], list[Entry]]] = []


def register(source: Callable[[], list[Entry]]) -> None:
    _sources.append(source)


def registers() -> list[Entry]:
    return [entry for source in _sources for entry in source()]


def find(slug: str) -> Entry | None:
    """The register with this slug and a table, for its CSV download."""
    return next((e for e in registers() if e.slug == slug and e.table is not None), None)
