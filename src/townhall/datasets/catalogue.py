"""What the open data catalogue lists, and its schema.org description: every public dataset,
and the registers other apps publish (petitions, decisions, contracts, spending, grants),
each with its licence, what its fields mean, when it last changed, and its downloads.

Other apps' registers come through core.open_data, so this app imports none of them.
"""

from dataclasses import replace

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from townhall.core import open_data
from townhall.datasets.models import LICENCE_URLS, Dataset

FIELDS = [
    ("date", gettext_lazy("The first day of the period the value is for")),
    ("period_end", gettext_lazy("Its last day, for a period longer than a day")),
    ("period_label", gettext_lazy('The period as people say it ("Spring 2016")')),
    ("value", gettext_lazy("The value, in the dataset's unit")),
    ("unit", gettext_lazy("The unit")),
    ("ward", gettext_lazy("The ward it is for, if any")),
    ("place", gettext_lazy("The named place it is for, if any (a school, a road)")),
    ("latitude, longitude", gettext_lazy("Where that place is, if given")),
]


def entry(dataset: Dataset) -> open_data.Entry:
    return open_data.Entry(
        title=dataset.title,
        description=dataset.description,
        publisher=dataset.organisation.name,
        page=dataset.get_absolute_url(),
        licence=dataset.licence,
        updated=dataset.updated_at,
        fields=FIELDS,
        downloads=[
            ("CSV", reverse("dataset-csv", args=[dataset.slug])),
            ("JSON", reverse("dataset-json", args=[dataset.slug])),
        ],
        illustrative=dataset.illustrative,
    )


def entries(request: HttpRequest) -> list[open_data.Entry]:
    """The datasets, then the registers, each as the catalogue lists it."""
    datasets = Dataset.objects.public().select_related("organisation")
    return [entry(dataset) for dataset in datasets] + [
        _with_csv(register) for register in open_data.registers()
    ]


def _with_csv(register: open_data.Entry) -> open_data.Entry:
    """A register with a table lists its CSV download first."""
    if register.table is None:
        return register
    address = reverse("register-csv", args=[register.slug])
    return replace(register, downloads=[("CSV", address), *register.downloads])


def _distribution(request: HttpRequest, downloads) -> list[dict]:
    kinds = {
        "CSV": "text/csv",
        "JSON": "application/json",
        "XLSX": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    }
    return [
        {
            "@type": "DataDownload",
            "encodingFormat": kinds.get(kind, kind),
            "contentUrl": request.build_absolute_uri(url),
        }
        for kind, url in downloads
    ]


def describe(request: HttpRequest, entry: open_data.Entry) -> dict:
    """schema.org's Dataset, as Google's dataset search and data.gov.uk-style harvesters read."""
    return {
        "@context": "https://schema.org/",
        "@type": "Dataset",
        "name": entry.title,
        "description": entry.description,
        "url": request.build_absolute_uri(entry.page),
        "license": LICENCE_URLS.get(entry.licence, entry.licence),
        "creator": {"@type": "Organization", "name": entry.publisher},
        "dateModified": entry.updated.isoformat() if entry.updated else None,
        "variableMeasured": [name for name, _meaning in entry.fields],
        "isAccessibleForFree": True,
        "distribution": _distribution(request, entry.downloads),
    }


def describe_dataset(request: HttpRequest, dataset: Dataset) -> dict:
    described = describe(request, entry(dataset))
    described["measurementTechnique"] = dataset.method
    described["unitText"] = dataset.unit
    return described


def data_catalog(request: HttpRequest, listed: list[open_data.Entry]) -> dict:
    return {
        "@context": "https://schema.org/",
        "@type": "DataCatalog",
        "name": _("%(site)s open data") % {"site": settings.WAGTAIL_SITE_NAME},
        "url": request.build_absolute_uri(reverse("data-catalogue")),
        "dataset": [describe(request, entry) for entry in listed],
    }


# DCAT-AP (the EU's application profile of W3C DCAT, which data.gov.uk's harvester and
# CKAN's DCAT extension read) as JSON-LD: the same entries as schema.org's description.
DCAT_CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
MEDIA_TYPES = {
    "CSV": "text/csv",
    "JSON": "application/json",
    "RSS": "application/rss+xml",
    "ICS": "text/calendar",
    "XLSX": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _dcat_dataset(request: HttpRequest, entry: open_data.Entry) -> dict:
    page = request.build_absolute_uri(entry.page)
    described = {
        "@id": page,
        "@type": "dcat:Dataset",
        "dct:title": entry.title,
        "dct:description": entry.description,
        "dct:publisher": {"@type": "foaf:Agent", "foaf:name": entry.publisher},
        "dct:license": {"@id": LICENCE_URLS.get(entry.licence, entry.licence)},
        "dcat:landingPage": {"@id": page},
        "dcat:distribution": [
            {
                "@type": "dcat:Distribution",
                "dct:title": f"{entry.title} ({kind})",
                "dcat:downloadURL": {"@id": request.build_absolute_uri(url)},
                "dcat:accessURL": {"@id": request.build_absolute_uri(url)},
                "dcat:mediaType": MEDIA_TYPES.get(kind, kind),
                "dct:license": {"@id": LICENCE_URLS.get(entry.licence, entry.licence)},
            }
            for kind, url in entry.downloads
        ],
    }
    if entry.updated:
        described["dct:modified"] = {
            "@value": entry.updated.isoformat(),
            "@type": "xsd:dateTime" if hasattr(entry.updated, "hour") else "xsd:date",
        }
    return described


def dcat_catalog(request: HttpRequest, listed: list[open_data.Entry]) -> dict:
    return {
        "@context": DCAT_CONTEXT,
        "@id": request.build_absolute_uri(reverse("data-catalogue")),
        "@type": "dcat:Catalog",
        "dct:title": _("%(site)s open data") % {"site": settings.WAGTAIL_SITE_NAME},
        "dct:description": _("Every public dataset and register this site publishes."),
        "dcat:dataset": [_dcat_dataset(request, entry) for entry in listed],
    }
