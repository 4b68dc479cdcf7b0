"""The council's record in the site search: decisions, meetings (by their agenda items),
and documents, found by their titles or by the words inside their PDFs, with the pages."""

from functools import reduce
from operator import and_

from django.db.models import Q
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.translation import gettext as _

from townhall.core.models import Organisation
from townhall.core.search.fulltext import best_matches
from townhall.core.search.sources import Hit, Query
from townhall.council.models import AgendaItem, Councillor, Decision
from townhall.council.services.search import paper_hits, public_documents


def _councils_only(query: Query) -> bool:
    """The council's register is the council's: an organisation filter for a group finds none."""
    return query.organisation is None or query.organisation.kind == Organisation.Kind.COUNCIL


def councillors(query: Query) -> list[Hit]:
    """Councillors whose name, party or ward has every word: a borough has tens of them, so
    plain lookups do, and their pages need no index to keep current."""
    words = query.terms.split()
    if not words or not _councils_only(query):
        return []
    each_word = [
        Q(name__icontains=word) | Q(party__icontains=word) | Q(ward__name__icontains=word)
        for word in words
    ]
    found = Councillor.objects.in_office().filter(reduce(and_, each_word)).select_related("ward")
    return [
        Hit(
            title=str(councillor),
            url=councillor.get_absolute_url(),
            text=", ".join(filter(None, [councillor.party, getattr(councillor.ward, "name", "")])),
            terms=query.terms,
        )
        for councillor in found[: query.limit]
    ]


def decisions(query: Query) -> list[Hit]:
    if not _councils_only(query):
        return []
    found = best_matches(query.terms, Decision.objects.select_related("committee"), query.limit)
    return [
        Hit(
            title=decision.title,
            url=decision.get_absolute_url(),
            text=decision.summary,
            terms=query.terms,
            organisation=str(decision.committee) if decision.committee else "",
            when=decision.decided_on,
        )
        for decision in found
    ]


def meetings(query: Query) -> list[Hit]:
    if not _councils_only(query):
        return []
    items = best_matches(
        query.terms,
        AgendaItem.objects.published().select_related("meeting__committee"),
        query.limit,
    )
    return [
        Hit(
            title=_("%(meeting)s: item %(number)s, %(title)s")
            % {"meeting": item.meeting, "number": item.number, "title": item.title},
            url=f"{reverse('meeting', args=[item.meeting_id])}#item-{item.number}",
            text=item.outcome or item.title,
            terms=query.terms,
            organisation=str(item.meeting.committee),
            when=item.meeting.starts_at.date(),
        )
        for item in items
    ]


def _detail(document) -> str:
    size = document.get_file_size()
    kind = document.file_extension.upper() or _("File")
    return f"{kind}, {filesizeformat(size)}" if size is not None else kind


def documents(query: Query) -> list[Hit]:
    """PDFs with every word inside (and the pages), then documents named with the words."""
    collection = None if query.organisation is None else query.organisation.collection_id
    hits = []
    for paper in paper_hits(query.terms, collection=collection):
        hits.append(
            Hit(
                title=paper.document.title,
                url=paper.document.url,
                text=paper.text,
                terms=query.terms,
                pages=paper.pages,
                detail=_detail(paper.document),
                page_url=paper.page_url,
                related=[(d.title, d.get_absolute_url()) for d in paper.decisions]
                + [(str(m), m.get_absolute_url()) for m in paper.meetings],
            )
        )
    seen = {paper.url for paper in hits}
    named = public_documents(collection)
    for document in best_matches(query.terms, named, query.limit):
        if document.url not in seen:
            hits.append(
                Hit(document.title, document.url, "", query.terms, detail=_detail(document))
            )
    return hits[: query.limit]
