"""The demo's consultations, from seed 004's library strategy consultation (written fresh):
a first stage that has closed and a second one open now, with skip logic."""

from datetime import datetime, time

from django.utils import timezone

from townhall.consultations.models import ConsultationPage, Response, Stage, SurveySeries
from townhall.core.models import Organisation
from townhall.demo.dates import days_from_today

LIBRARIES = ["Burnt Oak", "Chipping Barnet", "East Finchley", "Edgware", "Hendon", "Other"]
AGREE = ["Strongly agree", "Agree", "Neither agree nor disagree", "Disagree", "Strongly disagree"]


def _question(kind: str, key: str, label: str, **extra) -> dict:
    return {"type": kind, "value": {"key": key, "label": label, "required": True, **extra}}


STAGE_ONE = [
    {
        "type": "page",
        "value": {
            "title": "What matters to you",
            "questions": [
                _question(
                    "ranking",
                    "priorities",
                    "Put these in order of importance to you",
                    items=[
                        "Opening hours",
                        "Books and lending",
                        "Study space",
                        "Children's events",
                    ],
                ),
                _question(
                    "long_text",
                    "ideas",
                    "Any other ideas for the library service?",
                    max_words=300,
                    required=False,
                ),
            ],
        },
    }
]
STAGE_TWO = [
    {
        "type": "page",
        "value": {
            "title": "About you",
            "questions": [
                _question(
                    "single_choice",
                    "uses-library",
                    "Do you use a library in Barnet?",
                    choices=["Yes", "No"],
                ),
                _question("ward", "ward", "Which ward do you live or work in?", required=False),
            ],
        },
    },
    {
        "type": "page",
        "value": {
            "title": "Your library",
            "show_if_key": "uses-library",
            "show_if_value": "Yes",
            "questions": [
                _question(
                    "dropdown", "library", "Which library do you use most?", choices=LIBRARIES
                ),
                _question(
                    "scale",
                    "unstaffed-hours",
                    "Libraries should open longer hours without staff, using self-service",
                    points=AGREE,
                ),
            ],
        },
    },
    {
        "type": "page",
        "value": {
            "title": "Anything else",
            "questions": [
                _question(
                    "long_text",
                    "comments",
                    "Tell us anything else about the proposals",
                    max_words=300,
                    required=False,
                ),
            ],
        },
    },
]


TRUST = [
    {
        "type": "page",
        "value": {
            "title": "The council",
            "questions": [
                _question(
                    "single_choice",
                    "trust-council",
                    "Do you think Barnet Council is trustworthy?",
                    choices=["Yes", "No"],
                ),
            ],
        },
    }
]
# Seed 001: 71% thought the council trustworthy in spring 2016, 61% that autumn.
WAVES = [
    (
        "Residents' perception survey: spring 2016",
        "perception-spring-2016",
        datetime(2016, 3, 1),
        datetime(2016, 4, 30),
        71,
    ),
    (
        "Residents' perception survey: autumn 2016",
        "perception-autumn-2016",
        datetime(2016, 9, 1),
        datetime(2016, 10, 31),
        61,
    ),
]


def load_perception_survey(council) -> None:
    """Two waves of the perception survey, each with 100 illustrative anonymous answers in
    the proportions the council published."""
    series = SurveySeries.objects.create(
        name="Residents' perception survey", trend_questions="trust-council=Yes"
    )
    for title, slug, opens, closes, trusting in WAVES:
        wave = ConsultationPage(
            title=title,
            slug=slug,
            summary="The council's twice-yearly survey of what residents think of it.",
            why="<p>To track how residents see the council and its services.</p>",
            proposal="<p>No proposal: the same questions are asked in every wave.</p>",
            series=series,
            we_asked="<p>Do you think Barnet Council is trustworthy?</p>",
            you_said=f"<p>{trusting}% said yes.</p>",
            we_did="<p>The council published the results.</p>",
        )
        council.home_page.specific.add_child(instance=wave)
        stage = Stage(
            title="Survey",
            opens_at=timezone.make_aware(opens),
            closes_at=timezone.make_aware(closes),
            pages=TRUST,
        )
        wave.stages.add(stage)
        wave.save_revision().publish()
        stage = Stage.objects.get(consultation=wave)
        Response.objects.bulk_create(
            Response(
                consultation=wave,
                stage=stage,
                state=Response.State.SUBMITTED,
                publish=Response.Publish.PRIVATE,
                submitted_at=stage.closes_at,
                answers={"trust-council": "Yes" if n < trusting else "No"},
            )
            for n in range(100)
        )


def _closing(days: int) -> datetime:
    return days_from_today(days, time(23, 59))


def load_consultations() -> int:
    council = Organisation.objects.filter(slug="council").select_related("home_page").first()
    if council is None or council.home_page is None or ConsultationPage.objects.exists():
        return 0
    page = ConsultationPage(
        title="The future of Barnet's libraries",
        slug="libraries-consultation",
        summary="A second stage on the library strategy: longer opening hours without staff, "
        "and which services matter most. There is still time to have your say.",
        why="<p>Money for libraries is falling. The first stage asked what people value; this "
        "stage asks about detailed proposals shaped by those answers.</p>",
        proposal="<p>Keep every library open, with some hours staffed and longer hours open "
        "by self-service, and move some services into shared buildings.</p>",
        # Illustrative wording, written for the demo (issue 29): an officer's plain words.
        plain_summary="The council wants to change how libraries open. Every library stays "
        "open.\nSome hours will have staff. At other hours you can let yourself in and use "
        "machines to borrow books.\nTell us what you think before the closing date.",
    )
    council.home_page.specific.add_child(instance=page)
    page.stages.add(
        Stage(
            title="Stage 1: what matters to you",
            opens_at=_closing(-120),
            closes_at=_closing(-60),
            pages=STAGE_ONE,
        ),
        Stage(
            title="Stage 2: the proposals",
            opens_at=_closing(-14),
            closes_at=_closing(21),
            pages=STAGE_TWO,
        ),
    )
    page.save_revision().publish()
    load_perception_survey(council)
    return 1
