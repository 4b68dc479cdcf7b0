"""Fixed-window rate limits on public writes, counted in the shared cache (Redis at scale)."""

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    """The caller's address, skipping only as many X-Forwarded-For hops as we have proxies."""
    proxies = settings.TOWNHALL_TRUSTED_PROXIES
    if proxies:
        hops = [h.strip() for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        hops = [h for h in hops if h]
        if len(hops) >= proxies:
            return hops[-proxies]
    return request.META.get("REMOTE_ADDR", "unknown")


def is_rate_limited(request: HttpRequest, action: str) -> bool:
    """Count this request against the action's limit; True once the limit is passed."""
    count, seconds = (int(part) for part in settings.TOWNHALL_RATE_LIMITS[action].split("/"))
    key = f"ratelimit:{action}:{client_address(request)}"
    # add() only sets a missing key, so the window starts at the first request and expires.
    if cache.add(key, 1, timeout=seconds):
        return False
    try:
        return cache.incr(key) > count
    except ValueError:  # the key expired between add() and incr()
        cache.add(key, 1, timeout=seconds)
        return False
