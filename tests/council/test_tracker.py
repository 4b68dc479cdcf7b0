"""The promise tracker: figures as people write them, charts that agree with their tables."""

import re
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from townhall.core.charts import nice_top
from townhall.council.models import Measure, MeasureValue, ProjectPage, Status
from townhall.council.models.figures import describe

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("value", "unit", "shown"),
    [
        ("165000000", "gbp", "£165m"),
        ("5700000", "gbp", "£5.7m"),
        ("1234567", "gbp", "£1.23m"),
        ("48500", "gbp", "£48,500"),
        ("99.5", "gbp", "£99.50"),
        ("63", "percent", "63%"),
        ("12.50", "percent", "12.5%"),
        ("1200", "number", "1,200"),
    ],
)
def test_figures_are_written_as_people_write_them(value, unit, shown):
    assert describe(Decimal(value), unit) == shown


@pytest.mark.parametrize(
    ("largest", "top"), [("165000000", "200000000"), ("5.7", "10"), ("100", "100"), ("0", "1")]
)
def test_the_axis_ends_at_a_round_number_above_the_largest_value(largest, top):
    assert nice_top(Decimal(largest)) == Decimal(top)


def _chart_points(html: str) -> set[tuple[str, str, str]]:
    return set(
        re.findall(
            r'class="th-chart__point" data-series="([^"]+)" data-date="([^"]+)" '
            r'data-value="([^"]+)"',
            html,
        )
    )


def _table_rows(html: str) -> set[tuple[str, str, str]]:
    return set(
        re.findall(r'<tr data-series="([^"]+)" data-date="([^"]+)" data-value="([^"]+)"', html)
    )


def test_the_programme_page_shows_the_published_figures_in_the_chart_and_the_table(
    client, programme
):
    html = client.get(programme.url).content.decode()
    points = _chart_points(html)
    assert points == _table_rows(html)
    assert points == {
        ("Savings forecast", "2010-11-29", "102000000.00"),
        ("Savings forecast", "2012-03-31", "165000000.00"),
        ("Savings delivered", "2012-03-31", "5700000.00"),
    }
    # Each point's tooltip says what its table row says.
    assert "<title>Savings forecast, 31 March 2012: £165m</title>" in html
    assert "<td>£165m</td>" in html and "<td>£5.7m</td>" in html


def test_the_latest_claim_stands_next_to_the_latest_outcome(client, programme):
    html = client.get(programme.url).content.decode()
    claim = html.index("Latest claim: Savings forecast")
    outcome = html.index("Latest outcome: Savings delivered")
    assert html.index("£165m", claim) < outcome
    assert "£5.7m" in html[outcome : outcome + 400]


def test_a_new_figure_shows_on_the_page_at_once(client, programme, settings):
    settings.TOWNHALL_PAGE_CACHE_SECONDS = 300
    client.get(programme.url)
    assert client.get(programme.url)["X-Townhall-Cache"] == "hit"
    delivered = programme.measures.get(name="Savings delivered")
    MeasureValue.objects.create(
        measure=delivered,
        on=date(2013, 3, 31),
        value=Decimal(9_000_000),
        source_url="https://example.org/accounts-2013",
    )
    html = client.get(programme.url).content.decode()
    assert "<td>£9m</td>" in html


def test_a_figure_must_cite_its_source():
    measure = Measure.objects.get(name="Savings forecast")
    value = MeasureValue(measure=measure, on=date(2014, 1, 1), value=Decimal(1))
    with pytest.raises(ValidationError, match="Cite the document"):
        value.full_clean()


def test_a_negative_figure_is_refused_by_the_form_and_the_database():
    measure = Measure.objects.get(name="Savings forecast")
    value = MeasureValue(
        measure=measure, on=date(2014, 1, 1), value=Decimal(-5), source_url="https://x.org/"
    )
    with pytest.raises(ValidationError):
        value.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        value.save()


def test_a_project_status_change_shows_on_the_programme_page(client, programme):
    project = ProjectPage.objects.get(slug="new-support-and-customer-service-organisation")
    assert "Under way" in client.get(programme.url).content.decode()
    project.status = Status.COMPLETED
    project.save_revision().publish()
    html = client.get(programme.url).content.decode()
    row = html[html.index(project.title) :]
    assert row.index("Completed") < row.index("</tr>")


def test_a_page_without_figures_shows_no_tracker(client):
    project = ProjectPage.objects.get(slug="new-support-and-customer-service-organisation")
    html = client.get(project.url).content.decode()
    assert "Promises and outcomes" not in html and "Capita" in html
