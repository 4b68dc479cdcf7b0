"""What cites a council decision: a small registry, so the council app depends on no other.

Apps whose records can cite a decision (a petition's response, a consultation's outcome)
register a function listing, for a decision's id, the public things that cite it.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Citation:
    kind: str  # "Petition", "Consultation"
    title: str
    url: str


CITERS: list[Callable[[int], list[Citation]]] = []


def register(citer: Callable[[int], list[Citation]]) -> None:
    if citer not in CITERS:
        CITERS.append(citer)


def citations_of(decision_id: int) -> list[Citation]:
    return [citation for citer in CITERS for citation in citer(decision_id)]
