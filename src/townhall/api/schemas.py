"""What the public API returns. Only public facts: never names, emails or postcodes."""

from datetime import date, datetime

from ninja import Schema


class ThresholdOut(Schema):
    signatures: int
    name: str
    what_happens: str
    reached_at: datetime | None


class WardCount(Schema):
    code: str
    name: str
    signatures: int


class ResponseOut(Schema):
    text: str
    responded_on: date
    link: str


class PetitionSummary(Schema):
    id: int
    action: str
    state: str
    signatures: int
    paper_signatures: int
    opened_at: datetime | None
    closes_at: datetime | None
    url: str


class PetitionDetail(PetitionSummary):
    background: str
    additional_details: str
    rejection_reason: str | None
    thresholds: list[ThresholdOut]
    response: ResponseOut | None
    signatures_by_ward: list[WardCount]


class Problem(Schema):
    detail: str
