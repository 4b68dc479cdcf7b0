"""The Wagtail site answering a request, and its home page, kept in each process (core.memo)
instead of two queries on every page (Wagtail looks the site up, then the home page's own
fields). Rebuilt when a site is saved or a page published; each request gets its own copy,
as Wagtail sets attributes on the page it serves."""

import copy

from django.http import HttpRequest
from django.http.request import split_domain_port
from wagtail.models import Site

from townhall.core import pagecache
from townhall.core.memo import Remembered

# (hostname, port) -> (the site, its home page's specific instance), filled as hosts arrive.
_sites: Remembered[dict] = Remembered((pagecache.SITE_TAG, pagecache.PAGES_TAG), dict)


def site_for(request: HttpRequest) -> Site | None:
    """The site Wagtail would choose for this request (Site.find_for_request's rules)."""
    known = _sites.get()
    key = (split_domain_port(request._get_raw_host())[0], request.get_port())
    if key not in known:
        site = Site._find_for_request(request)
        known[key] = (site, site.root_page.specific if site else None)
    site, home = known[key]
    if site is None:
        return None
    mine = copy.copy(site)
    mine.root_page = copy.copy(home)
    return mine


class RememberedSiteMiddleware:
    """Hands Wagtail the site before its page-serving view looks for one (other views, the
    API among them, may never need a site, so they are not made to look it up)."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view, view_args, view_kwargs) -> None:
        # By its name: core.views.pages serves Wagtail's pages in the reader's language.
        if request.resolver_match and request.resolver_match.url_name == "wagtail_serve":
            request._wagtail_site = site_for(request)
