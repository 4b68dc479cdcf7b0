"""Pages of a listing: at most 200 items, from an offset no larger than MAX_OFFSET, so a
huge number answers 400 with the reason instead of overflowing the database's integers."""

from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination

from townhall.api.schemas import MAX_OFFSET

MAX_LIMIT = 200


class BoundedLimitOffset(LimitOffsetPagination):
    class Input(Schema):
        limit: int = Field(100, ge=1, le=MAX_LIMIT)
        offset: int = Field(0, ge=0, le=MAX_OFFSET)

    def __init__(self, **kwargs) -> None:
        super().__init__(max_limit=MAX_LIMIT, **kwargs)
