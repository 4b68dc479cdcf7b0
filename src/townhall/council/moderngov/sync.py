"""A sync of the council's ModernGov site: councillors, then committees, then each committee's
meetings in the window, then who sits on each committee. Each unit (the councillors, the
committees, one meeting, one committee's members) is stored whole or not at all: an answer
that cannot be had or read refuses that unit, changes nothing of it, and the rest go on."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import DataError, IntegrityError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from townhall.council.models import Committee, Meeting
from townhall.council.moderngov import answers
from townhall.council.moderngov.committees import sync_committees
from townhall.council.moderngov.councillors import fetch_photos, sync_councillors
from townhall.council.moderngov.meetings import MeetingSync, describe, fetch_new_papers
from townhall.council.moderngov.memberships import MemberRoll, sync_memberships
from townhall.council.moderngov.records import unit
from townhall.council.moderngov.report import Report
from townhall.council.moderngov.site import DEFAULT_TIMEOUT, ModernGovError, ModernGovSite


@dataclass(frozen=True)
class Window:
    """The meetings asked for: from `start` to `end`, inclusive."""

    start: date
    end: date

    @classmethod
    def around(cls, today: date, days_back: int, days_ahead: int) -> "Window":
        return cls(today - timedelta(days=days_back), today + timedelta(days=days_ahead))

    def query(self) -> dict[str, str]:
        return {"sFromDate": f"{self.start:%d/%m/%Y}", "sToDate": f"{self.end:%d/%m/%Y}"}


class Sync:
    def __init__(self, site: ModernGovSite, window: Window, dry_run: bool, say: Callable) -> None:
        self.site, self.window, self.dry_run, self.say = site, window, dry_run, say
        self.report = Report()
        self.today = timezone.localdate()

    def refuse(self, error: Exception, what: str) -> None:
        self.report.refuse(
            _("%(error)s: nothing was changed for %(what)s") % {"error": error, "what": what}
        )

    def run(self) -> Report:
        self.councillors()
        for committee in self.committees().values():
            if committee.ended_upstream != Committee.Ended.DELETED:
                self.meetings_of(committee)
        return self.report

    def councillors(self) -> None:
        try:
            listed = answers.councillors(self.site.ask("GetCouncillorsByWard", "councillorsbyward"))
            if not listed:
                raise ModernGovError(_("GetCouncillorsByWard lists no councillors"))
        except ModernGovError as error:
            self.refuse(error, _("the councillors"))
            return
        photos = {} if self.dry_run else fetch_photos(self.site, listed, self.report)
        try:
            with unit(self.dry_run) as written:
                sync_councillors(self.site, listed, photos, self.report, self.today, written)
        except (IntegrityError, DataError) as error:
            self.refuse(refused_by_database("GetCouncillorsByWard", error), _("the councillors"))
        finally:
            for photo in photos.values():
                photo.close()
        self.say(
            ngettext("%(count)d councillor", "%(count)d councillors", len(listed))
            % {"count": len(listed)}
        )

    def committees(self) -> dict[int, Committee]:
        try:
            listed = answers.committees(self.site.ask("GetCommittees", "committees"))
            if not listed:
                raise ModernGovError(_("GetCommittees lists no committees"))
        except ModernGovError as error:
            self.refuse(error, _("the committees and their meetings"))
            return {}
        try:
            with unit(self.dry_run):
                return sync_committees(listed, self.report)
        except (IntegrityError, DataError) as error:
            what = _("the committees and their meetings")
            self.refuse(refused_by_database("GetCommittees", error), what)
            return {}

    def meetings_of(self, committee: Committee) -> None:
        try:
            stubs = answers.meeting_stubs(
                self.site.ask(
                    "GetMeetings",
                    "getmeetings",
                    lCommitteeId=committee.moderngov_id,
                    **self.window.query(),
                )
            )
        except ModernGovError as error:
            self.refuse(error, _("the meetings of %s") % committee.name)
            return
        self.say(
            ngettext(
                "%(committee)s: %(count)d meeting", "%(committee)s: %(count)d meetings", len(stubs)
            )
            % {"committee": committee.name, "count": len(stubs)}
        )
        roll = MemberRoll()
        for stub in stubs:
            self.meeting(committee, stub.id, roll)
        with unit(self.dry_run):
            self.mark_gone(committee, {stub.id for stub in stubs})
            sync_memberships(committee, roll, self.report, self.today)

    def meeting(self, committee: Committee, meeting_id: int, roll: MemberRoll) -> None:
        what = _("meeting %(id)d of %(committee)s") % {
            "id": meeting_id,
            "committee": committee.name,
        }
        try:
            answer = answers.meeting(self.site.ask("GetMeeting", "meeting", lMeetingId=meeting_id))
            if answer.id != meeting_id:
                raise ModernGovError(
                    _("GetMeeting (lMeetingId=%(asked)d) answered meeting %(answered)d")
                    % {"asked": meeting_id, "answered": answer.id}
                )
            fetched = {} if self.dry_run else fetch_new_papers(self.site, answer)
        except ModernGovError as error:
            self.refuse(error, what)
            return
        try:
            with unit(self.dry_run) as written:
                MeetingSync(self.site, self.report, fetched, written).apply(committee, answer, roll)
        except (IntegrityError, DataError) as error:
            self.refuse(refused_by_database(f"GetMeeting (lMeetingId={meeting_id})", error), what)
        finally:
            for file in fetched.values():
                file.close()

    def mark_gone(self, committee: Committee, listed: set[int]) -> None:
        """Meetings in the window that ModernGov no longer lists: removed upstream."""
        gone = (
            Meeting.objects.filter(
                committee=committee,
                starts_at__date__range=(self.window.start, self.window.end),
                removed_upstream_on=None,
            )
            .exclude(moderngov_id=None)
            .exclude(moderngov_id__in=listed)
        )
        for meeting in gone.select_related("committee"):
            meeting.removed_upstream_on = self.today
            meeting.save(update_fields=["removed_upstream_on"])
            self.report.remove("meeting", describe(meeting), _("no longer in ModernGov"))


def refused_by_database(operation: str, error: Exception) -> ModernGovError:
    """An answer the database would not take (a value too long, a clash), in one line."""
    return ModernGovError(
        _("%(operation)s: the database refused it (%(error)s)")
        % {"operation": operation, "error": " ".join(str(error).split())}
    )


def sync_site(
    url: str,
    window: Window,
    *,
    dry_run: bool = False,
    timeout: float = DEFAULT_TIMEOUT,
    say: Callable[[str], None] = lambda line: None,
) -> Report:
    """Raises ModernGovError only for an address that cannot be a ModernGov site."""
    return Sync(ModernGovSite(url, timeout), window, dry_run, say).run()
