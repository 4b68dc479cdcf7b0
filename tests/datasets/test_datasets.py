"""Datasets (issue 20, points 1, 3 and 4): every row of an import checked first and nothing
kept on an error, re-imports idempotent, the chart drawing exactly the table's numbers with
the limit at its value, and the catalogue with its downloads and schema.org descriptions."""

import csv
import io
import json
import re
from datetime import date
from decimal import Decimal

import pytest

from townhall.core.models import Organisation, Ward
from townhall.datasets.importing import import_observations
from townhall.datasets.models import Dataset, Limit, Observation

pytestmark = pytest.mark.django_db


@pytest.fixture
def dataset(db) -> Dataset:
    found = Dataset.objects.create(
        organisation=Organisation.objects.get(slug="alliance"),
        title="Street noise",
        slug="street-noise",
        description="Noise on main roads",
        unit="dB",
        source="Volunteers' meters",
    )
    Limit.objects.create(
        dataset=found, label="Guideline", value=Decimal(55), applies_from=date(2020, 1, 1)
    )
    return found


def test_a_good_file_is_imported_and_importing_it_again_changes_nothing_twice(dataset):
    ward = Ward.objects.order_by("code").first()
    data = (
        "date,value,ward,place,latitude,longitude\n"
        f"2026-01-01,61.5,{ward.name},,,\n"
        "2026-01-01,58,,Oak Road school,51.6,-0.2\n"
        "2026-02-01,57,,oak  road School,,\n"
    ).encode()
    report = import_observations(data, dataset)
    assert report.ok and (report.added, report.updated) == (3, 0)
    again = import_observations(data.replace(b"61.5", b"62"), dataset)
    assert (again.added, again.updated) == (0, 3) and dataset.observations.count() == 3
    assert dataset.observations.get(ward=ward).value == Decimal(62)
    # The same school however its name is spaced or capitalised: one series.
    assert dataset.observations.filter(place_key="point:oak road school").count() == 2


@pytest.mark.parametrize(
    ("row", "problem"),
    [
        ("2026-13-01,50,,", "is not a date"),
        ("2026-01-01,loud,,", "is not a number"),
        ("2026-01-01,NaN,,", "is not a number"),
        ("2026-01-01,Infinity,,", "is not a number"),
        ("2026-01-01,50,Atlantis,", 'no ward in the borough is called "Atlantis"'),
        ("2026-01-01,50,,µg/m³", 'the unit "µg/m³" is not the dataset\'s (dB)'),
        ("2026-01-02,50,,", "repeats row 2"),
    ],
)
def test_each_bad_row_is_named_and_nothing_is_imported(dataset, row, problem):
    data = f"date,value,ward,unit\n2026-01-02,50,,\n{row}\n".encode()
    report = import_observations(data, dataset)
    assert not report.ok and not Observation.objects.filter(dataset=dataset).exists()
    assert report.errors[0].row == 3 and problem in report.errors[0].message


def test_a_byte_that_is_not_utf8_deep_in_a_long_file_stops_it_all(dataset):
    """The file is decoded a line at a time: a bad byte on row 4,002 is named by its row."""
    good = "".join(f"2026-01-01,{n},Place {n}\n" for n in range(4000)).encode()
    report = import_observations(b"date,value,place\n" + good + b"2026-01-02,1,Caf\xe9\n", dataset)
    assert not report.ok and "not UTF-8" in report.errors[-1].message
    assert report.errors[-1].row == 4002  # the header is row 1
    assert not dataset.observations.exists()


def test_a_bad_row_after_batches_were_stored_keeps_none_of_them(dataset):
    """Rows are stored a batch at a time as they are checked, in one transaction: a bad row
    after 12,000 good ones rolls back the batches already stored."""
    rows = "".join(f"2026-01-01,{n},Place {n}\n" for n in range(12_000)).encode()
    report = import_observations(b"date,value,place\n" + rows + b"2026-01-02,NaN,X\n", dataset)
    assert not report.ok and report.errors[0].row == 12_002
    assert not dataset.observations.exists()


def test_a_long_file_is_stored_whole_in_batches(dataset):
    rows = "".join(f"2026-01-01,{n},Place {n}\n" for n in range(12_001)).encode()
    report = import_observations(b"date,value,place\n" + rows, dataset)
    assert report.ok and (report.added, report.updated, report.rows) == (12_001, 0, 12_001)
    assert dataset.observations.count() == 12_001
    again = import_observations(b"date,value,place\n" + rows, dataset)
    assert (again.added, again.updated) == (0, 12_001)


