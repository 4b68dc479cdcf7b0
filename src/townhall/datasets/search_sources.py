"""Datasets in the site search: published ones whose title, description or source has every
word (an organisation has a handful, so plain lookups do)."""

from functools import reduce
from operator import and_

from django.db.models import Q

from townhall.core.search.sources import Hit, Query
from townhall.datasets.models import Dataset


def datasets(query: Query) -> list[Hit]:
    words = query.terms.split()
    if not words:
        return []
    each_word = [
        Q(title__icontains=w) | Q(description__icontains=w) | Q(source__icontains=w) for w in words
    ]
    found = Dataset.objects.public().filter(reduce(and_, each_word))
    if query.organisation is not None:
        found = found.filter(organisation=query.organisation)
    return [
        Hit(title=d.title, url=d.get_absolute_url(), text=d.description, terms=query.terms)
        for d in found[: query.limit]
    ]
