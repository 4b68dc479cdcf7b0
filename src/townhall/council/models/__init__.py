"""The council's models, one file per purpose; import them from here."""

from townhall.council.models.contact import CouncillorMessage
from townhall.council.models.contracts import Contract
from townhall.council.models.figures import Measure, MeasureValue
from townhall.council.models.papers import PaperPage, PaperText
from townhall.council.models.programmes import ProgrammePage, ProjectPage, Status
from townhall.council.models.register import (
    AgendaItem,
    Committee,
    Councillor,
    Decision,
    Meeting,
    MeetingPaper,
    Membership,
)

__all__ = [
    "AgendaItem",
    "Committee",
    "Contract",
    "Councillor",
    "CouncillorMessage",
    "Decision",
    "Measure",
    "MeasureValue",
    "Meeting",
    "MeetingPaper",
    "Membership",
    "PaperPage",
    "PaperText",
    "ProgrammePage",
    "ProjectPage",
    "Status",
]
