"""Whole responses cached for anonymous readers, invalidated exactly by version tags.

A response names the things it shows as tags ("page:12", "comments"). It is stored with the
version each tag had when rendering began; bumping a tag's version (`invalidate`) makes every
response that showed it stale at once, in every process that shares the cache (Redis at scale).
Pages for readers without a session carry no CSRF token (core.csrf), so they are the same
bytes for everyone.

It also says what others may cache (Cache-Control): what it stores is `public` for a short
time, so a caching proxy or CDN in front (docs/deploying.md) can serve it too. Pages are
`max-age=0, s-maxage=N`: shared caches keep them N seconds, browsers ask again each time
(the proxy's own configuration serves a stale copy while it refreshes one). Feeds and API
answers are `max-age=N, stale-while-revalidate=N` for every cache. The time is short
because a proxy, unlike this cache, cannot be told that something changed: pages
`TOWNHALL_SHARED_PAGE_SECONDS`, feeds and API answers `TOWNHALL_SHARED_CACHE_SECONDS`,
less where a view says so (a petition's count: 3 s).
A proxy is told only what is left of this cache's own time, so the two never add up.
Everything else is `private, no-cache`.
"""

import hashlib
import math
import time
import uuid
from collections.abc import Callable
from typing import NamedTuple

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.html import escape
from django.utils.http import http_date, parse_http_date_safe

from townhall.core import cache as shared_cache

TAG_PREFIX = "pagecache:tag:"
GENERATION_KEY = "pagecache:generation"
ENTRY_PREFIX = "pagecache:entry:"
SITE_TAG = "site"  # every entry carries it: bumping it empties the whole page cache
PAGES_TAG = "pages"  # listings across sections (the consultations hub): any publication bumps it
# A page holding someone's token must never be shared: a guard, as none should (core.csrf).
CSRF_INPUT = b'name="csrfmiddlewaretoken"'
# Cookies that make a response personal: signed in, a message to show, a held comment to see.
PERSONAL_COOKIES = {settings.SESSION_COOKIE_NAME, "messages", "townhall_held"}
CACHED_TYPES = (
    "text/html",
    "application/rss+xml",
    "application/atom+xml",
    "application/xml",
    "application/json",
    "application/ld+json",
    "text/csv",
    "text/calendar",
)


def _now() -> float:
    return time.time()


class ServedBy(NamedTuple):
    """What resolved the address when the page was stored (a hit resolves nothing), so the
    access log and the metrics name the same view and route for a hit as for a miss."""

    view_name: str
    route: str
    url_name: str

    @classmethod
    def of(cls, request: HttpRequest) -> "ServedBy | None":
        match = getattr(request, "resolver_match", None)
        if match is None:
            return getattr(request, "page_cache_served_by", None)
        return cls(match.view_name or "", match.route or "", match.url_name or "")


def page_tag(page_id: int) -> str:
    return f"page:{page_id}"


def tag(request: HttpRequest, *tags: str, seconds: int | None = None) -> None:
    """Declare what this request's response shows, so it can be cached and invalidated.

    `seconds` keeps it for less time than usual: for a page whose counts change too often to
    invalidate on every change, and may be that many seconds behind."""
    request.cache_tags = {*getattr(request, "cache_tags", set()), *tags}
    if seconds is not None:
        request.cache_seconds = min(seconds, getattr(request, "cache_seconds", seconds))


def invalidate(*tags: str) -> None:
    for name in tags:
        key = TAG_PREFIX + name
        cache.add(key, 0, timeout=None)
        try:
            cache.incr(key)
        except ValueError:  # evicted between add and incr
            cache.set(key, 1, timeout=None)


@shared_cache.on_recovery
def _invalidate_everything() -> None:
    """Invalidations made while Redis was away were lost: nothing cached before is trusted."""
    invalidate(SITE_TAG)


def _versions(tags) -> dict[str, int]:
    found = cache.get_many([TAG_PREFIX + t for t in tags])
    return {t: found.get(TAG_PREFIX + t, 0) for t in tags}


def current_versions(tags) -> dict[str, int | str]:
    """The tags' versions now, for things remembered outside this cache (core.services.sections),
    with the shared cache's generation: a token that changes when the cache is emptied (Redis
    restarted or flushed), after which versions start again from 0 and could repeat. While
    the cache cannot be reached the generation is new on every call, so nothing is trusted."""
    found = cache.get_many([GENERATION_KEY, *(TAG_PREFIX + t for t in tags)])
    generation = found.get(GENERATION_KEY)
    if generation is None:
        generation = uuid.uuid4().hex
        if not cache.add(GENERATION_KEY, generation, timeout=None):
            generation = cache.get(GENERATION_KEY) or generation
    return {"generation": generation, **{t: found.get(TAG_PREFIX + t, 0) for t in tags}}


def _entry_key(request: HttpRequest) -> str:
    url = f"{request.get_host()}{request.get_full_path()}"
    return ENTRY_PREFIX + hashlib.sha256(url.encode()).hexdigest()


def _is_cacheable_request(request: HttpRequest) -> bool:
    return (
        settings.TOWNHALL_PAGE_CACHE_SECONDS > 0
        and request.method in ("GET", "HEAD")
        and not PERSONAL_COOKIES.intersection(request.COOKIES)
        and not request.path.startswith(("/admin/", "/outbox/"))
    )


