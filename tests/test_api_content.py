"""The API over organisations and what they publish (issue 20, point 5): each listing a
page of items with its count, filtered by organisation, ward and date, a filter naming
nothing a 400 with the field, and nothing personal in any of it."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from townhall.core.models import Organisation, Ward
from townhall.datasets.models import Dataset, Observation
from townhall.events.models import EventPage
from townhall.grants.models import Award
from townhall.petitions.models import Petition
from townhall.statements.models import JointStatementPage

pytestmark = pytest.mark.django_db


def _items(client, path: str, **query) -> list[dict]:
    answer = client.get(path, query)
    assert answer.status_code == 200, answer.content
    return answer.json()["items"]


def test_organisations_are_listed_and_each_found_by_its_slug(client):
    slugs = [o["slug"] for o in _items(client, "/api/organisations")]
    assert set(slugs) == set(Organisation.objects.values_list("slug", flat=True))
    alliance = client.get("/api/organisations/alliance").json()
    assert alliance["kind"] == "campaign" and alliance["url"].endswith("/alliance/")
    assert client.get("/api/organisations/nobody").status_code == 404


@pytest.mark.parametrize(
    "path", ["/api/news", "/api/events", "/api/statements", "/api/aims", "/api/grants/schemes"]
)
def test_a_listing_by_organisation_holds_only_that_organisations_pages(client, path):
    every = _items(client, path, limit=200)
    owners = {item["organisation"] for item in every}
    assert len(owners) >= 1
    for slug in owners - {None}:
        mine = _items(client, path, organisation=slug, limit=200)
        assert mine and {item["organisation"] for item in mine} == {slug}
        assert len(mine) == sum(1 for item in every if item["organisation"] == slug)


@pytest.mark.parametrize("field", ["organisation", "ward"])
def test_a_filter_naming_nothing_is_a_400_with_the_field(client, field):
    answer = client.get("/api/events", {field: "Atlantis"})
    assert answer.status_code == 400
    assert answer.json()["detail"].startswith(f"{field}: ")


def test_dates_filter_news_and_a_backwards_range_is_a_400(client):
    dates = [post["date"] for post in _items(client, "/api/news", limit=200)]
    assert dates == sorted(dates, reverse=True)
    middle = sorted(dates)[len(dates) // 2]
    later = _items(client, "/api/news", date_from=middle, limit=200)
    assert later and all(post["date"] >= middle for post in later)
    assert len(later) == sum(1 for d in dates if d >= middle)
    backwards = client.get("/api/news", {"date_from": "2017-02-01", "date_to": "2017-01-01"})
    assert backwards.status_code == 400 and "date_to" in backwards.json()["detail"]
    assert client.get("/api/news", {"date_from": "0"}).status_code == 400


def test_events_by_ward_and_upcoming_with_places_but_no_address(client):
    event = EventPage.objects.live().filter(ward__isnull=False).first()
    by_ward = _items(client, "/api/events", ward=event.ward.code, limit=200)
    assert event.pk in {e["id"] for e in by_ward}
    assert {e["ward_code"] for e in by_ward} == {event.ward.code}
    by_name = _items(client, "/api/events", ward=event.ward.name.upper(), limit=200)
    assert [e["id"] for e in by_name] == [e["id"] for e in by_ward]
    upcoming = _items(client, "/api/events", upcoming="true", limit=200)
    now = timezone.now().isoformat()
    assert all(e["ends_at"] >= now[:19] for e in upcoming)
    shown = next(e for e in by_ward if e["id"] == event.pk)
    assert "address" not in shown and "postcode" not in shown
    assert shown["places"]["capacity"] == event.capacity


def test_a_statement_gives_its_co_signers_and_how_many_names_never_the_names(client):
    page = JointStatementPage.objects.live().first()
    statement = next(s for s in _items(client, "/api/statements") if s["id"] == page.pk)
    supporters = page.supporters()
    assert statement["names_count"] == supporters["names_count"]
    assert statement["co_signers"] == [o.slug for o in supporters["co_signers"]]
    assert len(statement["demands"]) == len(page.demands)
    text = str(statement)
    assert "press_contacts" not in statement
    for name in supporters["names_shown"]:
        assert name not in text


def test_aims_list_every_version_in_order(client):
    aims = _items(client, "/api/aims", organisation="council")
    numbers = [v["number"] for v in aims[0]["versions"]]
    assert numbers == sorted(numbers) and len(numbers) >= 2
    assert client.get(aims[0]["versions"][0]["url"]).status_code == 200


def test_awards_are_360giving_grants_by_ward_and_date_never_naming_individuals(client):
    award = Award.objects.filter(published=True).first()
    ward = Ward.objects.first()
    Award.objects.filter(pk=award.pk).update(ward=ward)
    grants = _items(client, "/api/grants/awards", ward=ward.name)
    assert [g["id"] for g in grants] == [f"360G-townhall-{award.pk}"]
    assert grants[0]["beneficiaryLocation"][0]["geoCode"] == ward.code
    individuals = Award.objects.filter(published=True, recipient_type="individual")
    text = str(_items(client, "/api/grants/awards", limit=200))
    for individual in individuals:
        assert individual.recipient_name not in text
    day = award.awarded_on.isoformat()
    on_the_day = _items(client, "/api/grants/awards", date_from=day, date_to=day)
    assert {g["awardDate"] for g in on_the_day} == {day}
    assert not _items(client, "/api/grants/awards", organisation="alliance")


def test_petitions_by_the_organisation_that_started_them(client):
    started = Petition.objects.filter(state="open", organisation__isnull=False).first()
    if started is None:
        started = Petition.objects.filter(state="open").first()
        started.organisation = Organisation.objects.get(slug="alliance")
        started.save()
    slug = started.organisation.slug
    mine = _items(client, "/api/petitions", organisation=slug, limit=200)
    expected = Petition.objects.filter(state="open", organisation=started.organisation)
    assert {p["id"] for p in mine} == set(expected.values_list("pk", flat=True))
    assert client.get("/api/petitions", {"state": "sponsored"}).status_code == 400


def test_a_page_of_observations_costs_the_same_however_many_there_are(client):
    """Only the page asked for is read and shaped, and the count is the one kept with the
    dataset until it changes."""
    dataset = Dataset.objects.public().first()
    address = f"/api/datasets/{dataset.slug}/observations"

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(address, {"limit": 5}).status_code == 200
        return len(captured)

    queries()  # the dataset's counts kept
    before = queries()
    start = dataset.observations.order_by("period_start").first().period_start
    Observation.objects.bulk_create(
        Observation(
            dataset=dataset,
            period_start=start - timedelta(days=n + 1),
            value=n,
            place_key=f"extra-{n}",
            place=f"Extra {n}",
        )
        for n in range(500)
    )
    Dataset.objects.filter(pk=dataset.pk).update(updated_at=timezone.now())  # as an import does
    queries()  # the counts kept again, for the dataset as it is now
    assert queries() == before
    assert client.get(address, {"limit": 5}).json()["count"] >= 500
