"""Organisations and their published pages as JSON (issue 20): news, events, joint
statements, and aims with every version kept. Listings are pages of `{"items", "count"}`
filtered by organisation, ward (events) and date, like every other listing here."""

from django.db.models import Count, QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy
from ninja import Query, Router
from ninja.pagination import paginate
from ninja.responses import Status
from wagtail.models import Page
from wagtail.rich_text import expand_db_html

from townhall.api.content_schemas import (
    AimsOut,
    EventOut,
    NewsPostOut,
    OrganisationOut,
    StatementOut,
)
from townhall.api.filtering import (
    OrganisationAndDates,
    OrganisationFilter,
    Scope,
    WhereAndWhen,
    dated,
    scope,
)
from townhall.api.pagination import BoundedLimitOffset, Rows
from townhall.api.schemas import Problem, Slug
from townhall.campaigns.models import AimsPage, OrganisationHomePage
from townhall.core import pagecache, translations
from townhall.core.models import Organisation
from townhall.core.services.organisations import owners_of
from townhall.events.models import EventPage, EventPlaces
from townhall.news.models import NewsPostPage
from townhall.statements.models import CoSigning, JointStatementPage, StatementName

router = Router(tags=["organisations and their pages"])


class EventQuery(WhereAndWhen):
    upcoming: bool = False


def _absolute(request: HttpRequest, page: Page) -> str:
    return request.build_absolute_uri(page.get_url(request))


def _organisations() -> list[Organisation]:
    return list(Organisation.objects.select_related("home_page").order_by("name"))


def _published(model, request: HttpRequest, filters) -> tuple[QuerySet, Scope]:
    """The live, public pages of a type, in the organisation's section if one is named: each
    page once, its original, not each of its translations (core.translations)."""
    where = scope(filters)
    pages = translations.originals(model.objects.live().public())
    if where.organisation is not None:
        pages = pages.descendant_of(where.organisation.home_page)
    pagecache.tag(request, pagecache.PAGES_TAG)
    return pages, where


def _page_shaper(request: HttpRequest, shape):
    """Shapes a page of results with each one's organisation, found from one list of them,
    and tags the answer with each page shown, so a change to any of them refreshes it."""

    def shape_page(pages: list) -> list[dict]:
        owners = owners_of(pages, _organisations())
        pagecache.tag(request, *(pagecache.page_tag(page.pk) for page in pages))
        return [
            {
                **shape(page),
                "id": page.pk,
                "title": page.title,
                "organisation": owners[page.pk].slug if owners[page.pk] else None,
                "url": _absolute(request, page),
                "last_published_at": page.last_published_at,
            }
            for page in pages
        ]

    return shape_page


@router.get(
    "/organisations",
    response=list[OrganisationOut],
    description=gettext_lazy("The council and every group with a section on the site, by name."),
)
@paginate(BoundedLimitOffset)
def list_organisations(request: HttpRequest):
    pagecache.tag(request, pagecache.PAGES_TAG)
    organisations = _organisations()
    intros = dict(
        OrganisationHomePage.objects.filter(
            pk__in=[o.home_page_id for o in organisations]
        ).values_list("pk", "intro")
    )
    return [
        {
            "slug": o.slug,
            "name": o.name,
            "kind": o.kind,
            "url": _absolute(request, o.home_page),
            "intro": expand_db_html(intros.get(o.home_page_id, "")),
        }
        for o in organisations
    ]


@router.get("/organisations/{slug}", response={200: OrganisationOut, 404: Problem})
def organisation_detail(request: HttpRequest, slug: Slug):
    pagecache.tag(request, pagecache.PAGES_TAG)
    found = Organisation.objects.select_related("home_page").filter(slug=slug).first()
    if found is None:
        return Status(404, {"detail": gettext("No organisation has this slug.")})
    home = OrganisationHomePage.objects.filter(pk=found.home_page_id).first()
    return Status(
        200,
        {
            "slug": found.slug,
            "name": found.name,
            "kind": found.kind,
            "url": _absolute(request, found.home_page),
            "intro": expand_db_html(home.intro) if home else "",
        },
    )


@router.get(
    "/aims",
    response=list[AimsOut],
    description=gettext_lazy(
        "Each organisation's aims or constitution with every version it published, oldest "
        "first: the public record of how they changed."
    ),
)
@paginate(BoundedLimitOffset)
def list_aims(request: HttpRequest, filters: Query[OrganisationFilter]):
    pages, _ = _published(AimsPage, request, filters)
    pages = pages.prefetch_related("versions").order_by("path")

    def versions(page: AimsPage) -> dict:
        address = _absolute(request, page)
        return {
            "versions": [
                {
                    "number": version.number,
                    "title": version.title,
                    "change_summary": version.change_summary,
                    "published_at": version.published_at,
                    "body": expand_db_html(version.body),
                    "url": f"{address}versions/{version.number}/",
                }
                for version in page.versions.all()
            ]
        }

    return Rows(pages, shape_page=_page_shaper(request, versions))