class AnonymousPageCacheMiddleware:
    """Serves and stores whole responses for readers with no personal cookies."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not _is_cacheable_request(request):
            return _private(self.get_response(request))
        key = _entry_key(request)
        entry = cache.get(key)
        if entry is not None and _versions(entry["versions"]) == entry["versions"]:
            if "served_by" in entry:
                request.page_cache_served_by = ServedBy(*entry["served_by"])
            return _shared_for(self._from_entry(request, entry), entry)
        stale = entry
        tag(request, SITE_TAG)
        # Versions are read before rendering, so a change during rendering is never hidden.
        versions_before = _versions(request.cache_tags)
        response = self.get_response(request)
        if not self._is_cacheable_response(request, response):
            return _private(response)
        tags = request.cache_tags
        versions = {**_versions(tags - versions_before.keys()), **versions_before}
        seconds = getattr(request, "cache_seconds", settings.TOWNHALL_PAGE_CACHE_SECONDS)
        entry = self._entry(response, versions, seconds, after=stale)
        if served_by := ServedBy.of(request):
            entry["served_by"] = tuple(served_by)  # a tuple: nothing of ours in the pickle
        cache.set(key, entry, seconds)
        response["Last-Modified"] = entry["last_modified"]
        response["X-Townhall-Cache"] = "miss"
        return _shared_for(response, entry)

    @staticmethod
    def _is_cacheable_response(request: HttpRequest, response: HttpResponse) -> bool:
        return (
            response.status_code == 200
            and len(getattr(request, "cache_tags", ())) > 1  # more than the site tag alone
            and not response.streaming
            and not response.cookies
            and "private" not in response.get("Cache-Control", "")
            and response.get("Content-Type", "").startswith(CACHED_TYPES)
            and CSRF_INPUT not in response.content
        )

    @staticmethod
    def _entry(
        response: HttpResponse, versions: dict[str, int], seconds: int, after: dict | None
    ) -> dict:
        content_type = response["Content-Type"]
        shared = (
            settings.TOWNHALL_SHARED_PAGE_SECONDS
            if content_type.startswith("text/html")
            else settings.TOWNHALL_SHARED_CACHE_SECONDS
        )
        stored_at = _now()
        # HTTP dates count whole seconds: a copy replacing one stored in the same second
        # is dated a second later, so If-Modified-Since with the old one's date is not a 304.
        # (A copy that expired instead was stored at least a second before.)
        dated = math.floor(stored_at)
        if after is not None and not response.has_header("Last-Modified"):
            before = parse_http_date_safe(after.get("last_modified") or "")
            dated = max(dated, before + 1) if before is not None else dated
        return {
            "body": response.content,
            "content_type": content_type,
            "versions": versions,
            "stored_at": stored_at,
            "shared_seconds": min(seconds, shared),
            # What the view knew of its data's age, else when it was stored: the same bytes
            # are served until a tag changes, so they are unmodified since then.
            "last_modified": response.get("Last-Modified") or http_date(dated),
        }

    @staticmethod
    def _from_entry(request: HttpRequest, entry: dict) -> HttpResponse:
        response = HttpResponse(entry["body"], content_type=entry["content_type"])
        response["Last-Modified"] = entry.get("last_modified") or http_date(entry["stored_at"])
        response["X-Townhall-Cache"] = "hit"
        return response


def same_for_everyone(
    request: HttpRequest,
    name: str,
    tags: tuple[str, ...],
    render: Callable[[dict[str, str]], HttpResponse],
    **personal: str,
) -> HttpResponse:
    """An answer to a post that is the same page for everyone who sends it (the page after
    signing or confirming a signature), rendered once and kept like a page under `tags`.

    `render(values)` makes the page; `personal` are the few values that differ per person
    (their email address): the kept page has a marker for each, replaced, escaped, for each
    person. People with a session get the page rendered for them (it carries their token)."""
    if settings.TOWNHALL_PAGE_CACHE_SECONDS <= 0 or PERSONAL_COOKIES.intersection(request.COOKIES):
        return render(personal)
    markers = {field: f"__townhall_{field}__" for field in personal}
    # One kept page per language: the page is the same for everyone who reads that language.
    key = f"{ENTRY_PREFIX}answer:{name}:{translation.get_language()}"
    entry = cache.get(key)
    if entry is None or _versions(entry["versions"]) != entry["versions"]:
        versions = _versions({SITE_TAG, *tags})
        response = render(markers)
        if response.status_code != 200 or response.cookies or CSRF_INPUT in response.content:
            return render(personal)
        entry = {"body": response.content.decode(), "content_type": response["Content-Type"]}
        entry["versions"] = versions
        cache.set(key, entry, settings.TOWNHALL_PAGE_CACHE_SECONDS)
    body = entry["body"]
    for field, marker in markers.items():
        body = body.replace(marker, escape(personal[field]))
    return _private(HttpResponse(body, content_type=entry["content_type"]))


def _private(response: HttpResponse) -> HttpResponse:
    """Anything not cached here is for this reader alone (views may say more, e.g. no-store)."""
    if not response.has_header("Cache-Control"):
        patch_cache_control(response, private=True, no_cache=True)
    return response


def _shared_for(response: HttpResponse, entry: dict) -> HttpResponse:
    """Public for what is left of the entry's shared time (at least a second). The copy is
    the one for readers without personal cookies, so a proxy must keep it apart from
    answers to readers with them (Vary: Cookie), a copy served from here as well."""
    patch_vary_headers(response, ("Cookie",))
    if response.has_header("Cache-Control"):
        return response
    seconds = entry.get("shared_seconds", 0)
    if not seconds:
        return _private(response)
    left = max(1, math.ceil(seconds - (_now() - entry.get("stored_at", _now()))))
    if entry["content_type"].startswith("text/html"):
        # Browsers ask every time (the proxy answers at once): a reader who reloads after a
        # change, or comes back to a page after acting on it, never sees their own old copy.
        patch_cache_control(response, public=True, max_age=0, s_maxage=left)
    else:
        patch_cache_control(response, public=True, max_age=left, stale_while_revalidate=seconds)
    return response
