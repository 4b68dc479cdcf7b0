"""The demo's datasets (issue 20): nitrogen dioxide at fifteen schools against the legal limit,
as seed 001 reports it (the values illustrative: the seed gives the count and one school's
name, not the readings), and residents' trust in the council from its perception survey."""

from datetime import date
from decimal import Decimal

from townhall.core.models import Organisation
from townhall.datasets.importing import import_observations
from townhall.datasets.models import Dataset, Limit

SCHOOLS = ["Wentworth Tutorial College"] + [
    f"School {number} (not named)" for number in range(2, 16)
]
NO2 = [52.1, 47.8, 46.2, 45.5, 44.9, 44.0, 43.6, 42.8, 42.5, 41.9, 41.4, 40.9, 40.6, 40.3, 40.0]
# The ward each school is in, as illustrative as the values (wards along the main roads:
# the North Circular, the A41, the A1 and the Edgware Road), so the figures have a map.
WARDS = [
    "Hendon",
    "West Hendon",
    "Colindale South",
    "Childs Hill",
    "Cricklewood",
    "Golders Green",
    "Finchley Church End",
    "East Finchley",
    "Friern Barnet",
    "Woodhouse",
    "Burnt Oak",
    "Edgware",
    "Mill Hill",
    "Colindale North",
    "West Finchley",
]


def load_datasets() -> None:
    if Dataset.objects.exists():
        return
    alliance = Organisation.objects.get(slug="alliance")
    council = Organisation.objects.get(slug="council")
    air = Dataset.objects.create(
        organisation=alliance,
        title="Nitrogen dioxide at Barnet schools",
        slug="no2-at-schools",
        description="The annual mean concentration of nitrogen dioxide (NO2) at fifteen schools "
        "in Barnet where a study commissioned by the Mayor of London found 40 micrograms per "
        "cubic metre or more: the legal limit. The source names one of them; the others are "
        "numbered.",
        unit="µg/m³",
        source="A study commissioned by the Mayor of London, as reported by a Barnet campaign",
        method="Modelled annual mean concentrations at each school's location. The values and "
        "the schools' wards here are illustrative: the report names the schools and the limit, "
        "not each reading.",
        illustrative=True,
    )
    Limit.objects.create(
        dataset=air,
        label="Legal annual limit",
        value=Decimal(40),
        applies_from=date(2010, 1, 1),
    )
    rows = ["date,period end,period label,place,ward,value,unit"] + [
        f"2016-01-01,2016-12-31,2016 annual mean,{school},{ward},{value},µg/m³"
        for school, ward, value in zip(SCHOOLS, WARDS, NO2, strict=True)
    ]
    assert import_observations("\n".join(rows).encode(), air).ok
    trust = Dataset.objects.create(
        organisation=council,
        title="Residents who think the council is trustworthy",
        slug="trust-in-the-council",
        description="The share of residents who say Barnet Council is trustworthy, from the "
        "council's Residents' Perception Survey.",
        unit="%",
        source="Barnet Council, Residents' Perception Survey",
        method="A survey of residents each spring and autumn; the share who agree.",
    )
    rows = [
        "date,period end,period label,value",
        "2016-03-01,2016-05-31,Spring 2016,71",
        "2016-09-01,2016-11-30,Autumn 2016,61",
    ]
    assert import_observations("\n".join(rows).encode(), trust).ok
    put_on_the_campaign_page()


def put_on_the_campaign_page() -> None:
    """Both figures on the alliance's front page, as an editor would add the blocks."""
    home = Organisation.objects.get(slug="alliance").home_page.specific
    home.figures = [
        (
            "indicator",
            {"dataset": "no2-at-schools", "heading": "Air at our schools", "show": "both"},
        ),
        (
            "indicator",
            {"dataset": "trust-in-the-council", "heading": "Do residents trust the council?"},
        ),
    ]
    home.save_revision().publish()
