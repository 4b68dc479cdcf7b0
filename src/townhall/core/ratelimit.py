"""Fixed-window rate limits on public writes, counted in the shared cache (Redis at scale).

Every public view that writes is wrapped in `rate_limited(...)`: one decorator, declared
on the view, instead of a guard written into each."""

from collections.abc import Callable
from contextlib import suppress
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def client_address(request: HttpRequest) -> str:
    """The caller's address, skipping only as many X-Forwarded-For hops as we have proxies."""
    proxies = settings.TOWNHALL_TRUSTED_PROXIES
    if proxies:
        hops = [h.strip() for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        hops = [h for h in hops if h]
        if len(hops) >= proxies:
            return hops[-proxies]
    return request.META.get("REMOTE_ADDR", "unknown")


def _limit(action: str) -> tuple[int, int]:
    count, seconds = (int(part) for part in settings.TOWNHALL_RATE_LIMITS[action].split("/"))
    return count, seconds


def _key(request: HttpRequest, action: str) -> str:
    return f"ratelimit:{action}:{client_address(request)}"


def _give_back(request: HttpRequest, action: str) -> None:
    """Uncount a use: the request turned out to be a form to correct."""
    with suppress(ValueError):  # the window ended meanwhile: nothing left to give back
        cache.decr(_key(request, action))


def too_many_requests(request: HttpRequest) -> HttpResponse:
    return render(request, "core/too_many_requests.html", status=429)


def rate_limited(*actions: str, methods: tuple[str, ...] = ("POST",), count_invalid: bool = False):
    """Limit a view's writes by each of these actions' allowances, per client address.

    A request over any allowance is answered 429 before the view runs. A request the view
    refuses as invalid (400, a form to correct) is not counted, so fixing a mistake in a
    form costs nobody their allowance; every other answer, spam caught by the honeypot
    included, is. Views whose every post costs work whatever its outcome (each page of a
    consultation saves answers) set count_invalid."""

    def decorate(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def limited(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if request.method not in methods:
                return view(request, *args, **kwargs)
            # Counted first, with the cache's atomic add and incr (which, when Redis is
            # away, count in this process): two requests at once cannot both slip under.
            if any(is_rate_limited(request, action) for action in actions):
                return too_many_requests(request)
            response = view(request, *args, **kwargs)
            if response.status_code == 400 and not count_invalid:
                for action in actions:
                    _give_back(request, action)
            return response

        limited.rate_limits = actions  # what the role x view tests read
        return limited

    return decorate


def is_rate_limited(request: HttpRequest, action: str) -> bool:
    """Count this request against the action's limit; True once the limit is passed."""
    count, seconds = _limit(action)
    key = _key(request, action)
    # add() only sets a missing key, so the window starts at the first request and expires.
    if cache.add(key, 1, timeout=seconds):
        return False
    try:
        return cache.incr(key) > count
    except ValueError:  # the key expired between add() and incr()
        cache.add(key, 1, timeout=seconds)
        return False
