"""Datasets and their observations as JSON (issue 20): the same published facts as /data/."""

from datetime import date

from django.http import HttpRequest
from django.utils.translation import gettext_lazy
from ninja import Query, Router, Schema
from ninja.pagination import paginate

from townhall.api.pagination import BoundedLimitOffset, Rows
from townhall.api.schemas import FilterText, IsoDate, Slug
from townhall.core import pagecache
from townhall.datasets.models import Dataset, Observation
from townhall.datasets.presenting import observation_count
from townhall.datasets.views import TAG

router = Router(tags=["datasets"])


class LimitOut(Schema):
    kind: str
    label: str
    value: str
    applies_from: date


class DatasetOut(Schema):
    slug: str
    title: str
    description: str
    organisation: str
    unit: str
    source: str
    source_url: str
    licence: str
    method: str
    illustrative: bool
    limits: list[LimitOut]
    url: str


class ObservationOut(Schema):
    date: date
    period_end: date | None
    period_label: str
    value: str
    ward: str | None
    place: str


def _dataset(request: HttpRequest, dataset: Dataset) -> dict:
    return {
        "slug": dataset.slug,
        "title": dataset.title,
        "description": dataset.description,
        "organisation": dataset.organisation.slug,
        "unit": dataset.unit,
        "source": dataset.source,
        "source_url": dataset.source_url,
        "licence": dataset.licence,
        "method": dataset.method,
        "illustrative": dataset.illustrative,
        "limits": [
            {
                "kind": li.kind,
                "label": li.label,
                "value": f"{li.value.normalize():f}",
                "applies_from": li.applies_from,
            }
            for li in dataset.limits.all()
        ],
        "url": request.build_absolute_uri(dataset.get_absolute_url()),
    }


class DatasetQuery(Schema):
    organisation: FilterText | None = None


@router.get(
    "/datasets",
    response=list[DatasetOut],
    description=gettext_lazy(
        "Every published dataset, with its limits; `organisation` is an organisation's slug."
    ),
)
@paginate(BoundedLimitOffset)
def list_datasets(request: HttpRequest, filters: Query[DatasetQuery]):
    pagecache.tag(request, TAG)
    datasets = Dataset.objects.public().select_related("organisation").prefetch_related("limits")
    if filters.organisation:
        datasets = datasets.filter(organisation__slug=filters.organisation)
    return [_dataset(request, dataset) for dataset in datasets]


class ObservationQuery(Schema):
    ward: FilterText | None = None  # a ward's name or code
    date_from: IsoDate | None = None
    date_to: IsoDate | None = None


@router.get(
    "/datasets/{slug}/observations",
    response=list[ObservationOut],
    description=gettext_lazy(
        "A dataset's observations by date; by ward, and from and to a date. An unknown or "
        "unpublished dataset has none."
    ),
)
@paginate(BoundedLimitOffset)
def list_observations(request: HttpRequest, slug: Slug, filters: Query[ObservationQuery]):
    pagecache.tag(request, TAG)
    dataset = Dataset.objects.public().filter(slug=slug).first()
    if dataset is None:
        return []
    observations = dataset.observations.select_related("ward").order_by("period_start", "place_key")
    if filters.ward:
        observations = observations.filter(ward__name__iexact=filters.ward) | observations.filter(
            ward__code__iexact=filters.ward
        )
    if filters.date_from:
        observations = observations.filter(period_start__gte=filters.date_from)
    if filters.date_to:
        observations = observations.filter(period_start__lte=filters.date_to)
    unfiltered = not (filters.ward or filters.date_from or filters.date_to)
    # Unfiltered, the count is the one kept with the dataset's shape: counting a million
    # rows for each page was most of a page's time.
    count = (lambda: observation_count(dataset)) if unfiltered else None
    return Rows(observations, _observation, count=count)


def _observation(o: Observation) -> dict:
    return {
        "date": o.period_start,
        "period_end": o.period_end,
        "period_label": o.period_label,
        "value": f"{o.value.normalize():f}",
        "ward": o.ward.name if o.ward_id else None,
        "place": o.place,
    }
