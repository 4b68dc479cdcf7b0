"""The open data catalogue (/data/), each dataset's page with its chart and table, and its
downloads; each described in schema.org's Dataset terms for harvesters."""

import json

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from townhall.core import open_data, pagecache
from townhall.core.csv_download import csv_download
from townhall.datasets import catalogue
from townhall.datasets.models import Dataset
from townhall.datasets.presenting import figures

TAG = "datasets"


def _dataset(slug: str) -> Dataset:
    return get_object_or_404(Dataset.objects.public().select_related("organisation"), slug=slug)


def _script_safe(described: dict) -> str:
    """JSON for a <script> element: no "<" in it can close the element early."""
    return json.dumps(described, indent=1).replace("<", "\\u003c")


def index(request: HttpRequest) -> HttpResponse:
    pagecache.tag(request, TAG)
    entries = catalogue.entries(request)
    return render(
        request,
        "datasets/catalogue.html",
        {
            "entries": entries,
            "json_ld": _script_safe(catalogue.data_catalog(request, entries)),
        },
    )


def dcat(request: HttpRequest) -> HttpResponse:
    """The catalogue in DCAT-AP, as JSON-LD, for harvesters that read DCAT."""
    pagecache.tag(request, TAG)
    return HttpResponse(
        json.dumps(catalogue.dcat_catalog(request, catalogue.entries(request)), indent=1),
        content_type="application/ld+json",
    )


def detail(request: HttpRequest, slug: str) -> HttpResponse:
    dataset = _dataset(slug)
    pagecache.tag(request, TAG)
    return render(
        request,
        "datasets/dataset.html",
        {
            "dataset": dataset,
            "figures": figures(dataset),
            "json_ld": _script_safe(catalogue.describe_dataset(request, dataset)),
        },
    )


FIELDS = [
    *("date", "period_end", "period_label", "value", "unit"),
    *("ward", "place", "latitude", "longitude"),
]


def _rows(dataset: Dataset):
    for o in (
        dataset.observations.select_related("ward")
        .order_by("period_start", "place_key")
        .iterator(chunk_size=5000)
    ):
        yield [
            o.period_start.isoformat(),
            o.period_end.isoformat() if o.period_end else "",
            o.period_label,
            f"{o.value.normalize():f}",
            dataset.unit,
            o.ward.name if o.ward_id else "",
            o.place,
            "" if o.latitude is None else f"{o.latitude}",
            "" if o.longitude is None else f"{o.longitude}",
        ]


def download_csv(request: HttpRequest, slug: str) -> HttpResponse:
    dataset = _dataset(slug)
    return csv_download(f"{dataset.slug}.csv", FIELDS, _rows(dataset))


def download_json(request: HttpRequest, slug: str) -> HttpResponse:
    dataset = _dataset(slug)
    pagecache.tag(request, TAG)
    return JsonResponse(
        {
            "dataset": catalogue.describe_dataset(request, dataset),
            "fields": FIELDS,
            "observations": [dict(zip(FIELDS, row, strict=True)) for row in _rows(dataset)],
            "csv": request.build_absolute_uri(reverse("dataset-csv", args=[dataset.slug])),
        }
    )


def register_csv(request: HttpRequest, slug: str) -> HttpResponse:
    """A register another app publishes (petitions, decisions...), as CSV from its table."""
    entry = open_data.find(slug)
    if entry is None:
        raise Http404("No register has this name.")
    header, rows = entry.table()
    return csv_download(f"{slug}.csv", header, rows)
