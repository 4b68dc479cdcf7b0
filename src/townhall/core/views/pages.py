"""Wagtail's page-serving view, routed in the reader's language (core.translations)."""

from django.http import HttpRequest, HttpResponse
from django.urls import re_path
from wagtail import urls as wagtail_urls
from wagtail import views as wagtail_views

from townhall.core import translations


def serve(request: HttpRequest, path: str) -> HttpResponse:
    """Wagtail's serve, with the page found as translations.route finds it: Wagtail takes a
    route already worked out for the request (Page.route_for_request keeps it there)."""
    if translations.enabled() and not hasattr(request, "_wagtail_route_for_request"):
        request._wagtail_route_for_request = translations.route(request, path)
    return wagtail_views.serve(request, path)


# Wagtail's own page addresses, with this serve in place of its own; the name is Wagtail's,
# so pageurl and every reverse("wagtail_serve") still find it.
urlpatterns = [
    *(pattern for pattern in wagtail_urls.urlpatterns if pattern.name != "wagtail_serve"),
    re_path(wagtail_urls.serve_pattern, serve, name="wagtail_serve"),
]
