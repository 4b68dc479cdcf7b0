"""Pages of a listing: at most 200 items, from an offset no larger than MAX_OFFSET, so a
huge number answers 400 with the reason instead of overflowing the database's integers.

Every listing of the API answers the same shape, `{"items": [...], "count": N}`, with
`limit` and `offset` in the query string."""

from collections.abc import Callable, Iterator
from typing import Any

from django.db.models import QuerySet
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


class Rows:
    """A queryset whose rows are shaped only for the page asked for: a listing returns
    `Rows(queryset, shape)` rather than every row shaped, so a page of a million
    observations costs a count and one page's query, not a million dictionaries."""

    def __init__(
        self,
        queryset: QuerySet,
        shape: Callable[[Any], dict] | None = None,
        *,
        shape_page: Callable[[list], list[dict]] | None = None,
        count: Callable[[], int] | None = None,
    ) -> None:
        """`shape` makes one row's answer; `shape_page` a whole page's, for what is read
        once per page rather than once per row (the places taken at each event); `count`
        how many there are, where that is known without counting them (a kept count)."""
        self.queryset = queryset
        self.counted = count or queryset.count
        self.shape_page = shape_page or (lambda rows: [shape(row) for row in rows])

    def all(self) -> "Rows":  # what django-ninja's paginator counts through
        return self

    def count(self) -> int:
        return self.counted()

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, window: slice) -> list[dict]:
        return self.shape_page(list(self.queryset[window]))

    def __iter__(self) -> Iterator[dict]:
        return iter(self.shape_page(list(self.queryset)))
