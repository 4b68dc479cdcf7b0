"""Councillors, their registers of interests and votes, residents' published questions, the
forward plan and spending as JSON (issue 19). The same public facts as the pages: never a
writer's email or address, nor a question before an officer accepted it."""

from datetime import date

from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Query, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status
from pydantic import field_validator

from townhall.api.democracy_schemas import (
    InterestsOut,
    KeyDecisionOut,
    PaymentOut,
    PersonOut,
    PublicQuestionOut,
    VoteEventOut,
)
from townhall.api.pagination import BoundedLimitOffset
from townhall.api.schemas import FilterText, Problem, RecordId, Slug
from townhall.core import pagecache
from townhall.council.models import (
    Ballot,
    Councillor,
    KeyDecision,
    PublicQuestion,
    RecordedVote,
)
from townhall.council.services import spending
from townhall.council.services.attendance import attendance
from townhall.council.services.contact import responsiveness
from townhall.council.signals import COUNCIL_TAG

router = Router(tags=["democracy"])


def _url(request: HttpRequest, path: str) -> str:
    return request.build_absolute_uri(path)


def _person(request: HttpRequest, councillor: Councillor) -> dict:
    replies = responsiveness(councillor)
    return {
        "id": councillor.slug,
        "name": councillor.name,
        "party": councillor.party,
        "ward": councillor.ward.name if councillor.ward else None,
        "email": councillor.email,
        "phone": councillor.phone,
        "image": _url(request, councillor.photo.file.url) if councillor.photo else None,
        "url": _url(request, councillor.get_absolute_url()),
        "memberships": [
            {
                "organization_id": membership.committee.slug,
                "organization_name": membership.committee.name,
                "role": membership.role,
                "start_date": membership.starts_on,
                "end_date": membership.ends_on,
            }
            for membership in councillor.memberships.all()
        ],
        "attendance_rate": attendance(councillor).rate,
        "responsiveness": {
            "messages_sent": replies.sent,
            "answered": replies.answered if replies.published else 0,
            "replied": replies.replied if replies.published else 0,
            "reply_rate": replies.rate,
        },
    }


def _councillors():
    return Councillor.objects.select_related("ward", "photo").prefetch_related(
        "memberships__committee"
    )


@router.get(
    "/councillors",
    response=list[PersonOut],
    description=gettext_lazy(
        "Every councillor in office as a Popolo Person, with their committee memberships."
    ),
)
@paginate(BoundedLimitOffset)
def list_councillors(request: HttpRequest):
    pagecache.tag(request, COUNCIL_TAG)
    return [_person(request, councillor) for councillor in _councillors().in_office()]


@router.get("/councillors/{slug}", response={200: PersonOut, 404: Problem})
def councillor_detail(request: HttpRequest, slug: Slug):
    pagecache.tag(request, COUNCIL_TAG)
    found = _councillors().filter(slug=slug).first()
    if found is None:
        return Status(404, {"detail": _("No councillor has this id.")})
    return Status(200, _person(request, found))


@router.get(
    "/councillors/{slug}/interests",
    response={200: InterestsOut, 404: Problem},
    description=gettext_lazy(
        "Every version of their register, newest first, and the interests they declared."
    ),
)
def councillor_interests(request: HttpRequest, slug: Slug):
    pagecache.tag(request, COUNCIL_TAG)
    found = Councillor.objects.filter(slug=slug).first()
    if found is None:
        return Status(404, {"detail": _("No councillor has this id.")})
    declarations = found.declarations.select_related("agenda_item")
    return Status(
        200,
        {
            "person_id": found.slug,
            "versions": [
                {
                    "number": version.number,
                    "registered_on": version.registered_on,
                    "change_summary": version.change_summary,
                    "categories": [
                        {"category": name, "label": label, "entries": lines}
                        for name, label, lines in version.entries()
                    ],
                }
                for version in found.interest_versions.order_by("-number")
            ],
            "declarations": [
                {
                    "meeting_id": declaration.agenda_item.meeting_id,
                    "agenda_item": declaration.agenda_item.number,
                    "item_title": declaration.agenda_item.title,
                    "kind": declaration.kind,
                    "nature": declaration.nature,
                    "left_the_room": declaration.left_the_room,
                }
                for declaration in declarations
            ],
        },
    )


class VoteQuery(Schema):
    meeting: RecordId | None = None
    councillor: FilterText | None = None


def _vote_event(vote: RecordedVote) -> dict:
    counts = vote.counts()
    meeting = vote.agenda_item.meeting
    return {
        "id": f"vote-{vote.pk}",
        "motion": vote.motion,
        "organization_id": meeting.committee.slug,
        "start_date": meeting.starts_at,
        "result": vote.result,
        "casting_vote": vote.casting_vote,
        "meeting_id": meeting.pk,
        "agenda_item": vote.agenda_item.number,
        "decision_id": vote.decision_id,
        "counts": [{"option": option, "value": counts[option]} for option in Ballot.Option.values],
        "votes": [
            {"voter_id": b.councillor.slug, "voter_name": b.councillor.name, "option": b.option}
            for b in vote.ballots.all()
        ],
    }


