from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from django.http.request import split_domain_port
from wagtail.models import Site

SITES_CACHE_KEY = "townhall:site-names"


def _sites() -> list[tuple[str, int, bool, str]]:
    """(hostname, port, is default, name) of every site, from the shared cache.

    Wagtail's Site.find_for_request runs a query on every request that is not a page; this is
    on every page's header, so under load it cost a fifth of rendering. Cleared by core.signals.
    """
    sites = cache.get(SITES_CACHE_KEY)
    if sites is None:
        sites = list(Site.objects.values_list("hostname", "port", "is_default_site", "site_name"))
        cache.set(SITES_CACHE_KEY, sites, 3600)
    return sites


def site_name_for(request: HttpRequest) -> str:
    """The name of the site serving this host, matched as Wagtail matches sites."""
    hostname, port = split_domain_port(request.get_host())
    try:
        port = int(port or request.get_port())
    except ValueError:
        port = 80
    sites = _sites()
    same_host = [site for site in sites if site[0] == hostname]
    same_port = [site for site in same_host if site[1] == port]
    chosen = (same_port or same_host or [site for site in sites if site[2]] or [None])[0]
    return (chosen[3] if chosen else "") or settings.WAGTAIL_SITE_NAME


def townhall(request: HttpRequest) -> dict:
    return {
        "site_name": site_name_for(request),
        "show_outbox": settings.TOWNHALL_SHOW_OUTBOX,
    }
