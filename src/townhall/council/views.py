"""The council's record in public: committees, meetings and the decisions register."""

from datetime import datetime, timedelta

from django.contrib.syndication.views import Feed
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from townhall.core import pagecache, translations
from townhall.core.citations import citations_of
from townhall.core.ics import ics_event, ics_response
from townhall.core.models import Borough, Ward
from townhall.core.search.fulltext import MAX_QUERY_LENGTH, search_terms
from townhall.core.services.postcodes import Outcome, has_postcodes, look_up_postcode
from townhall.council.forms import DecisionFilters, FindCouncillors
from townhall.council.models import (
    Committee,
    Contract,
    Councillor,
    Decision,
    KeyDecision,
    Meeting,
    RecordedVote,
)
from townhall.council.models.forward_plan import NOTICE_DAYS
from townhall.council.services import call_in, questions
from townhall.council.services.agenda_pack import agenda_pack
from townhall.council.services.attendance import attendance
from townhall.council.services.call_in import window_ends
from townhall.council.services.contact import responsiveness
from townhall.council.services.search import paper_hits, search_council
from townhall.council.services.tracker import tracker_for
from townhall.council.signals import COUNCIL_TAG  # officers' edits bump it

PER_PAGE = 25


def committees(request: HttpRequest) -> HttpResponse:
    pagecache.tag(request, COUNCIL_TAG)
    return render(request, "council/committees.html", {"committees": Committee.objects.all()})


def committee(request: HttpRequest, slug: str) -> HttpResponse:
    found = get_object_or_404(Committee, slug=slug)
    today = timezone.localdate()
    members = found.memberships.filter(Q(ends_on__isnull=True) | Q(ends_on__gte=today))
    now = timezone.now()
    pagecache.tag(request, COUNCIL_TAG)
    return render(
        request,
        "council/committee.html",
        {
            "committee": found,
            "members": members.select_related("councillor"),
            "upcoming": found.meetings.filter(starts_at__gte=now).order_by("starts_at"),
            "past": found.meetings.filter(starts_at__lt=now)[:20],
            "decisions": found.decisions.all()[:10],
        },
    )


