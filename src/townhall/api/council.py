"""The council's record as JSON: committees, meetings, decisions, programmes with their
figures, and contracts. Councillors appear only in their public roles."""

from django.db.models import Prefetch
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status
from wagtail.models import Page

from townhall.api.council_schemas import (
    CommitteeOut,
    ContractOut,
    DecisionOut,
    DecisionPage,
    MeasureOut,
    MeetingDetail,
    MeetingOut,
    ProgrammeOut,
)
from townhall.api.pagination import BoundedLimitOffset
from townhall.api.schemas import MAX_OFFSET, FilterText, Problem, RecordId, Slug
from townhall.core import pagecache, translations
from townhall.council.forms import DecisionFilters
from townhall.council.models import (
    Committee,
    Contract,
    Decision,
    Measure,
    Meeting,
    Membership,
    ProgrammePage,
    ProjectPage,
)
from townhall.council.signals import COUNCIL_TAG
from townhall.council.views import filtered_decisions

router = Router(tags=["council"])


def _url(request: HttpRequest, path: str) -> str:
    return request.build_absolute_uri(path)


def _committee(request: HttpRequest, committee: Committee) -> dict:
    today = timezone.localdate()
    return {
        "slug": committee.slug,
        "name": committee.name,
        "kind": committee.kind,
        "remit": committee.remit,
        "url": _url(request, committee.get_absolute_url()),
        "members": [
            {
                "councillor": membership.councillor.name,
                "party": membership.councillor.party,
                "ward": membership.councillor.ward.name if membership.councillor.ward else None,
                "role": membership.role,
                "starts_on": membership.starts_on,
                "ends_on": membership.ends_on,
            }
            for membership in committee.memberships.all()
            if membership.ends_on is None or membership.ends_on >= today
        ],
    }


@router.get(
    "/committees",
    response=list[CommitteeOut],
    description=gettext_lazy(
        "Every committee, board and the full council, with their current members' roles."
    ),
)
@paginate(BoundedLimitOffset)
def list_committees(request: HttpRequest):
    pagecache.tag(request, COUNCIL_TAG)
    memberships = Membership.objects.select_related("councillor__ward")
    committees = Committee.objects.prefetch_related(Prefetch("memberships", memberships))
    return [_committee(request, committee) for committee in committees]


@router.get("/committees/{slug}", response={200: CommitteeOut, 404: Problem})
def committee_detail(request: HttpRequest, slug: Slug):
    pagecache.tag(request, COUNCIL_TAG)
    found = Committee.objects.filter(slug=slug).first()
    if found is None:
        return Status(404, {"detail": _("No committee has this slug.")})
    return Status(200, _committee(request, found))


def _meeting(request: HttpRequest, meeting: Meeting) -> dict:
    return {
        "id": meeting.pk,
        "committee": meeting.committee.slug,
        "starts_at": meeting.starts_at,
        "venue": meeting.venue,
        "status": meeting.status,
        "minutes": meeting.minutes,
        "webcast_url": meeting.webcast_url,
        "url": _url(request, meeting.get_absolute_url()),
    }


def _paper(request: HttpRequest, paper) -> dict:
    return {
        "title": paper.document.title,
        "kind": paper.kind,
        "url": _url(request, paper.document.url),
        "page_count": paper.page_count,
    }


class MeetingQuery(Schema):
    committee: FilterText | None = None
    upcoming: bool = False


@router.get(
    "/meetings",
    response=list[MeetingOut],
    description=gettext_lazy(
        "Meetings, newest first; `upcoming=true` for those still to come, soonest first."
    ),
)
@paginate(BoundedLimitOffset)
def list_meetings(request: HttpRequest, filters: Query[MeetingQuery]):
    pagecache.tag(request, COUNCIL_TAG)
    meetings = Meeting.objects.select_related("committee")
    if filters.committee:
        meetings = meetings.filter(committee__slug=filters.committee)
    if filters.upcoming:
        meetings = meetings.filter(starts_at__gte=timezone.now()).order_by("starts_at")
    return [_meeting(request, meeting) for meeting in meetings]


@router.get("/meetings/{pk}", response={200: MeetingDetail, 404: Problem})
def meeting_detail(request: HttpRequest, pk: RecordId):
    pagecache.tag(request, COUNCIL_TAG)
    found = Meeting.objects.select_related("committee").filter(pk=pk).first()
    if found is None:
        return Status(404, {"detail": _("No meeting has this id.")})
    papers = found.papers.select_related("document")
    return Status(
        200,
        {
            **_meeting(request, found),
            "agenda": [
                {
                    "number": item.number,
                    "title": item.title,
                    "outcome": item.outcome,
                    "papers": [
                        _paper(request, paper)
                        for paper in papers
                        if paper.agenda_item_id == item.pk
                    ],
                }
                for item in found.agenda.published()
            ],
            "papers": [_paper(request, paper) for paper in papers if paper.agenda_item_id is None],
            "attended": [councillor.name for councillor in found.attended.all()],
        },
    )


def _decision(request: HttpRequest, decision: Decision) -> dict:
    return {
        "id": decision.pk,
        "title": decision.title,
        "summary": decision.summary,
        "decided_on": decision.decided_on,
        "maker": decision.maker,
        "made_by": decision.made_by,
        "committee": decision.committee.slug if decision.committee else None,
        "meeting_id": decision.meeting_id,
        "agenda_item": decision.agenda_item.number if decision.agenda_item else None,
        "status": decision.status,
        "topic": decision.topic,
        "papers": [_url(request, document.url) for document in decision.papers.all()],
        "url": _url(request, decision.get_absolute_url()),
    }


