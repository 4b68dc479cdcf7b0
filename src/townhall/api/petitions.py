import csv
import io
from typing import Literal

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Query, Router
from ninja.pagination import paginate
from ninja.responses import Status

from townhall.api.filtering import OrganisationAndDates, dated, scope
from townhall.api.pagination import BoundedLimitOffset, Rows
from townhall.api.schemas import PetitionDetail, PetitionSummary, Problem, RecordId
from townhall.core import pagecache
from townhall.petitions import counts, services
from townhall.petitions.models import Petition, Threshold

router = Router(tags=["petitions"])
COUNT_LAG_SECONDS = 3  # as on the petition pages
PUBLIC_STATES = [Petition.State.OPEN, Petition.State.CLOSED, Petition.State.REJECTED]


def _summary(petition: Petition, request: HttpRequest) -> dict:
    return {
        "id": petition.pk,
        "action": petition.action,
        "state": petition.state,
        "signatures": petition.online_count,
        "paper_signatures": petition.paper_count,
        "opened_at": petition.opened_at,
        "closes_at": petition.closes_at,
        "url": request.build_absolute_uri(reverse("petition", args=[petition.pk])),
    }


def _public(request: HttpRequest, pk: int) -> Petition | None:
    pagecache.tag(request, f"petition:{pk}", seconds=COUNT_LAG_SECONDS)
    return counts.with_counts(Petition.objects.filter(pk=pk, state__in=PUBLIC_STATES)).first()


class PetitionQuery(OrganisationAndDates):
    state: Literal["open", "closed", "rejected"] = "open"


@router.get(
    "/petitions",
    response=list[PetitionSummary],
    description=gettext_lazy(
        "Public petitions in one state: open (the default), closed or rejected, any other "
        "state answering 400; by the organisation that started them, and from and to the date "
        "they opened."
    ),
)
@paginate(BoundedLimitOffset)
def list_petitions(request: HttpRequest, filters: Query[PetitionQuery]):
    where = scope(filters)
    pagecache.tag(request, "petitions", seconds=COUNT_LAG_SECONDS)
    petitions = Petition.objects.filter(state=filters.state)
    if where.organisation is not None:
        petitions = petitions.filter(organisation=where.organisation)
    petitions = dated(petitions, "opened_at", where).order_by("-opened_at", "-created_at", "-pk")
    return Rows(counts.with_counts(petitions), lambda petition: _summary(petition, request))


@router.get("/petitions/{pk}", response={200: PetitionDetail, 404: Problem})
def petition_detail(request: HttpRequest, pk: RecordId):
    petition = _public(request, pk)
    if petition is None:
        return Status(404, {"detail": _("No public petition has this id.")})
    reached = {r.threshold_id: r.reached_at for r in petition.reached.all()}
    response = getattr(petition, "response", None)
    return Status(
        200,
        {
            **_summary(petition, request),
            "background": petition.background,
            "additional_details": petition.additional_details,
            "rejection_reason": petition.rejection_reason or None,
            "thresholds": [
                {
                    "signatures": t.signatures,
                    "name": t.name,
                    "what_happens": t.what_happens,
                    "reached_at": reached.get(t.pk),
                }
                for t in Threshold.objects.filter(scheme__borough=petition.borough)
            ],
            "response": {
                "text": response.text,
                "responded_on": response.responded_on,
                "link": response.link,
            }
            if response
            else None,
            "signatures_by_ward": [
                {"code": row["ward__code"], "name": row["ward__name"], "signatures": row["count"]}
                for row in services.signatures_by_ward(petition)
            ],
        },
    )


@router.get(
    "/petitions/{pk}/wards.csv",
    response={404: Problem},
    openapi_extra={
        "responses": {
            "200": {
                "description": gettext_lazy(
                    "Confirmed signatures per ward: ward_code, ward_name, signatures"
                ),
                "content": {"text/csv": {"schema": {"type": "string"}}},
            }
        }
    },
    description=gettext_lazy("Confirmed signatures per ward, as CSV."),
)
def petition_wards_csv(request: HttpRequest, pk: RecordId):
    petition = _public(request, pk)
    if petition is None:
        return Status(404, {"detail": _("No public petition has this id.")})
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["ward_code", "ward_name", "signatures"])
    for row in services.signatures_by_ward(petition):
        writer.writerow([row["ward__code"], row["ward__name"], row["count"]])
    result = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    result["Content-Disposition"] = f'attachment; filename="petition-{pk}-wards.csv"'
    return result