def meeting(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_object_or_404(Meeting.objects.select_related("committee"), pk=pk)
    pagecache.tag(request, COUNCIL_TAG)
    return render(
        request,
        "council/meeting.html",
        {
            "meeting": found,
            "agenda": found.agenda.published().prefetch_related(
                "papers__document",
                "decisions",
                "declarations__councillor",
                "votes__ballots__councillor",
            ),
            "papers": found.papers.filter(agenda_item=None).select_related("document"),
            "attended": found.attended.all(),
            "questions": found.questions.published(),
            "closes": questions.deadline(found) if questions.taking_questions(found) else None,
        },
    )


def meeting_pack(request: HttpRequest, pk: int) -> HttpResponse:
    """Every paper of the meeting in one PDF, in the agenda's order."""
    found = get_object_or_404(Meeting.objects.select_related("committee"), pk=pk)
    if not found.papers.exists():
        raise Http404("This meeting has no papers yet.")
    pdf, left_out = agenda_pack(found)
    pagecache.tag(request, COUNCIL_TAG)
    response = HttpResponse(pdf, content_type="application/pdf")
    when = timezone.localtime(found.starts_at)
    response["Content-Disposition"] = (
        f'attachment; filename="{found.committee.slug}-{when:%Y-%m-%d}-agenda-pack.pdf"'
    )
    if left_out:
        response["X-Townhall-Left-Out"] = str(len(left_out))  # not PDFs: on the page instead
    return response


def meetings_calendar(request: HttpRequest) -> HttpResponse:
    """Upcoming meetings (and the last month's) as an iCalendar feed."""
    recent = timezone.now() - timedelta(days=31)
    meetings = Meeting.objects.filter(starts_at__gte=recent).select_related("committee")
    pagecache.tag(request, COUNCIL_TAG)
    return ics_response(
        _("Council meetings"),
        (
            ics_event(
                request,
                f"meeting-{found.pk}",
                found.starts_at,
                found.starts_at + timedelta(hours=2),  # meetings have no set end
                str(found.committee),
                found.get_absolute_url(),
                cancelled=found.status == Meeting.Status.CANCELLED,
                location=found.venue,
            )
            for found in meetings
        ),
        "council-meetings",
    )


def filtered_decisions(filters: DecisionFilters):
    decisions = Decision.objects.select_related("committee")
    if not filters.is_valid():
        return decisions.none()
    data = filters.cleaned_data
    if data["body"]:
        decisions = decisions.filter(committee=data["body"])
    if data["maker"]:
        decisions = decisions.filter(maker=data["maker"])
    if data["decided_from"]:
        decisions = decisions.filter(decided_on__gte=data["decided_from"])
    if data["decided_to"]:
        decisions = decisions.filter(decided_on__lte=data["decided_to"])
    if data["topic"]:
        decisions = decisions.filter(topic=data["topic"])
    if data["status"]:
        decisions = decisions.filter(status=data["status"])
    return decisions


def decisions(request: HttpRequest) -> HttpResponse:
    filters = DecisionFilters(request.GET or None)
    found = (
        filtered_decisions(filters) if request.GET else Decision.objects.select_related("committee")
    )
    page = Paginator(found, PER_PAGE).get_page(request.GET.get("page"))
    pagecache.tag(request, COUNCIL_TAG)
    status = 400 if request.GET and not filters.is_valid() else 200
    return render(
        request,
        "council/decisions.html",
        {"filters": filters, "decisions": page, "query": request.GET.urlencode()},
        status=status,
    )


def decision(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_object_or_404(
        Decision.objects.select_related("committee", "meeting", "agenda_item"), pk=pk
    )
    papers = found.papers.select_related("paper_text")
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    terms = search_terms(query)
    pagecache.tag(request, COUNCIL_TAG)
    return render(
        request,
        "council/decision.html",
        {
            "decision": found,
            "papers": papers,
            "query": query,
            "matches": paper_hits(terms, [paper.pk for paper in papers]) if terms else [],
            # Each once, in the reader's language: translations copy the decisions they cite.
            "tracked": translations.in_reader_language(
                [
                    *translations.originals(found.programmepages.live().public()),
                    *translations.originals(found.projectpages.live().public()),
                ]
            ),
            "contracts": found.contracts.all(),
            "call_in_ends": window_ends(found.decided_on) if found.subject_to_call_in else None,
            "call_in_open": found.subject_to_call_in and call_in.is_open(found.decided_on),
            "citations": citations_of(found.pk),
            "votes": RecordedVote.objects.filter(
                Q(decision=found) | Q(agenda_item_id=found.agenda_item_id or 0)
            ).prefetch_related("ballots__councillor"),
        },
    )


def forward_plan(request: HttpRequest) -> HttpResponse:
    """Key decisions to come, soonest first, and the last three months' taken ones."""
    since = timezone.localdate() - timedelta(days=92)
    plan = KeyDecision.objects.select_related("decision_maker", "decision")
    pagecache.tag(request, COUNCIL_TAG)
    return render(
        request,
        "council/forward_plan.html",
        {
            "to_come": plan.to_come(),
            "taken": plan.filter(
                status=KeyDecision.Status.TAKEN, decision__decided_on__gte=since
            ).order_by("-decision__decided_on"),
            "notice_days": NOTICE_DAYS,
        },
    )


def search(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    pagecache.tag(request, COUNCIL_TAG)
    return render(
        request, "council/search.html", {"query": query, "results": search_council(query)}
    )


def contracts(request: HttpRequest) -> HttpResponse:
    found = Contract.objects.select_related("awarded_by", "project")
    page = Paginator(found, PER_PAGE).get_page(request.GET.get("page"))
    pagecache.tag(request, COUNCIL_TAG)
    return render(request, "council/contracts.html", {"contracts": page})


def contract(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_object_or_404(Contract.objects.select_related("awarded_by", "project"), pk=pk)
    pagecache.tag(request, COUNCIL_TAG)
    tracker = tracker_for(found.project, contract=found) if found.project else None
    return render(request, "council/contract.html", {"contract": found, "tracker": tracker})


class DecisionsFeed(Feed):
    title = gettext_lazy("Council decisions")
    description = gettext_lazy("The newest decisions in the council's register")

    def link(self) -> str:
        return "/democracy/decisions/"

    def items(self):
        return Decision.objects.select_related("committee")[:50]

    def item_title(self, item: Decision) -> str:
        return item.title

    def item_description(self, item: Decision) -> str:
        return f"{item.made_by}, {date_format(item.decided_on, 'd F Y')}: {item.summary}"

    def item_pubdate(self, item: Decision):
        return timezone.make_aware(datetime.combine(item.decided_on, datetime.min.time()))

    def __call__(self, request, *args, **kwargs):
        pagecache.tag(request, COUNCIL_TAG)
        return super().__call__(request, *args, **kwargs)


class DecisionsAtomFeed(DecisionsFeed):
    feed_type = Atom1Feed
    subtitle = DecisionsFeed.description


def councillors(request: HttpRequest) -> HttpResponse:
    """Every councillor by ward, and "find your councillors" by postcode or ward."""
    borough = Borough.objects.first()
    wards = list(Ward.objects.filter(borough=borough).defer("boundary").order_by("name"))
    form = FindCouncillors(request.GET or None, wards=wards)
    chosen, problem = None, ""
    if form.is_valid():
        chosen, problem = _ward_asked(borough, form.cleaned_data, wards)
    everyone = Councillor.objects.in_office().select_related("ward").order_by("ward__name", "name")
    pagecache.tag(request, COUNCIL_TAG)
    return render(
        request,
        "council/councillors.html",
        {
            "form": form,
            "chosen": chosen,
            "problem": problem,
            # Where postcodes resolve, the ward list is offered only when one did not.
            "asks_ward": bool(problem) or not (borough and has_postcodes(borough)),
            "yours": [c for c in everyone if chosen and c.ward_id == chosen.pk],
            "councillors": everyone,
        },
        status=400 if problem else 200,
    )


def _ward_asked(borough, data: dict, wards: list) -> tuple[Ward | None, str]:
    if data["ward"]:
        return next((w for w in wards if w.code == data["ward"]), None), ""
    if not data["postcode"].strip() or borough is None:
        return None, ""
    found = look_up_postcode(borough, data["postcode"])
    if found.outcome is Outcome.OUTSIDE:
        return None, _("%(reason)s: its councillors are another council's") % {
            "reason": found.reason
        }
    return found.ward, found.reason_and_ward_list


def councillor_detail(request: HttpRequest, slug: str) -> HttpResponse:
    found = get_object_or_404(Councillor.objects.select_related("ward", "photo"), slug=slug)
    today = timezone.localdate()
    terms = found.memberships.select_related("committee").order_by("-starts_on")
    pagecache.tag(request, COUNCIL_TAG)
    return render(
        request,
        "council/councillor.html",
        {
            "councillor": found,
            "current": [t for t in terms if t.ends_on is None or t.ends_on >= today],
            "past": [t for t in terms if t.ends_on is not None and t.ends_on < today],
            "attendance": attendance(found),
            "responsiveness": responsiveness(found),
            "interests": found.interest_versions.order_by("-number").first(),
            "declarations": found.declarations.select_related(
                "agenda_item__meeting__committee"
            ).order_by("-agenda_item__meeting__starts_at")[:20],
            "ballots": found.ballots.select_related(
                "vote__agenda_item__meeting__committee"
            ).order_by("-vote__agenda_item__meeting__starts_at", "-vote__pk")[:20],
            "surgeries": [line for line in found.surgeries.splitlines() if line.strip()],
        },
    )
