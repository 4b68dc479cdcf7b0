"""The API's shapes for councillors, their interests and votes, questions, the forward plan
and spending: Popolo's Person, Membership, VoteEvent, Vote and Count where they exist."""

from datetime import date, datetime
from decimal import Decimal

from ninja import Schema


class MembershipOut(Schema):  # Popolo Membership
    organization_id: str  # the committee's slug
    organization_name: str
    role: str
    start_date: date
    end_date: date | None


class ResponsivenessOut(Schema):
    messages_sent: int
    answered: int
    replied: int
    reply_rate: int | None  # percent; None until enough writers have answered


class PersonOut(Schema):  # Popolo Person, with the public role only
    id: str
    name: str
    party: str
    ward: str | None
    email: str
    phone: str
    image: str | None
    url: str
    memberships: list[MembershipOut]
    attendance_rate: int | None
    responsiveness: ResponsivenessOut


class InterestCategoryOut(Schema):
    category: str
    label: str
    entries: list[str]


class InterestsVersionOut(Schema):
    number: int
    registered_on: date
    change_summary: str
    categories: list[InterestCategoryOut]


class DeclarationOut(Schema):
    meeting_id: int
    agenda_item: int
    item_title: str
    kind: str
    nature: str
    left_the_room: bool


class InterestsOut(Schema):
    person_id: str
    versions: list[InterestsVersionOut]
    declarations: list[DeclarationOut]


class PopoloCount(Schema):  # Popolo Count
    option: str
    value: int


class PopoloVote(Schema):  # Popolo Vote
    voter_id: str
    voter_name: str
    option: str


class VoteEventOut(Schema):  # Popolo VoteEvent
    id: str
    motion: str
    organization_id: str
    start_date: datetime
    result: str
    casting_vote: bool
    meeting_id: int
    agenda_item: int
    decision_id: int | None
    counts: list[PopoloCount]
    votes: list[PopoloVote]


class PublicQuestionOut(Schema):
    id: int
    meeting_id: int
    committee: str
    kind: str
    text: str
    state: str
    answer: str


class KeyDecisionOut(Schema):
    id: int
    title: str
    summary: str
    decision_maker: str
    expected_on: date
    first_published_on: date
    wards: str
    papers_to_come: str
    urgent_reason: str
    status: str
    decision_id: int | None


class PaymentOut(Schema):
    transaction: str
    paid_on: date
    supplier: str
    supplier_id: str
    service: str
    expense_type: str
    purpose: str
    amount: Decimal
    contract_id: int | None