class DecisionQuery(Schema):
    body: FilterText | None = None
    maker: FilterText | None = None
    decided_from: FilterText | None = None
    decided_to: FilterText | None = None
    topic: FilterText | None = None
    status: FilterText | None = None
    limit: int = Field(50, ge=1, le=200)
    offset: int = Field(0, ge=0, le=MAX_OFFSET)


@router.get(
    "/decisions",
    response={200: DecisionPage, 400: Problem},
    description=gettext_lazy(
        "The decisions register, newest first, with the same filters as its web page.\n\n"
        "Dates are YYYY-MM-DD; `body` is a committee's slug. A bad filter answers 400 and "
        "says why."
    ),
)
def list_decisions(request: HttpRequest, query: Query[DecisionQuery]):
    pagecache.tag(request, COUNCIL_TAG)
    filters = {key: value for key, value in query.dict().items() if value}
    form = DecisionFilters(
        {key: filters[key] for key in DecisionFilters.base_fields if key in filters}
    )
    if not form.is_valid():
        problems = "; ".join(
            f"{field}: {' '.join(errors)}" for field, errors in form.errors.items()
        )
        return Status(400, {"detail": problems})
    decisions = filtered_decisions(form).select_related("agenda_item").prefetch_related("papers")
    window = decisions[query.offset : query.offset + query.limit]
    return Status(
        200,
        {"count": decisions.count(), "items": [_decision(request, found) for found in window]},
    )


@router.get("/decisions/{pk}", response={200: DecisionOut, 404: Problem})
def decision_detail(request: HttpRequest, pk: RecordId):
    pagecache.tag(request, COUNCIL_TAG)
    found = Decision.objects.select_related("committee", "agenda_item").filter(pk=pk).first()
    if found is None:
        return Status(404, {"detail": _("No decision has this id.")})
    return Status(200, _decision(request, found))


def _programme(request: HttpRequest, programme: ProgrammePage) -> dict:
    return {
        "id": programme.pk,
        "title": programme.title,
        "summary": programme.summary,
        "sponsor": programme.sponsor,
        "political_leads": [councillor.name for councillor in programme.political_leads.all()],
        "status": programme.status,
        "starts_on": programme.starts_on,
        "ends_on": programme.ends_on,
        "decisions": [decision.pk for decision in programme.decisions.all()],
        "projects": [
            {
                "id": project.pk,
                "title": project.title,
                "aim": project.aim,
                "status": project.status,
                "starts_on": project.starts_on,
                "ends_on": project.ends_on,
                "budget": project.budget,
                "supplier": project.supplier,
                "url": _url(request, project.url),
            }
            for project in programme.projects()
        ],
        "url": _url(request, programme.url),
    }


@router.get(
    "/programmes",
    response=list[ProgrammeOut],
    description=gettext_lazy("Published programmes of change, each with its projects."),
)
@paginate(BoundedLimitOffset)
def list_programmes(request: HttpRequest):
    pagecache.tag(request, COUNCIL_TAG, pagecache.PAGES_TAG)
    programmes = translations.originals(ProgrammePage.objects.live().public())  # each once
    return [_programme(request, p) for p in programmes]


@router.get(
    "/figures/{page_id}",
    response={200: list[MeasureOut], 404: Problem},
    description=gettext_lazy(
        "The promise tracker of a programme or a project (by its id): each measure's values, "
        "each with the address of the document or page that published it."
    ),
)
def figures(request: HttpRequest, page_id: RecordId):
    pagecache.tag(request, COUNCIL_TAG)
    pages = translations.originals(Page.objects.live().public())  # figures are the original's
    page = pages.type(ProgrammePage, ProjectPage).filter(pk=page_id).first()
    if page is None:
        return Status(404, {"detail": _("No published programme or project has this id.")})
    measures = Measure.objects.filter(page=page).prefetch_related("values__source")
    pagecache.tag(request, pagecache.PAGES_TAG)
    return Status(
        200,
        [
            {
                "name": measure.name,
                "unit": measure.unit,
                "role": measure.role,
                "description": measure.description,
                "contract_id": measure.contract_id,
                "values": [
                    {
                        "on": value.on,
                        "value": value.value,
                        "shown": value.shown,
                        "source": _url(request, value.source_link),
                    }
                    for value in measure.values.all()
                ],
            }
            for measure in measures
        ],
    )


@router.get(
    "/contracts",
    response=list[ContractOut],
    description=gettext_lazy("The contracts register, newest first."),
)
@paginate(BoundedLimitOffset)
def list_contracts(request: HttpRequest):
    pagecache.tag(request, COUNCIL_TAG)
    return [
        {
            "id": contract.pk,
            "supplier": contract.supplier,
            "service": contract.service,
            "value": contract.value,
            "starts_on": contract.starts_on,
            "ends_on": contract.ends_on,
            "awarded_by": contract.awarded_by_id,
            "project_id": contract.project_id,
            "url": _url(request, contract.get_absolute_url()),
        }
        for contract in Contract.objects.all()
    ]
