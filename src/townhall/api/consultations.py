"""Consultations as JSON: status, stages and their questions, and published results.
Never a respondent's answers one by one, names, emails or wards."""

from datetime import datetime

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Query, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status

from townhall.api.filtering import OrganisationFilter, scope
from townhall.api.pagination import BoundedLimitOffset, Rows
from townhall.api.schemas import Problem, RecordId
from townhall.consultations import results, services
from townhall.consultations.models import ConsultationPage
from townhall.core import pagecache, translations

router = Router(tags=["consultations"])


class QuestionOut(Schema):
    key: str
    kind: str
    label: str
    required: bool
    options: list[str]
    shown_if: dict | None


class StageOut(Schema):
    id: int
    title: str
    opens_at: datetime
    closes_at: datetime
    questions: list[QuestionOut]


class ConsultationOut(Schema):
    id: int
    title: str
    summary: str
    status: str
    closes_or_opens_at: datetime | None
    days_since_close: int | None
    url: str


class ConsultationDetail(ConsultationOut):
    stages: list[StageOut]
    outcome_published: bool
    outcome_decision_id: int | None


class CountOut(Schema):
    answer: str
    count: int


class ResultOut(Schema):
    key: str
    label: str
    answered: int
    counts: list[CountOut]


class StageResults(Schema):
    stage: str
    responses: int
    questions: list[ResultOut]


def _summary(request: HttpRequest, page: ConsultationPage) -> dict:
    current = services.status(page)
    if current.changes_at:
        seconds = (current.changes_at - timezone.now()).total_seconds()
        pagecache.tag(request, "consultations", seconds=max(1, int(seconds)))
    else:
        pagecache.tag(request, "consultations")
    return {
        "id": page.pk,
        "title": page.title,
        "summary": page.summary,
        "status": current.state,
        "closes_or_opens_at": current.changes_at,
        "days_since_close": current.days_since_close,
        "url": request.build_absolute_uri(page.url),
    }


def _options(question) -> list[str]:
    value = question.value
    for name in ("choices", "points", "items", "rows"):
        if name in value:
            return [str(option) for option in value[name]]
    return []


def _public(pk: int) -> ConsultationPage | None:
    # Responses and results are the original's (core.translations): a translation has none.
    return translations.originals(ConsultationPage.objects.live().public()).filter(pk=pk).first()


@router.get(
    "/consultations",
    response=list[ConsultationOut],
    description=gettext_lazy(
        "Every published consultation with its status, which follows its dates; by the "
        "organisation that runs it."
    ),
)
@paginate(BoundedLimitOffset)
def list_consultations(request: HttpRequest, filters: Query[OrganisationFilter]):
    where = scope(filters)
    pages = translations.originals(ConsultationPage.objects.live().public())  # each once
    pages = pages.prefetch_related("stages")
    if where.organisation is not None:
        pages = pages.descendant_of(where.organisation.home_page)
    return Rows(pages.order_by("path"), lambda page: _summary(request, page))


@router.get("/consultations/{pk}", response={200: ConsultationDetail, 404: Problem})
def consultation_detail(request: HttpRequest, pk: RecordId):
    page = _public(pk)
    if page is None:
        return Status(404, {"detail": _("No published consultation has this id.")})
    return Status(
        200,
        {
            **_summary(request, page),
            "stages": [
                {
                    "id": stage.pk,
                    "title": stage.title,
                    "opens_at": stage.opens_at,
                    "closes_at": stage.closes_at,
                    "questions": [
                        {
                            "key": question.key,
                            "kind": question.kind,
                            "label": question.label,
                            "required": bool(question.value.get("required")),
                            "options": _options(question),
                            "shown_if": {
                                "key": question.value["show_if_key"],
                                "value": question.value["show_if_value"],
                            }
                            if question.value.get("show_if_key")
                            else None,
                        }
                        for question in results.all_questions(stage)
                    ],
                }
                for stage in page.stages.order_by("opens_at")
            ],
            "outcome_published": bool(page.we_did),
            "outcome_decision_id": page.outcome_decision_id,
        },
    )


@router.get(
    "/consultations/{pk}/results",
    response={200: list[StageResults], 404: Problem, 409: Problem},
    description=gettext_lazy("Counts for the choice questions, once the consultation has closed."),
)
def consultation_results(request: HttpRequest, pk: RecordId):
    page = _public(pk)
    if page is None:
        return Status(404, {"detail": _("No published consultation has this id.")})
    if services.status(page).state not in (services.CLOSED, services.CONCLUDED):
        return Status(409, {"detail": _("Results are published once the consultation closes.")})
    pagecache.tag(request, f"page:{page.pk}", "consultations")
    answer = []
    for stage in page.stages.order_by("opens_at"):
        responses = results.submitted(page, stage)
        answer.append(
            {
                "stage": stage.title,
                "responses": responses.count(),
                "questions": [
                    {
                        "key": result.question.key,
                        "label": result.question.label,
                        "answered": result.answered,
                        "counts": [{"answer": a, "count": n} for a, n in result.counts],
                    }
                    for result in results.count(stage, responses, charts=False)
                    if result.counts
                ],
            }
        )
    return Status(200, answer)
