"""One meeting from GetMeeting, with its agenda, papers, decisions, minutes and attendance,
stored in one transaction (the caller's unit). Restricted items, items and papers not for
display, and their papers and decisions, are never stored, and are removed if they were.
Officers' own agenda items (a petition for debate) stay, moved down if ModernGov's
numbering needs their place; residents' questions belong to the meeting and stay too."""

from collections.abc import Callable
from datetime import date

from django.db.models import Max, Q
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext as _

from townhall.core.sanitise import clean_rich_text
from townhall.council.models import AgendaItem, Councillor, Decision, Meeting, MeetingPaper
from townhall.council.moderngov.answers import ItemAnswer, LinkedDoc, MeetingAnswer
from townhall.council.moderngov.files import Fetched, fetch_paper, store_paper
from townhall.council.moderngov.memberships import MemberRoll
from townhall.council.moderngov.records import Written, differing
from townhall.council.moderngov.report import Report
from townhall.council.moderngov.site import ModernGovError, ModernGovSite
from townhall.council.moderngov.text import clean_word_html, plain_text

ATTENDED = ("present", "in attendance", "attended")
STEP_ASIDE = 20000  # numbers held for a moment while items change places
MAX_NUMBER = 9999


def papers_wanted(
    items: list[ItemAnswer], own: Callable[[str], bool]
) -> list[tuple[ItemAnswer, LinkedDoc]]:
    """The public items' files on the site that the public may see, each attachment once
    (a paper elsewhere is a link in its item's text)."""
    wanted, seen = [], set()
    for item in items:
        if not item.public:
            continue
        for doc in item.docs:
            if doc.restricted or not _is_file(doc, own) or doc.id in seen:
                continue
            seen.add(doc.id)
            wanted.append((item, doc))
    return wanted


def _is_file(doc: LinkedDoc, own: Callable[[str], bool]) -> bool:
    return bool(doc.url) and not doc.is_url and own(doc.url)


def fetch_new_papers(site: ModernGovSite, answer: MeetingAnswer) -> dict[int, Fetched]:
    """Papers not stored yet, or republished since, downloaded; any failure fails the meeting
    (nothing stored)."""
    if not answer.display_allowed:
        return {}
    wanted = papers_wanted(answer.items, site.is_own)
    published: dict[int, set[date | None]] = {}
    for attachment, day in MeetingPaper.objects.filter(
        moderngov_id__in=[doc.id for _item, doc in wanted]
    ).values_list("moderngov_id", "moderngov_published_on"):
        published.setdefault(attachment, set()).add(day)
    fetched: dict[int, Fetched] = {}
    try:
        for _item, doc in wanted:
            if _to_fetch(doc, published.get(doc.id)):
                fetched[doc.id] = fetch_paper(site, doc)
    except ModernGovError:
        for file in fetched.values():
            file.close()
        raise
    return fetched


def _to_fetch(doc: LinkedDoc, published: set[date | None] | None) -> bool:
    """Never stored, or stored only as published before (a paper kept before the dates were,
    None, is taken as current)."""
    if published is None:
        return True
    return doc.published_on is not None and not published & {doc.published_on, None}


def describe(meeting: Meeting) -> str:
    return f"{meeting.committee.name}, {timezone.localtime(meeting.starts_at):%d %B %Y}"


def _status(answer: MeetingAnswer) -> str:
    if "cancel" in answer.status.lower():
        return Meeting.Status.CANCELLED
    return Meeting.Status.HELD if answer.starts_at <= timezone.now() else Meeting.Status.SCHEDULED


def _item_text(item: ItemAnswer, site: ModernGovSite) -> str:
    """The item's words, and its papers that are web addresses (or files elsewhere) as links,
    made absolute: a relative one is on the ModernGov site, not on Townhall."""
    links = "".join(
        f'<p><a href="{escape(site.file_url(doc.url))}">{escape(doc.title or doc.url)}</a></p>'
        for doc in item.docs
        if doc.url and not doc.restricted and not _is_file(doc, site.is_own)
    )
    return clean_word_html(item.text_html) + (clean_rich_text(links) if links else "")


def _minutes(answer: MeetingAnswer, public: list[ItemAnswer]) -> str:
    if not answer.minute_published:
        return ""
    parts = []
    for item in public:
        if item.minute_published and (body := clean_word_html(item.minutes_html)):
            heading = f"{item.display_number or item.number or ''} {item.title}".strip()
            parts.append(f"<h3>{escape(heading)}</h3>{body}")
    return "".join(parts)


