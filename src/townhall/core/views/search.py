"""One search for everything public: every source in core.search.sources, filtered by kind
and organisation. Without a kind chosen, the best few of each kind; with one, all of it."""

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from townhall.core.models import Organisation
from townhall.core.search import sources
from townhall.core.search.fulltext import MAX_QUERY_LENGTH, search_terms

RESULTS_PER_PAGE = 10
PREVIEW = 3  # hits of each kind on the page of every kind
MOST = 100  # hits of one kind, at most: past that, better words beat more pages


def search(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    terms = search_terms(query)
    organisations = list(Organisation.objects.select_related("home_page").order_by("name"))
    organisation = next(
        (o for o in organisations if o.slug == request.GET.get("organisation")), None
    )
    kind = sources.SOURCES.get(request.GET.get("kind", ""))
    groups, results = [], None
    if terms:
        asked = sources.Query(terms, organisation, MOST, tuple(organisations))
        for source in sources.ordered():
            hits = source.find(asked)  # every kind, for the counts beside the filters
            groups.append(
                {"source": source, "hits": hits, "count": len(hits), "more": len(hits) >= MOST}
            )
        if kind is not None:
            chosen = next(group for group in groups if group["source"] == kind)
            results = Paginator(chosen["hits"], RESULTS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "core/search.html",
        {
            "query": query,
            "terms": terms,
            "kind": kind,
            "kinds": sources.ordered(),
            "groups": [group for group in groups if group["hits"]],
            "found": sum(group["count"] for group in groups),
            "results": results,
            "preview": PREVIEW,
            "organisation": organisation,
            "organisations": organisations,
        },
    )
