"""Grant schemes with their rounds, and published awards in the 360Giving Data Standard's
shape (issue 20), filtered like every listing: by organisation, ward and award date.
Individuals are never named, as in the open data download."""

from datetime import datetime
from decimal import Decimal

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy
from ninja import Query, Router, Schema
from ninja.pagination import paginate

from townhall.api.filtering import OrganisationFilter, WhereAndWhen, dated, scope
from townhall.api.pagination import BoundedLimitOffset, Rows
from townhall.core import pagecache, translations
from townhall.core.models import Organisation
from townhall.core.services.organisations import owners_of
from townhall.grants import open_data
from townhall.grants.models import Award, GrantSchemePage

router = Router(tags=["grants"])
TAG = "grants"  # bumped when an award changes (grants.signals)


class RoundOut(Schema):
    title: str
    opens_at: datetime
    closes_at: datetime
    budget: Decimal
    state: str  # forthcoming, open or closed


class SchemeOut(Schema):
    id: int
    title: str
    summary: str
    minimum_amount: Decimal
    maximum_amount: Decimal
    organisation: str | None
    rounds: list[RoundOut]
    url: str


class NamedId(Schema):
    id: str
    name: str


class Programme(Schema):
    title: str


class Location(Schema):
    name: str
    geoCode: str
    geoCodeType: str


class GrantOut(Schema):
    """One award as a 360Giving grant."""

    id: str
    title: str
    description: str
    currency: str
    amountAwarded: float
    awardDate: str
    recipientOrganization: list[NamedId]
    fundingOrganization: list[NamedId]
    grantProgramme: list[Programme]
    beneficiaryLocation: list[Location] = []
    lastModified: str
    dataSource: str


@router.get(
    "/grants/schemes",
    response=list[SchemeOut],
    description=gettext_lazy(
        "Published grant schemes with their rounds, each round's state following its dates."
    ),
)
@paginate(BoundedLimitOffset)
def list_schemes(request: HttpRequest, filters: Query[OrganisationFilter]):
    where = scope(filters)
    schemes = translations.originals(GrantSchemePage.objects.live().public())  # each once
    schemes = schemes.prefetch_related("rounds").order_by("path")
    if where.organisation is not None:
        schemes = schemes.descendant_of(where.organisation.home_page)
    pagecache.tag(request, pagecache.PAGES_TAG, TAG)

    def shape_page(pages: list[GrantSchemePage]) -> list[dict]:
        owners = owners_of(pages, Organisation.objects.select_related("home_page"))
        now = timezone.now()
        changes = [
            at for page in pages for r in page.rounds.all() for at in (r.opens_at, r.closes_at)
        ]
        if later := [at for at in changes if at > now]:  # a round's state is about to change
            pagecache.tag(request, seconds=max(1, int((min(later) - now).total_seconds())))
        return [
            {
                "id": page.pk,
                "title": page.title,
                "summary": page.summary,
                "minimum_amount": page.minimum_amount,
                "maximum_amount": page.maximum_amount,
                "organisation": owners[page.pk].slug if owners[page.pk] else None,
                "rounds": [
                    {
                        "title": r.title,
                        "opens_at": r.opens_at,
                        "closes_at": r.closes_at,
                        "budget": r.budget,
                        "state": r.state(now),
                    }
                    for r in sorted(page.rounds.all(), key=lambda r: r.opens_at)
                ],
                "url": request.build_absolute_uri(page.get_url(request)),
            }
            for page in pages
        ]

    return Rows(schemes, shape_page=shape_page)


@router.get(
    "/grants/awards",
    response=list[GrantOut],
    description=gettext_lazy(
        "Published awards, newest first, as 360Giving grants; by the funding organisation, "
        "the ward the people who benefit live in, and from and to the award date."
    ),
)
@paginate(BoundedLimitOffset)
def list_awards(request: HttpRequest, filters: Query[WhereAndWhen]):
    where = scope(filters)
    awards = Award.objects.filter(published=True).select_related("ward")
    if where.organisation is not None:
        awards = awards.filter(scheme__path__startswith=where.organisation.home_page.path)
    if where.ward is not None:
        awards = awards.filter(ward=where.ward)
    awards = dated(awards, "awarded_on", where).order_by("-awarded_on", "-pk")
    pagecache.tag(request, TAG, pagecache.PAGES_TAG)

    def shape_page(page: list[Award]) -> list[dict]:
        by_scheme = open_data.funders({award.scheme_id for award in page})
        return [open_data.as_grant(award, by_scheme[award.scheme_id]) for award in page]

    return Rows(awards, shape_page=shape_page)
