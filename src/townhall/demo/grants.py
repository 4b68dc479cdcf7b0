"""The demo's grant scheme, modelled on seed 004's Big Society Innovation Bank (written
fresh): £500 to £50,000 for residents' and groups' projects, two criteria, an information
session and an ideas festival; a round that has closed and one open now."""

from datetime import date, datetime
from decimal import Decimal

from django.utils import timezone

from townhall.core.models import Organisation, Ward
from townhall.demo.dates import days_from_today
from townhall.demo.grant_applications import load_applications
from townhall.grants.models import Award, GrantRound, GrantSchemePage


def load_grants() -> int:
    council = Organisation.objects.filter(slug="council").select_related("home_page").first()
    if council is None or council.home_page is None or GrantSchemePage.objects.exists():
        return 0
    scheme = GrantSchemePage(
        title="Big Society Innovation Bank",
        slug="innovation-bank",
        summary="Grants from £500 to £50,000 for residents and not-for-profit groups with new "
        "ideas for local problems.",
        purpose="<p>Some of the best ideas for Barnet come from the people who live here. The "
        "fund backs residents and groups with new ways to solve local problems.</p>",
        criteria=[
            {
                "type": "criterion",
                "value": {
                    "title": "Innovating to help your local community",
                    "description": "Something new that makes a difference where you live.",
                },
            },
            {
                "type": "criterion",
                "value": {
                    "title": "Shifting power from the state to citizens",
                    "description": "Residents doing for themselves what the council did for them.",
                },
            },
        ],
        who_may_apply="<p>Residents of Barnet and not-for-profit groups working in the borough. "
        "Applications should meet one or both criteria.</p>",
        minimum_amount=Decimal(500),
        maximum_amount=Decimal(50_000),
        maximum_informal_group=Decimal(5_000),
        funder_org_id="GB-LAE-BNE",  # the London Borough of Barnet in the org-id register
        eligibility=[
            {
                "type": "question",
                "value": {
                    "question": "Are you a Barnet resident, or a not-for-profit group working in "
                    "Barnet?",
                    "eligible_answer": "yes",
                    "reason": "The fund is for Barnet's residents and not-for-profit groups.",
                },
            },
            {
                "type": "question",
                "value": {
                    "question": "Would any profit from the project go to individuals or a "
                    "company's owners?",
                    "eligible_answer": "no",
                    "reason": "The fund cannot pay for projects that make a private profit.",
                },
            },
        ],
        application_form=APPLICATION_FORM,
        information_sessions="<p>An information session at the Sangam Centre in Edgware, and "
        "an Ideas Festival at North London Business Park to help people develop their ideas "
        "(dates with each round).</p>",
    )
    council.home_page.specific.add_child(instance=scheme)
    scheme.rounds.add(
        GrantRound(
            title="Round 1 (2011)",
            opens_at=timezone.make_aware(datetime(2011, 6, 15)),
            closes_at=timezone.make_aware(datetime(2011, 9, 30)),
            budget=Decimal(250_000),
        ),
        GrantRound(
            title="Round 2",
            opens_at=days_from_today(-10),
            closes_at=days_from_today(40),
            budget=Decimal(150_000),
        ),
    )
    scheme.save_revision().publish()
    load_awards(scheme)
    load_applications(scheme)
    return 1


def _question(kind: str, key: str, label: str, required=True, hint="", **extra) -> dict:
    value = {"key": key, "label": label, "hint": hint, "required": required}
    value.update({"show_if_key": "", "show_if_value": "", **extra})
    return {"type": kind, "value": value}


APPLICATION_FORM = [
    {
        "type": "section",
        "value": {
            "title": "How your project meets the criteria",
            "intro": "The panel scores every application against the scheme's two criteria.",
            "questions": [
                _question(
                    "long_text",
                    "innovation",
                    "What is new about your project, and how will it help your local community?",
                    max_words=300,
                ),
                _question(
                    "long_text",
                    "power",
                    "What will residents do for themselves that the council did before?",
                    max_words=300,
                ),
            ],
        },
    },
    {
        "type": "section",
        "value": {
            "title": "Supporting documents",
            "intro": "Constituted organisations: your constitution or governing document.",
            "questions": [
                _question(
                    "file",
                    "governing-document",
                    "Constitution or governing document",
                    required=False,
                    hint="PDF, Word or OpenDocument, up to 5 MB",
                    max_megabytes=5,
                    types="pdf,docx,odt",
                ),
            ],
        },
    },
    {
        "type": "section",
        "value": {
            "title": "Declarations",
            "intro": "",
            "questions": [
                _question(
                    "consent",
                    "true-and-complete",
                    "The information in this application is true and complete, as far as I know",
                ),
                _question(
                    "consent",
                    "open-data",
                    "If funded, the grant may be published as open data: recipient, amount, "
                    "purpose and ward (never an individual's name)",
                ),
            ],
        },
    },
]


# Illustrative awards from the closed round: the seeds name none, so these say so.
AWARDS = [
    (
        "Repair café",
        "A monthly repair café run by volunteers (an illustrative demo award).",
        Award.Recipient.GROUP,
        "Edgware Menders (demo)",
        2_500,
        "Edgware",
    ),
    (
        "Street library boxes",
        "Book-swap boxes on five streets (an illustrative demo award).",
        Award.Recipient.ORGANISATION,
        "Burnt Oak Residents' Association (demo)",
        12_000,
        "Burnt Oak",
    ),
    (
        "Youth podcast",
        "Young people report on their neighbourhood (an illustrative demo award).",
        Award.Recipient.INDIVIDUAL,
        "A resident",
        800,
        "",
    ),
]


def load_awards(scheme: GrantSchemePage) -> None:
    first = GrantRound.objects.get(scheme=scheme, title__startswith="Round 1")
    for title, description, kind, name, amount, ward in AWARDS:
        Award.objects.create(
            scheme=scheme,
            round=first,
            title=title,
            description=description,
            recipient_type=kind,
            recipient_name=name,
            amount=Decimal(amount),
            awarded_on=date(2011, 11, 1),
            ward=Ward.objects.filter(name=ward).first(),
            published=True,
        )
