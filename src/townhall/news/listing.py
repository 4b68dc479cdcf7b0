"""Queries behind news listings: months with counts, pagination."""

from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import Count, QuerySet
from django.db.models.functions import TruncMonth


def months_with_counts(posts: QuerySet) -> list[dict]:
    """[{"month": date(2017, 7, 1), "count": 2}, ...], newest first."""
    return list(
        posts.order_by()
        .annotate(month=TruncMonth("date"))
        .values("month")
        .annotate(count=Count("pk"))
        .order_by("-month")
    )


def paginate(items, number, per_page: int) -> PaginatorPage:
    return Paginator(items, per_page).get_page(number)
