"""Who sits on a committee, from its meetings' attendees (GetCommittees lists no members):
the members (chair, vice-chair, member) listed at its latest meeting are its members now;
a member no longer listed there has left, the day before that meeting."""

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.utils.translation import gettext as _

from townhall.council.models import Committee, Councillor, Membership
from townhall.council.moderngov.answers import Attendee
from townhall.council.moderngov.records import differing
from townhall.council.moderngov.report import Report

Role = Membership.Role
NOT_MEMBERS = ("officer", "guest", "substitute", "reserve", "observer")


def role_of(attendee: Attendee) -> str | None:
    """The member's role on the committee, or None for officers, guests and substitutes."""
    words = f"{attendee.member_type} {attendee.role}".lower()
    if any(word in words for word in NOT_MEMBERS):
        return None
    if "chair" in words:
        return Role.VICE_CHAIR if "vice" in words else Role.CHAIR
    return Role.MEMBER if "member" in words else None


@dataclass
class MemberRoll:
    """The members seen at a committee's meetings during one sync."""

    first_seen: dict[int, date] = field(default_factory=dict)
    latest_at: datetime | None = None
    latest: dict[int, str] = field(default_factory=dict)

    def note(self, starts_at: datetime, attendees: list[Attendee]) -> None:
        members = {
            person.member_id: role
            for person in attendees
            if person.member_id is not None and (role := role_of(person))
        }
        if not members:
            return
        for member_id in members:
            day = starts_at.date()
            self.first_seen[member_id] = min(self.first_seen.get(member_id, day), day)
        if self.latest_at is None or starts_at > self.latest_at:
            self.latest_at, self.latest = starts_at, members


def sync_memberships(committee: Committee, roll: MemberRoll, report: Report, today: date) -> None:
    if roll.latest_at is None:
        return  # no meeting listed its members: nothing known
    councillors = Councillor.objects.filter(moderngov_id__in=roll.latest).in_bulk(
        field_name="moderngov_id"
    )
    stored = {
        membership.moderngov_id: membership
        for membership in committee.memberships.exclude(moderngov_id=None)
    }
    for member_id, role in roll.latest.items():
        councillor = councillors.get(member_id)
        if councillor is None:
            continue  # not a councillor ModernGov lists (a co-opted member)
        what = f"{councillor.name}, {committee.name}"
        membership = stored.get(member_id)
        if membership is None:
            Membership.objects.create(
                committee=committee,
                councillor=councillor,
                moderngov_id=member_id,
                role=role,
                starts_on=roll.first_seen[member_id],
            )
            report.add("membership", what)
            continue
        starts_on = min(membership.starts_on, roll.first_seen[member_id])
        values = {"councillor": councillor, "role": role, "starts_on": starts_on, "ends_on": None}
        if changed := differing(membership, values):
            membership.save()
            report.change("membership", what, changed)
    left_on = min(roll.latest_at.date(), today) - timedelta(days=1)
    for member_id, membership in stored.items():
        if member_id not in roll.latest and membership.ends_on is None:
            membership.ends_on = max(left_on, membership.starts_on)
            membership.save(update_fields=["ends_on"])
            report.remove(
                "membership",
                f"{membership.councillor.name}, {committee.name}",
                _("not listed at its latest meeting"),
            )
