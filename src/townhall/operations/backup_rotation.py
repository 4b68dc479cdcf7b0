"""Dated backups in one folder, and which of them to keep: the newest backup of each of the
last N days, weeks (ISO weeks) and months that have one, as restic and borg count, and always
the newest of all. Folders not named by `dated_name` are never touched."""

from collections.abc import Callable, Hashable, Iterable
from datetime import UTC, datetime
from pathlib import Path
from shutil import rmtree

from townhall.operations.backup_sealing import stored

NAME_FORMAT = "%Y-%m-%dT%H%M%SZ"


def dated_name(when: datetime) -> str:
    return when.astimezone(UTC).strftime(NAME_FORMAT)


def dated_backups(parent: Path) -> dict[Path, datetime]:
    """The backups in `parent` named by their time (those with a manifest: finished)."""
    found = {}
    for folder in parent.iterdir():
        try:
            when = datetime.strptime(folder.name, NAME_FORMAT).replace(tzinfo=UTC)
        except ValueError:
            continue
        if folder.is_dir() and stored(folder / "manifest.json"):
            found[folder] = when
    return found


def _newest_per_period(
    times: list[datetime], count: int, period: Callable[[datetime], Hashable]
) -> set[datetime]:
    kept: dict[Hashable, datetime] = {}
    for when in times:  # newest first
        if period(when) not in kept:
            if len(kept) == count:
                break
            kept[period(when)] = when
    return set(kept.values())


def to_keep(times: Iterable[datetime], daily: int, weekly: int, monthly: int) -> set[datetime]:
    newest_first = sorted(times, reverse=True)
    if not newest_first:
        return set()
    return {
        newest_first[0],
        *_newest_per_period(newest_first, daily, lambda when: when.date()),
        *_newest_per_period(newest_first, weekly, lambda when: when.isocalendar()[:2]),
        *_newest_per_period(newest_first, monthly, lambda when: (when.year, when.month)),
    }


def prune(parent: Path, daily: int, weekly: int, monthly: int) -> list[Path]:
    """Delete the dated backups in `parent` that the schedule does not keep; returns them."""
    backups = dated_backups(parent)
    kept = to_keep(backups.values(), daily, weekly, monthly)
    pruned = sorted(folder for folder, when in backups.items() if when not in kept)
    for folder in pruned:
        rmtree(folder)
    return pruned
