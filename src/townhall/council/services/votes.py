"""The rules a recorded vote must keep before it is saved: members of the committee on the
day, every member present accounted for once, and a result the numbers give."""

from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from townhall.council.models import AgendaItem, Ballot, Councillor, RecordedVote
from townhall.council.models.interests import long_date, sat_on

Option, Result = Ballot.Option, RecordedVote.Result
VOTING = {Option.YES, Option.NO, Option.ABSTAIN}


@dataclass(frozen=True)
class Problems:
    ballots: list[str]  # about who voted how
    result: list[str]  # about the result given

    def __bool__(self) -> bool:
        return bool(self.ballots or self.result)


def check_vote(
    item: AgendaItem, ballots: list[tuple[Councillor, str]], result: str, casting_vote: bool
) -> Problems:
    meeting = item.meeting
    day = timezone.localdate(meeting.starts_at)
    if not ballots:
        return Problems([_("Add how each member voted")], [])
    about_ballots: list[str] = []
    for councillor, _option in ballots:
        if not sat_on(councillor.pk, meeting.committee_id, day):
            about_ballots.append(
                _("%(councillor)s was not a member of %(committee)s on %(day)s")
                % {"councillor": councillor, "committee": meeting.committee, "day": long_date(day)}
            )
    present = set(meeting.attended.values_list("pk", flat=True))
    if present:  # attendance recorded: the votes must account for exactly those present
        voting = {c.pk for c, option in ballots if option in VOTING}
        named_absent = sorted(str(c) for c, o in ballots if o == Option.ABSENT and c.pk in present)
        if named_absent:
            about_ballots.append(
                ngettext(
                    "%(names)s attended: record how they voted",
                    "%(names)s attended: record how they voted",
                    len(named_absent),
                )
                % {"names": ", ".join(named_absent)}
            )
        if voting - present:
            names = sorted(str(c) for c, o in ballots if c.pk in voting - present)
            about_ballots.append(
                ngettext(
                    "%(names)s did not attend the meeting",
                    "%(names)s did not attend the meeting",
                    len(names),
                )
                % {"names": ", ".join(names)}
            )
        if len(voting) != len(present):
            about_ballots.append(
                _(
                    "The votes for, against and abstaining (%(voting)s) do not add up to the "
                    "members present (%(present)s)"
                )
                % {"voting": len(voting), "present": len(present)}
            )
    return Problems(about_ballots, _result_problems(ballots, result, casting_vote))


def _result_problems(ballots, result: str, casting_vote: bool) -> list[str]:
    yes = sum(option == Option.YES for _c, option in ballots)
    no = sum(option == Option.NO for _c, option in ballots)
    if yes == no:
        return (
            []
            if casting_vote or not ballots
            else [
                _("The votes were tied (%(yes)s to %(no)s): tick the chair's casting vote")
                % {"yes": yes, "no": no}
            ]
        )
    if casting_vote:
        return [
            _("A casting vote is only used on a tie; this vote was %(yes)s to %(no)s")
            % {"yes": yes, "no": no}
        ]
    expected = Result.PASSED if yes > no else Result.FAILED
    if result != expected:
        return [
            _("%(yes)s for and %(no)s against: the motion was %(result)s")
            % {"yes": yes, "no": no, "result": expected.label.lower()}
        ]
    return []
