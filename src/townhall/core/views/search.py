"""Site search over published pages and documents (Wagtail search; PostgreSQL FTS there)."""

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from wagtail.documents import get_document_model
from wagtail.models import Collection, Page

MAX_QUERY_LENGTH = 200
RESULTS_PER_PAGE = 10


def search(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    pages = documents = None
    if query:
        pages = Paginator(
            Page.objects.live().public().specific().search(query), RESULTS_PER_PAGE
        ).get_page(request.GET.get("page"))
        # Documents in private collections never appear: only those with no view restriction.
        restricted = Collection.objects.filter(view_restrictions__isnull=False)
        documents = list(
            get_document_model()
            .objects.exclude(collection__in=restricted)
            .search(query)[:RESULTS_PER_PAGE]
        )
    return render(
        request,
        "core/search.html",
        {"query": query, "pages": pages, "documents": documents},
    )
