"""Full-text matching shared by every search source, on SQLite and PostgreSQL alike."""

import re

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import QuerySet
from wagtail.search.backends import get_search_backend

WORDS = re.compile(r"\w+")
MAX_QUERY_LENGTH = 200


def search_terms(query: str) -> str:
    """The query's words only. Wagtail's SQLite backend passes quotes and other FTS5 syntax
    through to the database, which fails on them (wagtail/wagtail#13227)."""
    return " ".join(WORDS.findall(query))


def _sqlite_ids(terms: str, model, limit: int, among: list[int] | None) -> list[int]:
    """Best matches from Wagtail's own SQLite index, read so the full-text match runs once.

    Wagtail's SQLite backend lets SQLite start from the index rows of the model and run the
    FTS5 match once per row: over a second with 10,000 decisions (bench/council_search.py).
    CROSS JOIN makes SQLite start from the match instead; the tables are Wagtail's.
    """
    match = "{title body} : (" + " AND ".join(f'"{word}"' for word in terms.split()) + ")"
    content_type = ContentType.objects.get_for_model(model)
    only = ""
    if among is not None:  # object_id is text in Wagtail's index
        only = f" AND entry.object_id IN ({', '.join(['%s'] * len(among)) or 'NULL'})"
    sql = (
        "SELECT entry.object_id FROM wagtailsearch_indexentry_fts AS fts "  # noqa: S608 - only placeholders go in
        "CROSS JOIN wagtailsearch_indexentry AS entry ON entry.id = fts.rowid "
        "WHERE wagtailsearch_indexentry_fts MATCH %s AND entry.content_type_id = %s"
        f"{only} ORDER BY bm25(wagtailsearch_indexentry_fts) LIMIT %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [match, content_type.pk, *[str(pk) for pk in among or []], limit])
        return [int(row[0]) for row in cursor.fetchall()]


MAX_CANDIDATES = 2_000  # a filtered queryset this small is passed to SQLite as ids
OVERSAMPLE = 5  # past it, this many times the matches are read and then filtered


def best_matches(terms: str, queryset: QuerySet, limit: int) -> list:
    """The rows of `queryset` that have every word, best first (a resident looking for a
    phrase wants the rows that have all of it).

    On SQLite a small filtered queryset's rows are the candidates; a large one is filtered
    after the match, from OVERSAMPLE times `limit` matches. Wagtail pages go through the
    backend, which indexes them under Page.
    """
    if connection.vendor == "sqlite" and not hasattr(queryset, "live"):
        among = None
        if queryset.query.where:
            among = list(queryset.values_list("pk", flat=True)[: MAX_CANDIDATES + 1])
        if among is not None and len(among) > MAX_CANDIDATES:
            ids = _sqlite_ids(terms, queryset.model, limit * OVERSAMPLE, None)
        else:
            ids = _sqlite_ids(terms, queryset.model, limit, among)
        found = queryset.in_bulk(ids)
        return [found[pk] for pk in ids if pk in found][:limit]
    return list(get_search_backend().search(terms, queryset, operator="and")[:limit])
