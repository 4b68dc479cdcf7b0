"""What a sync added, changed, removed and refused, counted by kind with a line for each."""

from collections import Counter
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

KINDS = (
    "committee",
    "councillor",
    "membership",
    "meeting",
    "agenda item",
    "paper",
    "decision",
)

# A record officers had typed in, now kept from ModernGov, says so.
FIELD_NAMES = {"moderngov_id": "linked to ModernGov", "removed_upstream_on": "back in ModernGov"}


@dataclass
class Report:
    added: Counter = field(default_factory=Counter)
    changed: Counter = field(default_factory=Counter)
    removed: Counter = field(default_factory=Counter)
    left_out: Counter = field(default_factory=Counter)
    refused: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)

    def add(self, kind: str, what: str) -> None:
        self.added[kind] += 1
        self.lines.append(_("Added %(kind)s: %(what)s") % {"kind": kind, "what": what})

    def change(self, kind: str, what: str, fields: list[str]) -> None:
        self.changed[kind] += 1
        self.lines.append(
            _("Changed %(kind)s: %(what)s (%(fields)s)")
            % {
                "kind": kind,
                "what": what,
                "fields": ", ".join(FIELD_NAMES.get(f, f) for f in fields),
            }
        )

    def remove(self, kind: str, what: str, why: str) -> None:
        self.removed[kind] += 1
        self.lines.append(
            _("Removed %(kind)s: %(what)s (%(why)s)") % {"kind": kind, "what": what, "why": why}
        )

    def leave_out(self, what: str, count: int = 1) -> None:
        """Never stored, by rule: restricted, not for display."""
        self.left_out[what] += count

    def refuse(self, line: str) -> None:
        self.refused.append(line)

    def note(self, line: str) -> None:
        """Stored, with something an officer should know."""
        self.notes.append(line)

    def summary(self) -> list[str]:
        lines = [
            _("Added: %s") % _counts(self.added),
            _("Changed: %s") % _counts(self.changed),
            _("Removed or marked as gone: %s") % _counts(self.removed),
        ]
        if self.left_out:
            lines.append(
                _("Left out, as ModernGov does not let the public see them: %s")
                % ", ".join(f"{what}: {count}" for what, count in sorted(self.left_out.items()))
            )
        lines.append(_("Refused: %d") % len(self.refused))
        return lines


def _count(kind: str, count: int) -> str:
    """ "3 committees": each kind spelled out, so that every language has its plurals."""
    forms = {
        "committee": lambda: ngettext("%(count)d committee", "%(count)d committees", count),
        "councillor": lambda: ngettext("%(count)d councillor", "%(count)d councillors", count),
        "membership": lambda: ngettext("%(count)d membership", "%(count)d memberships", count),
        "meeting": lambda: ngettext("%(count)d meeting", "%(count)d meetings", count),
        "agenda item": lambda: ngettext("%(count)d agenda item", "%(count)d agenda items", count),
        "paper": lambda: ngettext("%(count)d paper", "%(count)d papers", count),
        "decision": lambda: ngettext("%(count)d decision", "%(count)d decisions", count),
    }
    return forms[kind]() % {"count": count}


def _counts(counter: Counter) -> str:
    shown = [_count(kind, counter[kind]) for kind in KINDS if counter[kind]]
    return ", ".join(shown) or _("nothing")
