"""Search across the council's record: decisions, agenda items and the text of papers.

Results from papers say which page the words are on, and which decisions and meetings the
paper belongs to, so a resident can go from a phrase to the decision and the page.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from wagtail.documents import get_document_model
from wagtail.models import Collection
from wagtail.search.backends import get_search_backend

from townhall.core.views.search import search_terms
from townhall.council.models import AgendaItem, Decision, MeetingPaper, PaperPage

LIMIT = 20
PAGE_HITS = 60  # pages fetched; grouped by paper, so fewer papers are listed


@dataclass
class PaperHit:
    document: object
    pages: list[int] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)
    meetings: list = field(default_factory=list)

    def page_url(self, number: int) -> str:
        return f"{self.document.url}#page={number}"


@dataclass
class CouncilResults:
    terms: str
    decisions: list[Decision] = field(default_factory=list)
    agenda_items: list[AgendaItem] = field(default_factory=list)
    papers: list[PaperHit] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.decisions or self.agenda_items or self.papers)


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


def _search(terms: str, queryset, limit: int) -> list:
    """Every word must match: a resident looking for a phrase wants the pages that have it.

    The queryset may be filtered (a decision's papers only): on SQLite its rows are the
    candidates, so keep such querysets small.
    """
    if connection.vendor == "sqlite":
        among = list(queryset.values_list("pk", flat=True)) if queryset.query.where else None
        ids = _sqlite_ids(terms, queryset.model, limit, among)
        found = queryset.in_bulk(ids)
        return [found[pk] for pk in ids if pk in found]
    return list(get_search_backend().search(terms, queryset, operator="and")[:limit])


def _public_document_ids(document_ids: Iterable[int]) -> set[int]:
    restricted = Collection.objects.filter(view_restrictions__isnull=False)
    return set(
        get_document_model()
        .objects.filter(pk__in=set(document_ids))
        .exclude(collection__in=restricted)
        .values_list("pk", flat=True)
    )


def paper_hits(terms: str, document_ids: Iterable[int] | None = None) -> list[PaperHit]:
    """Papers whose text has all the words, with the pages they are on, best first."""
    pages = PaperPage.objects.all()
    if document_ids is not None:
        pages = pages.filter(document_id__in=list(document_ids))
    found = _search(terms, pages, PAGE_HITS)
    public = _public_document_ids(page.document_id for page in found)
    hits: dict[int, PaperHit] = {}
    for page in found:
        if page.document_id in public:
            hits.setdefault(page.document_id, PaperHit(None)).pages.append(page.number)
    documents = get_document_model().objects.in_bulk(hits.keys())
    for document_id, hit in hits.items():
        hit.document = documents[document_id]
        hit.pages.sort()
    decisions = Decision.papers.through.objects.filter(document_id__in=hits.keys())
    for link in decisions.select_related("decision"):
        hits[link.document_id].decisions.append(link.decision)
    papers = MeetingPaper.objects.filter(document_id__in=hits.keys()).select_related(
        "meeting__committee"
    )
    for paper in papers:
        hits[paper.document_id].meetings.append(paper.meeting)
    return list(hits.values())


def search_council(query: str) -> CouncilResults:
    terms = search_terms(query)
    if not terms:
        return CouncilResults(terms)
    return CouncilResults(
        terms,
        _search(terms, Decision.objects.select_related("committee"), LIMIT),
        _search(terms, AgendaItem.objects.select_related("meeting__committee"), LIMIT),
        paper_hits(terms),
    )
