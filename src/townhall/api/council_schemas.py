"""What the API says about the council's record: public roles and published facts only."""

from datetime import date, datetime
from decimal import Decimal

from ninja import Schema


class MemberOut(Schema):
    councillor: str
    party: str
    ward: str | None
    role: str
    starts_on: date
    ends_on: date | None


class CommitteeOut(Schema):
    slug: str
    name: str
    kind: str
    remit: str
    url: str
    members: list[MemberOut]


class PaperOut(Schema):
    title: str
    kind: str
    url: str
    page_count: int | None


class AgendaItemOut(Schema):
    number: int
    title: str
    outcome: str
    papers: list[PaperOut]


class MeetingOut(Schema):
    id: int
    committee: str
    starts_at: datetime
    venue: str
    status: str
    minutes: str
    webcast_url: str
    url: str


class MeetingDetail(MeetingOut):
    agenda: list[AgendaItemOut]
    papers: list[PaperOut]
    attended: list[str]


class DecisionOut(Schema):
    id: int
    title: str
    summary: str
    decided_on: date
    maker: str
    made_by: str
    committee: str | None
    meeting_id: int | None
    agenda_item: int | None
    status: str
    topic: str
    papers: list[str]
    url: str


class DecisionPage(Schema):
    count: int
    items: list[DecisionOut]


class ValueOut(Schema):
    on: date
    value: Decimal
    shown: str
    source: str


class MeasureOut(Schema):
    name: str
    unit: str
    role: str
    description: str
    contract_id: int | None
    values: list[ValueOut]


class ProjectOut(Schema):
    id: int
    title: str
    aim: str
    status: str
    starts_on: date | None
    ends_on: date | None
    budget: Decimal | None
    supplier: str
    url: str


class ProgrammeOut(Schema):
    id: int
    title: str
    summary: str
    sponsor: str
    political_leads: list[str]
    status: str
    starts_on: date | None
    ends_on: date | None
    decisions: list[int]
    projects: list[ProjectOut]
    url: str


class ContractOut(Schema):
    id: int
    supplier: str
    service: str
    value: Decimal
    starts_on: date
    ends_on: date
    awarded_by: int | None
    project_id: int | None
    url: str
