"""Published awards as a public list and as 360Giving open data; individuals never named."""

import csv
import io
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from townhall.grants.models import Award, GrantSchemePage
from townhall.grants.open_data import CSV_COLUMNS, REQUIRED

pytestmark = pytest.mark.django_db

# The 360Giving Data Standard's required fields, as its JSON schema names them.
REQUIRED_JSON = [
    "id",
    "title",
    "description",
    "currency",
    "amountAwarded",
    "awardDate",
    "recipientOrganization",
    "fundingOrganization",
]


@pytest.fixture
def scheme() -> GrantSchemePage:
    return GrantSchemePage.objects.get(slug="innovation-bank")


def test_the_json_export_has_every_required_field_and_ward_as_location(client, scheme):
    grants = client.get("/grants/awards.json").json()["grants"]
    assert len(grants) == 3
    for grant in grants:
        assert all(grant.get(field) not in (None, "", []) for field in REQUIRED_JSON), grant
        assert grant["id"].startswith("360G-") and grant["currency"] == "GBP"
        assert grant["fundingOrganization"] == [{"id": "GB-LAE-BNE", "name": "Barnet Council"}]
    located = next(g for g in grants if g["title"] == "Repair café")
    assert located["beneficiaryLocation"][0]["geoCodeType"] == "WD"
    assert located["amountAwarded"] == 2500.0


def test_the_csv_export_has_the_standards_columns(client, scheme):
    response = client.get("/grants/awards.csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert list(rows[0]) == CSV_COLUMNS and len(rows) == 3
    for row in rows:
        assert all(row[column] for column in REQUIRED), row


def test_individuals_are_never_named(client, scheme):
    for path in ("/grants/awards/", "/grants/awards.json", "/grants/awards.csv"):
        body = client.get(path).content.decode()
        assert "A resident" not in body
    assert "An individual" in client.get("/grants/awards/").content.decode()


def test_unpublished_awards_stay_private(client, scheme):
    Award.objects.create(
        scheme=scheme,
        title="Secret",
        description="x",
        recipient_type="group",
        recipient_name="Not yet",
        amount=Decimal(600),
        awarded_on=date(2026, 1, 1),
    )
    assert "Not yet" not in client.get("/grants/awards.json").content.decode()


@pytest.mark.parametrize(
    ("kind", "amount", "ok"),
    [
        ("organisation", 50_000, True),
        ("organisation", 50_001, False),
        ("group", 5_001, False),
        ("group", 5_000, True),
        ("individual", 499, False),
    ],
)
def test_an_award_must_be_within_the_schemes_limits(scheme, kind, amount, ok):
    award = Award(
        scheme=scheme,
        title="x",
        description="x",
        recipient_type=kind,
        recipient_name="x",
        amount=Decimal(amount),
        awarded_on=date(2026, 1, 1),
    )
    if ok:
        award.full_clean()
    else:
        with pytest.raises(ValidationError, match="This scheme gives"):
            award.full_clean()


def test_a_new_published_award_shows_at_once(client, scheme, settings):
    settings.TOWNHALL_PAGE_CACHE_SECONDS = 300
    client.get("/grants/awards/")
    assert client.get("/grants/awards/")["X-Townhall-Cache"] == "hit"
    Award.objects.create(
        scheme=scheme,
        title="Community fridge",
        description="x",
        recipient_type="group",
        recipient_name="Fridge friends",
        amount=Decimal(900),
        awarded_on=date(2026, 1, 1),
        published=True,
    )
    assert "Fridge friends" in client.get("/grants/awards/").content.decode()


def _count_queries(client, url: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("url", ["/grants/awards.json", "/grants/awards.csv"])
def test_the_exports_read_each_scheme_once_however_many_awards(client, scheme, url, settings):
    settings.TOWNHALL_PAGE_CACHE_SECONDS = 0  # count the work, not a cached copy
    before = _count_queries(client, url)
    Award.objects.bulk_create(
        Award(scheme=scheme, title=f"Award {n}", description="x", recipient_type="group",
              recipient_name=f"Group {n}", amount=Decimal(1000), awarded_on=date(2026, 5, 1),
              published=True)
        for n in range(20)
    )  # fmt: skip
    assert _count_queries(client, url) == before
