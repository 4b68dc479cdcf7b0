"""Exact signature counts that many processes can add to at once.

A confirmation adds one to a random shard row in the same transaction that confirms the
signature, so the count can never drift from the confirmed rows, and concurrent signers
rarely wait on the same row. Readers get the sum, cached for a few seconds.
"""

import random

from django.core.cache import cache
from django.db.models import F, IntegerField, OuterRef, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from townhall.petitions.models import COUNT_SHARDS, PaperSignatures, Petition, SignatureCount

CACHE_SECONDS = 2


def create_shards(petition: Petition) -> None:
    SignatureCount.objects.bulk_create(
        SignatureCount(petition=petition, shard=shard) for shard in range(COUNT_SHARDS)
    )


def add(petition_id: int, amount: int = 1) -> None:
    """Change the count by `amount`; call inside the transaction that changes the rows."""
    SignatureCount.objects.filter(
        petition_id=petition_id, shard=random.randrange(COUNT_SHARDS)
    ).update(count=F("count") + amount)


def refresh(petition_id: int) -> tuple[int, int]:
    """The exact (online, paper) counts in one query; the shown count is updated with them."""
    online, paper = (
        with_counts(Petition.objects.filter(pk=petition_id))
        .values_list("online_count", "paper_count")
        .get()
    )
    cache.set(_key(petition_id), online, CACHE_SECONDS)
    return online, paper


def exact(petition_id: int) -> int:
    return (
        SignatureCount.objects.filter(petition_id=petition_id).aggregate(total=Sum("count"))[
            "total"
        ]
        or 0
    )


def confirmed_total() -> int:
    """Every confirmed online signature on every petition, for the operator's metrics."""
    return SignatureCount.objects.aggregate(total=Sum("count"))["total"] or 0


def shown(petition_id: int) -> int:
    """The count for display: exact, at most CACHE_SECONDS old."""
    key = _key(petition_id)
    value = cache.get(key)
    if value is None:
        value = exact(petition_id)
        cache.set(key, value, CACHE_SECONDS)
    return value


def _key(petition_id: int) -> str:
    return f"petition-count:{petition_id}"


def _sum_of(model, field: str) -> Coalesce:
    total = (
        model.objects.filter(petition=OuterRef("pk"))
        .order_by()
        .values("petition")
        .annotate(total=Sum(field))
        .values("total")
    )
    return Coalesce(Subquery(total, output_field=IntegerField()), Value(0))


def with_counts(petitions: QuerySet) -> QuerySet:
    """Petitions annotated with `online_count` and `paper_count`, in one query, for lists."""
    return petitions.annotate(
        online_count=_sum_of(SignatureCount, "count"), paper_count=_sum_of(PaperSignatures, "count")
    )
