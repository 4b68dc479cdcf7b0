"""A registry of figures for the operator's metrics, so apps expose their own without the
metrics endpoint importing them: `register("townhall_signatures_confirmed", help, fn)`."""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Figure:
    name: str
    help: str
    read: Callable[[], float | dict[tuple[str, ...], float]]
    labels: tuple[str, ...] = ()


FIGURES: dict[str, Figure] = {}


def register(name: str, help: str, read: Callable, labels: tuple[str, ...] = ()) -> None:
    """`read` returns a number, or with `labels` a dict from label values to numbers; it
    is called when the metrics are scraped, so it reads the database, not a process."""
    FIGURES[name] = Figure(name, help, read, labels)
