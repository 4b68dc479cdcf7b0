"""The demo's council democracy beyond its meetings: what is to come (a cabinet meeting, a
full council meeting, the forward plan), a register of interests, a recorded vote, residents'
questions, and a quarter's spending. All of it is illustrative, and says so where it shows."""

import random
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from townhall.core.working_days import working_days_after
from townhall.council.models import (
    AgendaItem,
    Ballot,
    Committee,
    Councillor,
    InterestsVersion,
    KeyDecision,
    Meeting,
    PublicQuestion,
    RecordedVote,
)
from townhall.council.services.spending_csv import import_spending

ILLUSTRATIVE = "Illustrative demo entry, not the councillor's real register"


def _upcoming(committee: str, days: int, items: list[str], webcast: str = "") -> Meeting:
    day = working_days_after(timezone.localdate(), days)  # never on a bank holiday
    meeting = Meeting.objects.create(
        committee=Committee.objects.get(slug=committee),
        starts_at=timezone.make_aware(datetime.combine(day, time(19, 0))),
        venue="Hendon Town Hall",
        webcast_url=webcast,
    )
    for number, title in enumerate(items, start=1):
        AgendaItem.objects.create(meeting=meeting, number=number, title=title)
    return meeting


def _interests() -> None:
    councillor = Councillor.objects.get(slug="reuben-thompstone")
    InterestsVersion.objects.create(
        councillor=councillor,
        registered_on=date(2014, 6, 10),
        employment="Councillor, London Borough of Barnet",
        land="A home in the borough (address withheld, as the register allows)",
        change_summary=ILLUSTRATIVE,
    )
    InterestsVersion.objects.create(
        councillor=councillor,
        registered_on=date(2016, 9, 5),
        employment="Councillor, London Borough of Barnet\nTrustee of a local youth charity",
        land="A home in the borough (address withheld, as the register allows)",
        gifts="A ticket to a charity dinner, from the charity's organisers, worth £60",
        change_summary=f"{ILLUSTRATIVE}: a new trusteeship and a gift",
    )


def _vote() -> None:
    item = AgendaItem.objects.filter(meeting__committee__slug="cabinet").order_by("pk").first()
    if item is None:
        return
    vote = RecordedVote.objects.create(
        agenda_item=item,
        motion="That the One Barnet framework be approved (an illustrative recorded vote)",
        result=RecordedVote.Result.PASSED,
        decision=item.decisions.first(),
    )
    for slug in ("robert-rams", "daniel-thomas"):
        Ballot.objects.create(vote=vote, councillor=Councillor.objects.get(slug=slug), option="yes")


def _questions(children: Meeting) -> None:
    PublicQuestion.objects.create(
        meeting=children,
        name="Demo Resident",
        email="demo-resident@example.org",
        text="How many of the borough's libraries will have staff on Saturday afternoons "
        "next year? (An illustrative question.)",
        state=PublicQuestion.State.ACCEPTED,
        submitted_at=timezone.now(),
        decided_at=timezone.now(),
    )


def _forward_plan() -> None:
    today = timezone.localdate()
    cabinet = Committee.objects.get(slug="cabinet")
    for title, summary, days in (
        (
            "Waste and street cleansing contract",
            "Whether to renew the waste collection and street cleansing contract or bring the "
            "service in house (illustrative).",
            45,
        ),
        (
            "Library opening hours from April",
            "Extending staffed opening on Saturdays at the four largest libraries, paid for "
            "from the libraries' budget (illustrative).",
            60,
        ),
    ):
        KeyDecision.objects.create(
            title=title,
            summary=summary,
            decision_maker=cabinet,
            wards="All",
            first_published_on=today - timedelta(days=3),
            expected_on=today + timedelta(days=days),
            papers_to_come="A report of the chief executive, with an equalities impact assessment",
        )


SUPPLIERS = [
    # supplier, service, expense type, purpose, lowest and highest amount
    (
        "Capita",
        "Customer and support services",
        "Contracted services",
        "Monthly service charge",
        2_100_000,
        2_300_000,
    ),
    (
        "Northway Grounds Care Ltd",
        "Parks and open spaces",
        "Grounds maintenance",
        "Grass cutting and shrub beds",
        4_000,
        18_000,
    ),
    ("Hendon Print Partnership", "Democratic services", "Printing", "Agenda packs", 600, 2_400),
    (
        "Barnet Community Transport",
        "Adult social care",
        "Transport",
        "Day centre journeys",
        900,
        6_500,
    ),
    (
        "Greenway Recycling Ltd",
        "Waste and recycling",
        "Disposal",
        "Dry recycling gate fee",
        20_000,
        95_000,
    ),
    (
        "Bookwise Library Supplies",
        "Libraries",
        "Books and media",
        "Children's book stock",
        700,
        9_000,
    ),
]


def _spending() -> None:
    """Three months of illustrative payments, imported as an officer's file would be."""
    chance = random.Random(19)  # the same demo every time
    today = timezone.localdate()
    first = (today.replace(day=1) - timedelta(days=85)).replace(day=1)
    lines = ["Payment date,Transaction number,Supplier,Service,Expense type,Purpose,Amount"]
    number = 50_000
    for month in range(3):
        start = (first + timedelta(days=32 * month)).replace(day=1)
        for supplier, service, kind, purpose, low, high in SUPPLIERS:
            for _ in range(1 if supplier == "Capita" else chance.randint(2, 5)):
                number += 1
                day = min(start + timedelta(days=chance.randint(0, 27)), today)
                amount = chance.randint(low * 100, high * 100) / 100
                lines.append(
                    f"{day:%d/%m/%Y},DEMO{number},{supplier},{service},{kind},"
                    f"{purpose} (illustrative),{amount:.2f}"
                )
    report = import_spending("\n".join(lines).encode())
    assert report.ok, report.errors  # the demo's own file: a mistake here is a bug


def load_democracy() -> None:
    if KeyDecision.objects.exists():
        return
    children = Meeting.objects.filter(
        committee__slug="children-education-libraries-safeguarding",
        starts_at__gt=timezone.now(),
    ).first()
    _upcoming(
        "cabinet",
        20,
        ["Apologies for absence", "Declarations of interest", "Budget monitoring"],
        webcast="https://webcasts.barnet.example/cabinet",  # illustrative
    )
    _upcoming("council", 30, ["Apologies for absence", "Petitions", "Motions"])
    _interests()
    _vote()
    if children:
        _questions(children)
    _forward_plan()
    _spending()
