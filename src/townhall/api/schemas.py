"""What the public API returns. Only public facts: never names, emails or postcodes."""

from datetime import date, datetime
from typing import Annotated

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from ninja import Path, Schema
from pydantic import AfterValidator, BeforeValidator, StringConstraints

from townhall.core.forms import refuse_control_characters


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


def _one_line(value: str) -> str:
    """A filter holds no control character: PostgreSQL cannot compare a string holding NUL
    (it raised, a 500), and no slug, name or word searched for has one."""
    try:
        refuse_control_characters(value)
    except ValidationError:
        raise ValueError(_("must not hold control characters")) from None
    return value


# A text filter in a query string (a slug, a ward's name, words to search for): one line,
# and bounded, so that it is refused with a 400 rather than sent to the database.
FilterText = Annotated[str, StringConstraints(max_length=200), AfterValidator(_one_line)]

# A slug in an address, the same way.
Slug = Annotated[str, Path(max_length=200), AfterValidator(_one_line)]


def _iso_date(value: object) -> object:
    """Only a date as YYYY-MM-DD (pydantic would read "0" as 1 January 1970)."""
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise ValueError(_("give the date as YYYY-MM-DD, like 2016-09-30")) from None


IsoDate = Annotated[date, BeforeValidator(_iso_date)]


class Problem(Schema):
    detail: str
