"""Site search over published pages and documents (Wagtail search; PostgreSQL FTS there)."""

import re

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from wagtail.documents import get_document_model
from wagtail.models import Collection, Page

MAX_QUERY_LENGTH = 200
RESULTS_PER_PAGE = 10
WORDS = re.compile(r"\w+")


def search_terms(query: str) -> str:
    """The query's words only. Wagtail's SQLite backend passes quotes and other FTS5 syntax
    through to the database, which fails on them (wagtail/wagtail#13227)."""
    return " ".join(WORDS.findall(query))


def search(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    pages = documents = None
    terms = search_terms(query)
    if terms:
        pages = Paginator(
            Page.objects.live().public().specific().search(terms), RESULTS_PER_PAGE
        ).get_page(request.GET.get("page"))
        # Documents in private collections never appear: only those with no view restriction.
        restricted = Collection.objects.filter(view_restrictions__isnull=False)
        documents = list(
            get_document_model()
            .objects.exclude(collection__in=restricted)
            .search(terms)[:RESULTS_PER_PAGE]
        )
    return render(
        request,
        "core/search.html",
        {"query": query, "pages": pages, "documents": documents},
    )
