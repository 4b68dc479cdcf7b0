"""The demo's programme of change, modelled on One Barnet from seeds 003 and 004's facts
(written fresh): its principles, leads, project and published savings figures."""

from datetime import date
from decimal import Decimal

from townhall.core.models import Organisation
from townhall.council.models import (
    Contract,
    Councillor,
    Decision,
    Measure,
    MeasureValue,
    ProgrammePage,
    ProjectPage,
)
from townhall.demo.council import paper

AIMS = (
    "<p>The council's change projects, brought together so that it can keep providing good, "
    "efficient services for the next ten to fifteen years while its funding falls and "
    "demand rises, above all from young children and very old people.</p>"
    "<p>The programme means to cut costs without cutting quality, which often means changing "
    "how a service is delivered, and to put residents at the centre of the council's work.</p>"
)
PRINCIPLES = (
    "<ul><li>A new relationship with citizens</li><li>A relentless drive for efficiency</li>"
    "<li>One public sector: working with the NHS, police and other public bodies</li></ul>"
)
BENEFITS_PAPER = (
    "One Barnet programme: financial benefits",
    [
        ["Savings forecast when the framework was approved: 102 million pounds."],
        ["Savings now forecast: 165 million pounds in total."],
        [
            "By the end of 2011/12 nearly a third of the projected baseline savings had",
            "been delivered: 5.7 million pounds removed from the annual budget.",
        ],
    ],
)


def _decision(title_start: str) -> Decision | None:
    return Decision.objects.filter(title__startswith=title_start).first()


def load_programmes() -> int:
    """The One Barnet-style programme under the council's section, with its figures."""
    council = Organisation.objects.filter(slug="council").select_related("home_page").first()
    if council is None or council.home_page is None or ProgrammePage.objects.exists():
        return 0
    framework = _decision("One Barnet framework")
    business_case = _decision("Business case for outsourcing")
    programme = ProgrammePage(
        title="One Barnet programme",
        slug="one-barnet",
        summary="The council's programme of change projects, meant to keep services good and "
        "affordable as money falls and demand rises.",
        aims=AIMS,
        principles=PRINCIPLES,
        sponsor="Chief Executive, supported by the Council Directors' Group",
        starts_on=date(2010, 11, 29),
    )
    council.home_page.specific.add_child(instance=programme)
    programme.political_leads.set(
        Councillor.objects.filter(slug__in=["robert-rams", "daniel-thomas"])
    )
    if framework:
        programme.decisions.set([framework])
    programme.save_revision().publish()
    project = ProjectPage(
        title="New Support and Customer Service Organisation",
        slug="new-support-and-customer-service-organisation",
        aim="Back-office support (human resources, finance, IT and commercial services) and "
        "customer services, delivered by a strategic partner at a lower cost.",
        starts_on=date(2011, 6, 29),
        supplier="Capita",
    )
    programme.add_child(instance=project)
    if business_case:
        project.decisions.set([business_case])
    project.save_revision().publish()

    source = paper(BENEFITS_PAPER[0], 0, council.collection, texts=BENEFITS_PAPER[1])
    framework_report = paper("One Barnet framework report", 3, council.collection)
    forecast = Measure.objects.create(
        page=programme,
        name="Savings forecast",
        unit=Measure.Unit.POUNDS,
        role=Measure.Role.CLAIM,
        description="Total savings the programme is forecast to deliver",
    )
    delivered = Measure.objects.create(
        page=programme,
        name="Savings delivered",
        unit=Measure.Unit.POUNDS,
        role=Measure.Role.OUTCOME,
        description="Removed from the council's annual budget so far",
    )
    MeasureValue.objects.bulk_create(
        [
            MeasureValue(
                measure=forecast,
                on=date(2010, 11, 29),
                value=Decimal(102_000_000),
                source=framework_report,
            ),
            MeasureValue(
                measure=forecast, on=date(2012, 3, 31), value=Decimal(165_000_000), source=source
            ),
            MeasureValue(
                measure=delivered, on=date(2012, 3, 31), value=Decimal(5_700_000), source=source
            ),
        ]
    )
    # From public reporting of the award, not the seeds; the awarding decision is left for
    # officers to record, as the seeds do not give it.
    Contract.objects.create(
        supplier="Capita",
        service="Back-office and customer services (New Support and Customer Service Organisation)",
        value=Decimal(320_000_000),
        starts_on=date(2013, 9, 1),
        ends_on=date(2023, 8, 31),
        project=project,
    )
    return 1
