"""What the public API returns. Only public facts: never names, emails or postcodes."""

from datetime import date, datetime
from typing import Annotated

from ninja import Path, Schema


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


MAX_ID = 2**31 - 1
MAX_OFFSET = 1_000_000

# Record ids in addresses: bounded, so that no number is too large for the database to
# compare (SQLite cannot take one over 2**63 - 1), and documented as such.
RecordId = Annotated[int, Path(ge=1, le=MAX_ID)]


class Problem(Schema):
    detail: str
