"""Petitions onto the council's agenda, between two apps that do not know each other.

When a petition reaches a tier debated by a committee (or full council), the petitions app
proposes it here; the council app (registered as the agenda) drafts an item on that
committee's next meeting for officers to check. When officers publish the item, the council
app announces it here, and the petitions app (registered as the listener) tells the signers
who asked to hear and offers the lead petitioner a place to speak. The petition's page asks
here where it will be debated.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class PetitionForDebate:
    petition_id: int
    action: str  # the petition's title: "We call on the council to ..."
    url: str
    signatures: int
    tier: str  # the scheme's name for it: "Debate at committee"
    committee: str  # the slug of the committee that debates it


@dataclass(frozen=True)
class Debate:
    committee: str
    starts_at: datetime
    meeting_url: str
    webcast_url: str
    speak_url: str  # where the lead petitioner asks to speak


@dataclass
class _Registry:
    propose: Callable[[PetitionForDebate], bool] | None = None
    find: Callable[[int], Debate | None] | None = None
    announced: Callable[[int, Debate], object] | None = None
    bodies: Callable[[], list[tuple[str, str]]] | None = None


_registry = _Registry()


def register_agenda(
    propose: Callable[[PetitionForDebate], bool],
    find: Callable[[int], Debate | None],
    bodies: Callable[[], list[tuple[str, str]]],
) -> None:
    _registry.propose, _registry.find, _registry.bodies = propose, find, bodies


def register_listener(announced: Callable[[int, Debate], object]) -> None:
    _registry.announced = announced


def propose(petition: PetitionForDebate) -> bool:
    """Draft the petition onto the committee's next meeting; False when nothing could be."""
    return bool(_registry.propose and _registry.propose(petition))


def debate_for(petition_id: int) -> Debate | None:
    return _registry.find(petition_id) if _registry.find else None


def announce(petition_id: int, debate: Debate) -> None:
    if _registry.announced:
        _registry.announced(petition_id, debate)


def bodies() -> list[tuple[str, str]]:
    """(slug, name) of the committees that can debate petitions, for the scheme's form."""
    return _registry.bodies() if _registry.bodies else []