@router.get(
    "/news",
    response=list[NewsPostOut],
    description=gettext_lazy(
        "News posts, newest first; by organisation and from and to a post date."
    ),
)
@paginate(BoundedLimitOffset)
def list_news(request: HttpRequest, filters: Query[OrganisationAndDates]):
    pages, where = _published(NewsPostPage, request, filters)
    pages = dated(pages, "date", where).order_by("-date", "-pk")
    pages = pages.prefetch_related("categories", "tagged_items__tag")

    def post(page: NewsPostPage) -> dict:
        return {
            "date": page.date,
            "author": page.author_name,
            "excerpt": page.excerpt,
            "body": expand_db_html(page.body),
            "categories": [category.name for category in page.categories.all()],
            "tags": [item.tag.name for item in page.tagged_items.all()],
        }

    return Rows(pages, shape_page=_page_shaper(request, post))


@router.get(
    "/events",
    response=list[EventOut],
    description=gettext_lazy(
        "Events, soonest first; by organisation, ward and from and to a start date, and "
        "`upcoming=true` for those not yet ended. The venue's address is on the event's page."
    ),
)
@paginate(BoundedLimitOffset)
def list_events(request: HttpRequest, filters: Query[EventQuery]):
    pages, where = _published(EventPage, request, filters)
    if where.ward is not None:
        pages = pages.filter(ward=where.ward)
    if filters.upcoming:
        pages = pages.filter(ends_at__gte=timezone.now())
    pages = dated(pages, "starts_at", where).select_related("ward").order_by("starts_at", "pk")
    pagecache.tag(request, "events")

    def shape_page(events: list[EventPage]) -> list[dict]:
        taken = dict(EventPlaces.objects.filter(event__in=events).values_list("event_id", "taken"))
        shaper = _page_shaper(request, lambda event: _event(event, taken.get(event.pk, 0)))
        return shaper(events)

    return Rows(pages, shape_page=shape_page)


def _event(event: EventPage, taken: int) -> dict:
    left = None if event.capacity is None else max(0, event.capacity - taken)
    return {
        "starts_at": event.starts_at,
        "ends_at": event.ends_at,
        "place": event.venue_name,
        "ward": event.ward.name if event.ward_id else None,
        "ward_code": event.ward.code if event.ward_id else None,
        "online_url": event.online_url,
        "access": [str(feature) for feature in event.access_features],
        "volunteering": event.volunteering,
        "cancelled": event.cancelled,
        "places": {"capacity": event.capacity, "taken": taken, "left": left},
    }


@router.get(
    "/statements",
    response=list[StatementOut],
    description=gettext_lazy(
        "Joint statements and open letters, newest first, with the organisations that "
        "co-signed and how many people added their names (never the names' emails)."
    ),
)
@paginate(BoundedLimitOffset)
def list_statements(request: HttpRequest, filters: Query[OrganisationAndDates]):
    pages, where = _published(JointStatementPage, request, filters)
    pages = dated(pages, "statement_date", where).order_by("-statement_date", "-pk")
    pagecache.tag(request, "statements")

    def shape_page(statements: list[JointStatementPage]) -> list[dict]:
        signers: dict[int, list[str]] = {}
        for statement_id, slug in (
            CoSigning.objects.filter(statement__in=statements, state=CoSigning.State.ACCEPTED)
            .order_by("organisation__name")
            .values_list("statement_id", "organisation__slug")
        ):
            signers.setdefault(statement_id, []).append(slug)
        counts = _confirmed_names(statements)

        def statement(page: JointStatementPage) -> dict:
            return {
                "date": page.statement_date,
                "summary": page.summary,
                "body": expand_db_html(page.body),
                "demands": [str(block.value) for block in page.demands],
                "co_signers": signers.get(page.pk, []),
                "names_count": counts.get(page.pk, 0),
            }

        return _page_shaper(request, statement)(statements)

    return Rows(pages, shape_page=shape_page)


def _confirmed_names(statements: list[JointStatementPage]) -> dict[int, int]:
    return dict(
        StatementName.objects.filter(statement__in=statements, confirmed=True)
        .values("statement_id")
        .annotate(n=Count("pk"))
        .values_list("statement_id", "n")
    )