def test_a_file_that_is_not_utf8_or_lacks_a_column_is_explained(dataset):
    assert (
        "not UTF-8"
        in import_observations(
            "date,value,place\n2026-01-01,5,Caf\xe9\n".encode("latin-1"), dataset
        )
        .errors[0]
        .message
    )
    assert (
        "missing: value"
        in import_observations(b"date,amount\n2026-01-01,5\n", dataset).errors[0].message
    )


def _chart_and_table(html: str) -> tuple[list, list]:
    bars = re.findall(r'class="th-chart__bar" data-label="([^"]+)" data-value="([^"]+)"', html)
    rows = re.findall(r'<tr data-label="([^"]+)" data-date="[^"]*" data-value="([^"]+)"', html)
    return bars, rows


def test_the_schools_page_draws_the_tables_numbers_and_the_limit_at_40(client):
    html = client.get("/data/no2-at-schools/").content.decode()
    bars, rows = _chart_and_table(html)
    assert len(bars) == 15 and sorted(bars) == sorted(rows)
    assert ("Wentworth Tutorial College", "52.1000") in rows
    assert 'class="th-chart__limit" data-limit="40.0000"' in html
    assert "Legal annual limit: 40 µg/m³" in html and "Illustrative values" in html
    assert "15 of 15" in html  # every school at or over the limit


def test_the_trust_figure_shows_its_latest_value_and_change(client):
    html = client.get("/data/trust-in-the-council/").content.decode()
    assert '<p class="th-indicator__figure">61%</p>' in html
    assert "Down 10 percentage points on the period before" in html
    points = re.findall(
        r'class="th-chart__point" data-series="[^"]+" data-date="([^"]+)" data-value="([^"]+)"',
        html,
    )
    assert points == [("2016-03-01", "71.0000"), ("2016-09-01", "61.0000")]


def test_downloads_and_the_catalogue_describe_every_dataset(client):
    rows = list(
        csv.DictReader(
            io.StringIO(
                b"".join(client.get("/data/trust-in-the-council.csv").streaming_content).decode()
            )
        )
    )
    assert [(r["period_label"], r["value"], r["unit"]) for r in rows] == [
        ("Spring 2016", "71", "%"),
        ("Autumn 2016", "61", "%"),
    ]
    as_json = client.get("/data/trust-in-the-council.json").json()
    assert as_json["dataset"]["@type"] == "Dataset" and len(as_json["observations"]) == 2
    catalogue = client.get("/data/").content.decode()
    described = json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', catalogue, re.S).group(1)
    )
    names = {d["name"] for d in described["dataset"]}
    assert {
        "Nitrogen dioxide at Barnet schools",
        "Spending over £500",
        "Committee meetings",
        "Petitions",
        "Petition signatures by ward",
        "Consultation results",
        "Grants awarded (360Giving)",
        "Decisions register",
    } <= names
    air = next(d for d in described["dataset"] if d["name"].startswith("Nitrogen"))
    assert air["license"].startswith(
        "https://www.nationalarchives.gov.uk/doc/open-government-licence"
    )
    assert {d["encodingFormat"] for d in air["distribution"]} == {"text/csv", "application/json"}


def test_an_unpublished_dataset_is_nowhere(client, dataset):
    Dataset.objects.filter(pk=dataset.pk).update(published=False)
    assert client.get("/data/street-noise/").status_code == 404
    assert client.get("/data/street-noise.csv").status_code == 404
    assert "Street noise" not in client.get("/data/").content.decode()


def test_editors_keep_their_own_datasets_only(as_user):
    alliance_editor = as_user("alliance-editor")
    listing = alliance_editor.get("/admin/datasets/").content.decode()
    assert "Nitrogen dioxide at Barnet schools" in listing
    assert "trustworthy" not in listing  # the council's
    council_dataset = Dataset.objects.get(slug="trust-in-the-council")
    assert alliance_editor.get(f"/admin/datasets/edit/{council_dataset.pk}/").status_code in (
        302,
        403,
        404,
    )