@router.get(
    "/votes",
    response=list[VoteEventOut],
    description=gettext_lazy(
        "Recorded votes as Popolo VoteEvents, newest meeting first; by meeting or councillor."
    ),
)
@paginate(BoundedLimitOffset)
def list_votes(request: HttpRequest, filters: Query[VoteQuery]):
    pagecache.tag(request, COUNCIL_TAG)
    votes = RecordedVote.objects.select_related("agenda_item__meeting__committee").prefetch_related(
        "ballots__councillor"
    )
    if filters.meeting:
        votes = votes.filter(agenda_item__meeting_id=filters.meeting)
    if filters.councillor:
        votes = votes.filter(ballots__councillor__slug=filters.councillor)
    return [_vote_event(vote) for vote in votes.order_by("-agenda_item__meeting__starts_at", "pk")]


class QuestionQuery(Schema):
    meeting: RecordId | None = None
    committee: FilterText | None = None


@router.get(
    "/questions",
    response=list[PublicQuestionOut],
    description=gettext_lazy(
        "Residents' questions and deputations once accepted, with the written answers; the "
        "page shows who asked, the API does not (it gives no resident's name)."
    ),
)
@paginate(BoundedLimitOffset)
def list_questions(request: HttpRequest, filters: Query[QuestionQuery]):
    pagecache.tag(request, COUNCIL_TAG)
    published = PublicQuestion.objects.published().select_related("meeting__committee")
    if filters.meeting:
        published = published.filter(meeting_id=filters.meeting)
    if filters.committee:
        published = published.filter(meeting__committee__slug=filters.committee)
    return [
        {
            "id": question.pk,
            "meeting_id": question.meeting_id,
            "committee": question.meeting.committee.slug,
            "kind": question.kind,
            "text": question.text,
            "state": question.state,
            "answer": question.answer if question.state == PublicQuestion.State.ANSWERED else "",
        }
        for question in published.order_by("-meeting__starts_at", "pk")
    ]


@router.get(
    "/forward-plan",
    response=list[KeyDecisionOut],
    description=gettext_lazy("Key decisions to come, soonest first."),
)
@paginate(BoundedLimitOffset)
def forward_plan(request: HttpRequest):
    pagecache.tag(request, COUNCIL_TAG)
    return [
        {
            "id": plan.pk,
            "title": plan.title,
            "summary": plan.summary,
            "decision_maker": plan.decision_maker.slug if plan.decision_maker else plan.decided_by,
            "expected_on": plan.expected_on,
            "first_published_on": plan.first_published_on,
            "wards": plan.wards,
            "papers_to_come": plan.papers_to_come,
            "urgent_reason": plan.urgent_reason,
            "status": plan.status,
            "decision_id": plan.decision_id,
        }
        for plan in KeyDecision.objects.to_come().select_related("decision_maker")
    ]


class SpendingQuery(Schema):
    q: FilterText | None = None
    service: FilterText | None = None
    month: FilterText | None = None  # YYYY-MM

    @field_validator("month")
    @classmethod
    def _month(cls, value: str | None) -> str | None:
        if value is None:
            return value
        try:
            date.fromisoformat(f"{value}-01")
        except ValueError:
            raise ValueError(_("give the month as YYYY-MM, like 2026-03")) from None
        return value

    @field_validator("q")
    @classmethod
    def _words(cls, value: str | None) -> str | None:
        if value is not None and len(value) > 100:
            raise ValueError(_("at most 100 characters"))
        return value


@router.get(
    "/spending",
    response=list[PaymentOut],
    description=gettext_lazy(
        "Payments over £500, newest first; by words in the supplier, service or purpose, by "
        "service, or by month."
    ),
)
@paginate(BoundedLimitOffset)
def list_spending(request: HttpRequest, filters: Query[SpendingQuery]):
    pagecache.tag(request, COUNCIL_TAG)
    month = date.fromisoformat(f"{filters.month}-01") if filters.month else None
    payments = spending.filtered((filters.q or "").strip(), filters.service or "", month)
    return [
        {
            "transaction": payment.transaction,
            "paid_on": payment.paid_on,
            "supplier": payment.supplier,
            "supplier_id": payment.supplier_ref,
            "service": payment.service,
            "expense_type": payment.expense_type,
            "purpose": payment.purpose,
            "amount": payment.amount,
            "contract_id": payment.contract_id,
        }
        for payment in payments.order_by("-paid_on", "transaction")
    ]
