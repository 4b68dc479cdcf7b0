"""A survey that repeats: the share giving an answer, wave by wave, in a chart and a table."""

import re

import pytest

from townhall.consultations.models import SurveySeries
from townhall.consultations.trends import trend_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def perception() -> SurveySeries:
    return SurveySeries.objects.get(name="Residents' perception survey")


def test_trust_falls_from_71_to_61_percent(perception):
    points, chart = trend_of(perception)
    assert [(p.wave.slug, p.shown, p.answered) for p in points] == [
        ("perception-spring-2016", "71%", 100),
        ("perception-autumn-2016", "61%", 100),
    ]
    assert (
        "<title>Do you think Barnet Council is trustworthy? (Yes), 30 April 2016: 71%</title>"
        in chart
    )


def test_the_series_page_chart_and_table_agree(client, perception):
    html = client.get(perception.get_absolute_url()).content.decode()
    chart = re.findall(
        r'class="th-chart__point" data-series="[^"]+" data-date="[^"]+" '
        r'data-value="([^"]+)"',
        html,
    )
    table = re.findall(r'<tr data-series="[^"]+" data-value="([^"]+)"', html)
    assert [float(v) for v in chart] == [float(v) for v in table] == [71.0, 61.0]


def test_the_hub_links_the_series_and_waves_are_concluded(client, perception):
    hub = client.get("/consultations/").content.decode()
    assert perception.get_absolute_url() in hub
    assert "Concluded" in hub
