"""Search across the council's record: decisions, agenda items and the text of papers.

Results from papers say which page the words are on, and which decisions and meetings the
paper belongs to, so a resident can go from a phrase to the decision and the page.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field

from wagtail.documents import get_document_model
from wagtail.models import Collection

from townhall.core.search.fulltext import best_matches, search_terms
from townhall.council.models import AgendaItem, Decision, MeetingPaper, PaperPage

LIMIT = 20
PAGE_HITS = 60  # pages fetched; grouped by paper, so fewer papers are listed


@dataclass
class PaperHit:
    document: object
    text: str = ""  # the best-matching page's text, for a snippet
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


def public_documents(collection_id: int | None = None):
    """Documents anyone may see: none from a collection with a view restriction."""
    restricted = Collection.objects.filter(view_restrictions__isnull=False)
    documents = get_document_model().objects.exclude(collection__in=restricted)
    if collection_id is not None:
        documents = documents.filter(collection_id=collection_id)
    return documents


def _public_document_ids(document_ids: Iterable[int], collection_id: int | None) -> set[int]:
    return set(
        public_documents(collection_id)
        .filter(pk__in=set(document_ids))
        .values_list("pk", flat=True)
    )


def paper_hits(
    terms: str, document_ids: Iterable[int] | None = None, collection: int | None = None
) -> list[PaperHit]:
    """Papers whose text has all the words, with the pages they are on, best first; only
    those in `collection` when one is given."""
    pages = PaperPage.objects.all()
    if document_ids is not None:
        pages = pages.filter(document_id__in=list(document_ids))
    found = best_matches(terms, pages, PAGE_HITS)
    public = _public_document_ids((page.document_id for page in found), collection)
    hits: dict[int, PaperHit] = {}
    for page in found:
        if page.document_id in public:
            hit = hits.setdefault(page.document_id, PaperHit(None, text=page.text))
            hit.pages.append(page.number)
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
        best_matches(terms, Decision.objects.select_related("committee"), LIMIT),
        best_matches(
            terms, AgendaItem.objects.published().select_related("meeting__committee"), LIMIT
        ),
        paper_hits(terms),
    )