def test_indicator_blocks_put_the_figures_on_a_campaign_page(client):
    html = client.get("/alliance/").content.decode()
    assert "Air at our schools" in html and "Do residents trust the council?" in html
    bars, rows = _chart_and_table(html)
    assert len(bars) == 15 and sorted(bars) == sorted(
        (label, value) for label, value in rows if label != "The borough"
    )
    assert 'data-limit="40.0000"' in html and 'href="/data/no2-at-schools/"' in html


def test_an_indicator_offers_the_published_datasets_and_draws_nothing_for_a_gone_one():
    from townhall.core.indicators import IndicatorBlock

    block = IndicatorBlock()
    offered = dict(block.child_blocks["dataset"].field.choices)
    assert offered["no2-at-schools"] == "Nitrogen dioxide at Barnet schools"
    assert block.render({"dataset": "no-such-dataset", "heading": ""}) == ""


def test_datasets_and_observations_in_the_api(client):
    listed = client.get("/api/datasets?organisation=alliance").json()["items"]
    air = next(d for d in listed if d["slug"] == "no2-at-schools")
    assert air["unit"] == "µg/m³" and air["limits"][0]["value"] == "40" and air["illustrative"]
    page = client.get("/api/datasets/trust-in-the-council/observations?date_from=2016-06-01")
    assert [(o["period_label"], o["value"]) for o in page.json()["items"]] == [
        ("Autumn 2016", "61")
    ]
    assert client.get("/api/datasets/nothing/observations").json()["items"] == []
    assert (
        client.get("/api/datasets/trust-in-the-council/observations?date_from=soon").status_code
        == 400
    )


def test_an_observation_added_by_hand_changes_the_chart_at_once(client, dataset):
    import_observations(b"date,value\n2026-01-01,50\n", dataset)
    assert "th-chart__bar" in client.get("/data/street-noise/").content.decode()  # one period
    Observation.objects.create(dataset=dataset, period_start=date(2026, 2, 1), value=60)
    html = client.get("/data/street-noise/?again").content.decode()
    assert "th-chart__point" in html and "th-chart__bar" not in html  # now a line over time


def test_an_observation_deleted_by_hand_changes_the_chart_at_once(client, dataset):
    import_observations(b"date,value\n2026-01-01,50\n2026-02-01,60\n", dataset)
    assert "th-chart__point" in client.get("/data/street-noise/").content.decode()
    dataset.observations.filter(period_start=date(2026, 2, 1)).get().delete()
    html = client.get("/data/street-noise/?again").content.decode()
    assert "th-chart__bar" in html and "th-chart__point" not in html  # one period: bars


def test_the_site_search_finds_a_dataset(client):
    html = client.get("/search/?q=nitrogen+schools").content.decode()
    assert 'href="/data/no2-at-schools/"' in html


def test_deleting_a_dataset_deletes_its_observations_in_one_query_however_many(dataset):
    """No receiver of every model's post_delete (core.signals.connect_where): Django then
    deletes a cascade in one query instead of fetching and signalling each row."""
    from django.db import connection
    from django.db.models.signals import post_delete, pre_delete
    from django.test.utils import CaptureQueriesContext

    assert not post_delete.has_listeners(Observation) and not pre_delete.has_listeners(Observation)
    Observation.objects.bulk_create(
        Observation(dataset=dataset, period_start=date(2026, 1, 1), value=n, place_key=f"p{n}")
        for n in range(3000)
    )
    with CaptureQueriesContext(connection) as queries:
        dataset.delete()
    assert not Observation.objects.filter(dataset_id=dataset.pk).exists()
    selects = [q["sql"] for q in queries if "datasets_observation" in q["sql"]]
    assert len(selects) <= 2, selects  # one delete, not 3,000 rows read


def test_a_kept_shape_from_an_earlier_version_is_counted_again(client):
    """Redis keeps what an earlier version stored across an upgrade: a dataset's kept
    counts without the total were a 500 on every page showing the dataset."""
    from django.core.cache import cache

    dataset = Dataset.objects.get(slug="no2-at-schools")
    key = f"dataset-shape:v2:{dataset.pk}:{dataset.updated_at.timestamp()}"
    cache.set(key, {"places": 15, "periods": 1})
    assert client.get("/data/no2-at-schools/").status_code == 200
    assert cache.get(key)["total"] == 15
