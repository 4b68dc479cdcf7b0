"""How often a councillor came to the meetings they were expected at: every held meeting
of a committee they sat on, while they sat on it, whose attendance was recorded (a meeting
with nobody marked present says nothing about anyone, so it is not counted against them)."""

from dataclasses import dataclass

from django.db.models import Q

from townhall.council.models import Councillor, Meeting


@dataclass(frozen=True)
class Attendance:
    expected: int
    attended: int

    @property
    def rate(self) -> int | None:
        """Whole per cent, or None with no meeting to count yet."""
        return round(100 * self.attended / self.expected) if self.expected else None


def attendance(councillor: Councillor) -> Attendance:
    terms = Q()
    for membership in councillor.memberships.all():
        term = Q(committee_id=membership.committee_id, starts_at__date__gte=membership.starts_on)
        if membership.ends_on:
            term &= Q(starts_at__date__lte=membership.ends_on)
        terms |= term
    if not terms:
        return Attendance(0, 0)
    expected = Meeting.objects.filter(
        terms, status=Meeting.Status.HELD, attended__isnull=False
    ).distinct()
    return Attendance(expected.count(), expected.filter(attended=councillor).count())
