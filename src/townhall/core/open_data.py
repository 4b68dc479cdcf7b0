"""The open data catalogue's registry: each app adds the registers it publishes (the
decisions register, contracts, spending, grants awarded, petitions), so the catalogue lists
them beside the datasets without importing the apps."""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class Entry:
    title: str
    description: str
    publisher: str
    page: str  # where people read it
    licence: str  # an SPDX-style code: "OGL-UK-3.0"
    updated: datetime | None
    fields: list[tuple[str, str]] = field(default_factory=list)  # (name, what it means)
    downloads: list[tuple[str, str]] = field(default_factory=list)  # (format, path)
    illustrative: bool = False


_sources: list[Callable[[], list[Entry]]] = []


def register(source: Callable[[], list[Entry]]) -> None:
    _sources.append(source)


def registers() -> list[Entry]:
    return [entry for source in _sources for entry in source()]
