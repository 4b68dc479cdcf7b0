"""The council's models, one file per purpose; import them from here."""

from townhall.council.models.contact import CouncillorMessage
from townhall.council.models.contracts import Contract
from townhall.council.models.figures import Measure, MeasureValue
from townhall.council.models.forward_plan import KeyDecision
from townhall.council.models.interests import CATEGORIES, Declaration, InterestsVersion
from townhall.council.models.moderngov import FromModernGov, ModernGovRun
from townhall.council.models.papers import PaperPage, PaperText
from townhall.council.models.programmes import ProgrammePage, ProjectPage, Status
from townhall.council.models.questions import PublicQuestion
from townhall.council.models.register import (
    AgendaItem,
    Committee,
    Councillor,
    Decision,
    Meeting,
    MeetingPaper,
    Membership,
)
from townhall.council.models.spending import Payment
from townhall.council.models.updates import CommitteeUpdate
from townhall.council.models.votes import Ballot, RecordedVote

__all__ = [
    "CATEGORIES",
    "AgendaItem",
    "Ballot",
    "Committee",
    "CommitteeUpdate",
    "Contract",
    "Councillor",
    "CouncillorMessage",
    "Decision",
    "Declaration",
    "FromModernGov",
    "InterestsVersion",
    "KeyDecision",
    "Measure",
    "MeasureValue",
    "Meeting",
    "MeetingPaper",
    "Membership",
    "ModernGovRun",
    "PaperPage",
    "PaperText",
    "Payment",
    "ProgrammePage",
    "ProjectPage",
    "PublicQuestion",
    "RecordedVote",
    "Status",
]
