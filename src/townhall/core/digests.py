"""What residents can follow, and what each followed thing has new: a small registry.

Apps register a kind ("organisation", "petition", "event") with two functions: one naming
a target by id (None when it is gone or not public), one listing what is new since a time.
The follows app sends digests through this registry, so it depends on no other app.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class DigestItem:
    what: str  # "New post", "New event", "Reached 500 signatures", ...
    title: str
    url: str
    when: datetime


@dataclass(frozen=True)
class Followable:
    kind: str
    name: Callable[[int], str | None]
    news_since: Callable[[int, datetime], list[DigestItem]]


SOURCES: dict[str, Followable] = {}


def register(kind: str, name, news_since) -> None:
    SOURCES[kind] = Followable(kind, name, news_since)