def _numbers(items: list[ItemAnswer]) -> dict[int, int]:
    """ModernGov's item numbers, where they are usable and distinct; the rest follow on."""
    numbers: dict[int, int | None] = {}
    used: set[int] = set()
    for item in items:
        number = item.number if item.number and item.number <= MAX_NUMBER else None
        numbers[item.id] = None if number in used else number
        used.add(number or 0)
    next_free = max(used, default=0) + 1
    for item_id, number in numbers.items():
        if number is None:
            numbers[item_id], next_free = next_free, next_free + 1
    return numbers


class MeetingSync:
    def __init__(
        self, site: ModernGovSite, report: Report, fetched: dict[int, Fetched], written: Written
    ) -> None:
        self.site, self.own, self.report, self.fetched = site, site.is_own, report, fetched
        self.written = written  # papers stored, deleted again if the meeting rolls back
        self.replaced: dict[int, object] = {}  # a republished paper's old document, by paper

    def apply(self, committee, answer: MeetingAnswer, roll: MemberRoll) -> None:
        meeting = Meeting.objects.filter(moderngov_id=answer.id).first()
        if not answer.display_allowed:
            self.report.leave_out(_("meetings not for display"))
            if meeting is not None and meeting.removed_upstream_on is None:
                self.withdraw(meeting, _("not for display in ModernGov"))
            return
        public = [item for item in answer.items if item.public]
        if hidden := len(answer.items) - len(public):
            self.report.leave_out(_("restricted or not-for-display agenda items"), hidden)
        minutes = _minutes(answer, public)
        values = {
            "committee": committee,
            "starts_at": answer.starts_at,
            "venue": ", ".join(part for part in (answer.room, answer.location) if part)[:200],
            "status": _status(answer),
            "minutes_text": minutes,
            "removed_upstream_on": None,
        }
        new = meeting is None
        if new:
            meeting = Meeting(moderngov_id=answer.id, **values)
            meeting.minutes = Meeting.Minutes.DRAFT if minutes else Meeting.Minutes.NONE
            meeting.save()
            self.report.add("meeting", describe(meeting))
        else:
            changed = differing(meeting, values)
            if minutes and meeting.minutes == Meeting.Minutes.NONE:
                meeting.minutes = Meeting.Minutes.DRAFT  # officers mark them approved
                changed.append("minutes")
            elif not minutes and meeting.minutes == Meeting.Minutes.DRAFT:
                meeting.minutes = Meeting.Minutes.NONE
                changed.append("minutes")
            if changed:
                meeting.save()
                self.report.change("meeting", describe(meeting), changed)
        items = self.items(meeting, public)
        papers = self.papers(meeting, public, items)
        self.decisions(meeting, public, items, papers)
        if answer.attendees:
            self.attendance(meeting, answer, new)
        roll.note(answer.starts_at, answer.attendees)

    def items(self, meeting: Meeting, public: list[ItemAnswer]) -> dict[int, AgendaItem]:
        numbers = _numbers(public)
        for item in meeting.agenda.exclude(moderngov_id=None).exclude(moderngov_id__in=numbers):
            item.delete()
            self.report.remove(
                "agenda item",
                f"{describe(meeting)}: {item.title}",
                _("withdrawn, restricted or not for display in ModernGov"),
            )
        stored = AgendaItem.objects.filter(moderngov_id__in=numbers).in_bulk(
            field_name="moderngov_id"
        )
        stepped_aside = set()
        for offset, item in enumerate(stored.values()):
            if item.number != numbers[item.moderngov_id] or item.meeting_id != meeting.pk:
                AgendaItem.objects.filter(pk=item.pk).update(number=STEP_ASIDE + offset)
                stepped_aside.add(item.pk)
        self.make_room(meeting, set(numbers.values()))
        kept = {}
        for answer_item in public:
            values = {
                "meeting": meeting,
                "number": numbers[answer_item.id],
                "title": (answer_item.title or _("Item %d") % numbers[answer_item.id])[:300],
                "text": _item_text(answer_item, self.site),
            }
            item = stored.get(answer_item.id)
            if item is None:
                item = AgendaItem.objects.create(moderngov_id=answer_item.id, **values)
                self.report.add("agenda item", f"{describe(meeting)}: {item}")
            elif (changed := differing(item, values)) or item.pk in stepped_aside:
                item.save()
                if changed:
                    self.report.change("agenda item", f"{describe(meeting)}: {item}", changed)
            kept[answer_item.id] = item
        return kept

    def make_room(self, meeting: Meeting, taken: set[int]) -> None:
        """Officers' items on a number ModernGov's agenda uses move after the last."""
        own = meeting.agenda.filter(moderngov_id=None, number__in=taken).order_by("number")
        if not own.exists():
            return
        last = meeting.agenda.filter(number__lt=STEP_ASIDE).aggregate(n=Max("number"))["n"] or 0
        next_free = max(last, *taken) + 1
        for item in own:
            old, item.number, next_free = item.number, next_free, next_free + 1
            item.save(update_fields=["number"])
            self.report.note(
                _(
                    "%(meeting)s: officers' item %(title)r moved from number %(old)d to %(new)d, "
                    "as ModernGov's agenda uses %(old)d"
                )
                % {
                    "meeting": describe(meeting),
                    "title": item.title,
                    "old": old,
                    "new": item.number,
                }
            )

    def papers(
        self, meeting: Meeting, public: list[ItemAnswer], items: dict[int, AgendaItem]
    ) -> dict[int, MeetingPaper]:
        stored = {
            paper.moderngov_id: paper
            for paper in meeting.papers.exclude(moderngov_id=None).select_related("document")
        }
        stored_on = {doc_id: paper.moderngov_published_on for doc_id, paper in stored.items()}
        kept = {}
        for answer_item, doc in papers_wanted(public, self.own):
            paper = stored.get(doc.id)
            if paper is None:
                paper = self.new_paper(meeting, items[answer_item.id], doc)
                if paper is None:
                    continue
            else:
                changed = differing(paper, {"agenda_item": items[answer_item.id]})
                changed += self.republish(paper, doc)
                if doc.title and paper.document.title != doc.title[:255]:
                    paper.document.title = doc.title[:255]
                    paper.document.save(update_fields=["title"])
                    changed.append("title")
                if changed or paper.moderngov_published_on != stored_on.get(doc.id):
                    paper.save()
                if changed:
                    self.report.change("paper", f"{describe(meeting)}: {doc.title}", changed)
                self.forget_unused(self.replaced.pop(paper.pk, None))
            kept[doc.id] = paper
        for attachment_id, paper in stored.items():
            if attachment_id not in kept:
                self.remove_paper(meeting, paper)
        return kept

    def current_document(self, doc: LinkedDoc, own: MeetingPaper | None = None):
        """The document holding the file as ModernGov last published it: fetched now, or
        brought in already with another meeting; None in a dry run (nothing is fetched)."""
        if doc.id in self.fetched:
            document = store_paper(self.fetched[doc.id], doc)
            self.written.keep(document.file)
            return document
        elsewhere = MeetingPaper.objects.filter(moderngov_id=doc.id).select_related("document")
        if own is not None:
            elsewhere = elsewhere.exclude(pk=own.pk)
        if doc.published_on is not None:
            elsewhere = elsewhere.filter(
                Q(moderngov_published_on=doc.published_on) | Q(moderngov_published_on=None)
            )
        earlier = elsewhere.order_by("-moderngov_published_on").first()
        return earlier.document if earlier else None

    def republish(self, paper: MeetingPaper, doc: LinkedDoc) -> list[str]:
        """A paper ModernGov published again under its attachment id: the new file in place
        of the old one. One kept before publication dates were takes the date as it is."""
        if doc.published_on is None or paper.moderngov_published_on == doc.published_on:
            return []
        if paper.moderngov_published_on is not None:
            document = self.current_document(doc, own=paper)
            if document is None:
                return ["document"]  # a dry run: it would be fetched again
            self.replaced[paper.pk] = paper.document
            paper.document = document
        paper.moderngov_published_on = doc.published_on
        return ["document"] if paper.pk in self.replaced else []

    def forget_unused(self, document) -> None:
        """A replaced file no paper shows any more is deleted (it was only ever a paper)."""
        if document is not None and not MeetingPaper.objects.filter(document=document).exists():
            document.delete()

    def new_paper(self, meeting: Meeting, item: AgendaItem, doc: LinkedDoc) -> MeetingPaper | None:
        """The paper, on a document fetched or brought in already with another meeting."""
        what = f"{describe(meeting)}: {doc.title}"
        document = self.current_document(doc)
        if document is None:  # a dry run fetches nothing
            self.report.add("paper", what)
            return None
        title = doc.title.lower()
        kind = (
            MeetingPaper.Kind.MINUTES
            if "minutes" in title
            else MeetingPaper.Kind.ORDER_PAPER
            if "agenda" in title
            else MeetingPaper.Kind.REPORT
        )
        paper = MeetingPaper.objects.create(
            meeting=meeting,
            agenda_item=item,
            moderngov_id=doc.id,
            moderngov_published_on=doc.published_on,
            kind=kind,
            document=document,
        )
        self.report.add("paper", what)
        return paper

    def remove_paper(self, meeting: Meeting, paper: MeetingPaper) -> None:
        document = paper.document
        paper.delete()
        self.report.remove(
            "paper",
            f"{describe(meeting)}: {document.title}",
            _("withdrawn, restricted or not for display in ModernGov"),
        )
        if not MeetingPaper.objects.filter(document=document).exists():
            document.delete()  # only ever shown as this meeting's paper

    def decisions(
        self,
        meeting: Meeting,
        public: list[ItemAnswer],
        items: dict[int, AgendaItem],
        papers: dict[int, MeetingPaper],
    ) -> None:
        """A decision for each public item ModernGov marks as a published decision."""
        wanted = {item.id: item for item in public if item.is_decision and item.decision_published}
        stale = Decision.objects.filter(meeting=meeting).exclude(moderngov_id=None)
        for decision in stale.exclude(moderngov_id__in=wanted):
            decision.delete()
            self.report.remove("decision", decision.title, _("no longer published in ModernGov"))
        stored = Decision.objects.filter(moderngov_id__in=wanted).in_bulk(field_name="moderngov_id")
        for item_id, item in wanted.items():
            minutes = plain_text(item.minutes_html) if item.minute_published else ""
            values = {
                "title": item.title[:250],
                "summary": minutes or plain_text(item.text_html) or item.title,
                "decided_on": timezone.localtime(meeting.starts_at).date(),
                "maker": Decision.Maker.COMMITTEE,
                "committee": meeting.committee,
                "decided_by": "",
                "meeting": meeting,
                "agenda_item": items[item_id],
            }
            decision = stored.get(item_id)
            changed = []
            if decision is None:
                decision = Decision.objects.create(moderngov_id=item_id, **values)
                self.report.add("decision", decision.title)
            elif changed := differing(decision, values):
                decision.save()
            own = [papers[doc.id] for doc in item.docs if doc.id in papers]
            documents = {p.document_id for p in own if p.moderngov_id in _decision_docs(item)}
            documents = documents or {p.document_id for p in own}
            if set(decision.papers.values_list("pk", flat=True)) != documents:
                decision.papers.set(documents)
                changed.append("papers")
            if changed and decision.moderngov_id in stored:
                self.report.change("decision", decision.title, changed)

    def attendance(self, meeting: Meeting, answer: MeetingAnswer, new: bool) -> None:
        present = {
            person.member_id
            for person in answer.attendees
            if person.member_id is not None and person.attendance.lower().startswith(ATTENDED)
        }
        wanted = set(
            Councillor.objects.filter(moderngov_id__in=present).values_list("pk", flat=True)
        )
        if set(meeting.attended.values_list("pk", flat=True)) != wanted:
            meeting.attended.set(wanted)
            if not new:
                self.report.change("meeting", describe(meeting), ["attended"])

    def withdraw(self, meeting: Meeting, why: str) -> None:
        """Everything ModernGov gave for the meeting taken down; the meeting says so."""
        for paper in meeting.papers.exclude(moderngov_id=None).select_related("document"):
            self.remove_paper(meeting, paper)
        Decision.objects.filter(meeting=meeting).exclude(moderngov_id=None).delete()
        meeting.agenda.exclude(moderngov_id=None).delete()
        meeting.attended.clear()
        meeting.minutes_text = ""
        if meeting.minutes == Meeting.Minutes.DRAFT:
            meeting.minutes = Meeting.Minutes.NONE
        meeting.removed_upstream_on = timezone.localdate()
        meeting.save()
        self.report.remove("meeting", describe(meeting), why)


def _decision_docs(item: ItemAnswer) -> set[int]:
    return {doc.id for doc in item.docs if doc.decision_attachment}
