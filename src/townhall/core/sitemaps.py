"""`/sitemap.xml` and `/robots.txt`: what search engines may read, and what they may not.

The sitemap is an index of sections: Wagtail's live public pages (`pages`), then what apps
register in their AppConfig.ready, each a Django sitemap over its public records only (the
app's own QuerySet for what the public may see) with the page-cache tags its records
invalidate. A section is cached like a page under those tags, so a petition hidden or a
dataset unpublished leaves it at once. Records carry their addresses in every language
(hreflang alternates): the site answers each under its language's prefix."""

import re
from collections.abc import Iterator
from functools import cache

from django.contrib.sitemaps import Sitemap
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import LocalePrefixPattern, URLResolver, get_resolver
from django.views.decorators.cache import cache_control
from wagtail.contrib.sitemaps import views as wagtail_sitemaps
from wagtail.contrib.sitemaps.sitemap_generator import Sitemap as PagesSitemap

from townhall.core import access, pagecache

_sections: dict[str, tuple[type[Sitemap], tuple[str, ...]]] = {
    "pages": (PagesSitemap, (pagecache.PAGES_TAG,)),
}


class RecordSitemap(Sitemap):
    """A sitemap of records with a page of their own, listed in every language."""

    i18n = True
    alternates = True
    x_default = True


def register(section: str, sitemap: type[Sitemap], *tags: str) -> None:
    """A section of the sitemap (`/sitemap-<section>.xml`) and the tags that change it."""
    _sections[section] = (sitemap, tags)


def index(request: HttpRequest) -> HttpResponse:
    pagecache.tag(request, *(tag for _, tags in _sections.values() for tag in tags))
    sitemaps = {name: sitemap for name, (sitemap, _) in _sections.items()}
    return wagtail_sitemaps.index(request, sitemaps, sitemap_url_name="sitemap-section")


def section(request: HttpRequest, section: str) -> HttpResponse:
    if section not in _sections:
        raise Http404("No such part of the sitemap.")
    sitemap, tags = _sections[section]
    pagecache.tag(request, *tags)
    return wagtail_sitemaps.sitemap(request, {section: sitemap}, section=section)


# Kept out: the admin and the outbox, and every view the access table (core.access) says is
# reached by an emailed secret, is someone's own or needs a rule: a crawler has no business
# there, and a secret link it followed would confirm or unsubscribe for someone.
ALWAYS_KEPT_OUT = ("/admin/", "/outbox/")
KEPT_OUT_KINDS = (access.TOKEN, access.SIGNED_IN, access.RULE)
_CONVERTER = re.compile(r"<[^>]+>")


def _routes(patterns, prefix: str = "", namespace: str = "") -> Iterator[tuple[str, str]]:
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = entry.namespace and (
                f"{namespace}:{entry.namespace}" if namespace else entry.namespace
            )
            # A language prefix is left out: "/*" before each rule stands for any of them.
            route = "" if isinstance(entry.pattern, LocalePrefixPattern) else str(entry.pattern)
            yield from _routes(entry.url_patterns, prefix + route, inner or namespace)
        elif entry.name and "^" not in str(entry.pattern):
            name = f"{namespace}:{entry.name}" if namespace else entry.name
            yield prefix + str(entry.pattern), name


@cache
def kept_out() -> tuple[str, ...]:
    """Each such address as a robots.txt rule: converters as "*", any language prefix."""
    rules = []
    for route, name in _routes(get_resolver().url_patterns):
        guard = access.guard_for(name)
        if route.startswith("admin/") or guard is None or guard.kind not in KEPT_OUT_KINDS:
            continue
        rules.append("/*" + _CONVERTER.sub("*", route))
    return ALWAYS_KEPT_OUT + tuple(sorted(set(rules)))


@cache_control(public=True, max_age=86400)
def robots(request: HttpRequest) -> HttpResponse:
    """The same for every reader and rarely changed: proxies and browsers keep it a day."""
    lines = ["User-agent: *", *(f"Disallow: {rule}" for rule in kept_out())]
    lines.append(f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
