"""Redis as the shared cache, optional at run time: the site degrades, never falls over.

When Redis cannot be reached, `ResilientRedisCache` stops asking it for a few seconds at a
time (so no request waits on a dead server), and meanwhile:
- reads miss: pages are rendered, counts come from the database;
- writes are dropped, and deletions are remembered to be replayed when Redis returns;
- counters (`add`, `incr`: the rate limits) count in this process alone, so each app
  process enforces the limit separately until Redis is back;
- one warning is logged when it goes, one a minute while it stays away, one when it returns.
On its return, a process that dropped invalidations replays its deletions and runs the
recovery hooks (the page cache registers one that invalidates every cached page), so nothing
stale outlives the outage.
"""

import logging
import threading
import time
from collections.abc import Callable

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

UNREACHABLE = (RedisConnectionError, RedisTimeoutError, OSError)
RETRY_SECONDS = 2.0  # how long a process goes without trying Redis after it failed
WARN_EVERY_SECONDS = 60.0
MAX_REMEMBERED = 10_000
recovery_hooks: list[Callable[[], None]] = []


def on_recovery(hook: Callable[[], None]) -> Callable[[], None]:
    """Run `hook` when Redis returns after this process dropped invalidations."""
    recovery_hooks.append(hook)
    return hook


class Outage:
    """One per process and server: whether Redis is away, since when, what was dropped."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.since: float | None = None
        self.retry_at = 0.0
        self.warned_at = 0.0
        self.skipped = 0
        self.lost_invalidations = False
        self.deletions: set[str] = set()

    def is_open(self) -> bool:
        return self.since is not None and time.monotonic() < self.retry_at

    def failed(self, error: BaseException) -> None:
        now = time.monotonic()
        with self.lock:
            self.retry_at = now + RETRY_SECONDS
            self.skipped += 1
            if self.since is None:
                self.since, self.warned_at = now, now
                logger.warning(
                    "Redis unreachable (%s): serving without the shared cache; "
                    "rate limits count per process",
                    error,
                )
            elif now - self.warned_at >= WARN_EVERY_SECONDS:
                self.warned_at = now
                logger.warning(
                    "Redis still unreachable after %.0f s (%d cache calls served without it)",
                    now - self.since,
                    self.skipped,
                )

    def dropped(self, deletions: tuple[str, ...] = ()) -> None:
        with self.lock:
            self.lost_invalidations = True
            if len(self.deletions) < MAX_REMEMBERED:
                self.deletions.update(deletions)

    def recovered(self) -> tuple[bool, set[str]] | None:
        """If Redis was away: mark it back and hand over what must be replayed."""
        if self.since is None:
            return None
        with self.lock:
            if self.since is None:
                return None
            logger.warning("Redis back after %.1f s", time.monotonic() - self.since)
            replay = (self.lost_invalidations, self.deletions)
            self.since, self.skipped, self.lost_invalidations = None, 0, False
            self.deletions = set()
            return replay


_outages: dict[str, Outage] = {}


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params) -> None:
        super().__init__(server, params)
        self._outage = _outages.setdefault(str(server), Outage())
        # Counters while Redis is away: one local-memory store shared by this process's threads.
        self._local = LocMemCache(f"townhall-redis-fallback:{server}", {"OPTIONS": {}})

    def _call(self, name: str, fallback: Callable[[], object], *args, **kwargs):
        if self._outage.is_open():
            return fallback()
        try:
            result = getattr(super(), name)(*args, **kwargs)
        except UNREACHABLE as error:
            self._outage.failed(error)
            return fallback()
        if self._outage.since is not None:
            self._replay(self._outage.recovered())
        return result

    def _replay(self, replay: tuple[bool, set[str]] | None) -> None:
        if not replay or not replay[0]:
            return
        try:
            if replay[1]:
                self._cache.delete_many(list(replay[1]))  # keys already made
            for hook in recovery_hooks:
                hook()
        except UNREACHABLE as error:
            self._outage.failed(error)
            self._outage.dropped(tuple(replay[1]))

    # Reads miss.
    def get(self, key, default=None, version=None):
        return self._call("get", lambda: default, key, default, version)

    def get_many(self, keys, version=None):
        return self._call("get_many", dict, keys, version)

    def has_key(self, key, version=None):
        return self._call("has_key", lambda: False, key, version)

    # Writes of cached values are dropped: the next reader computes them again.
    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set", lambda: None, key, value, timeout, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set_many", lambda: list(data), data, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("touch", lambda: False, key, timeout, version)

    # Deletions are invalidations: remembered and replayed.
    def delete(self, key, version=None):
        def remember() -> bool:
            self._outage.dropped((self.make_and_validate_key(key, version=version),))
            return False

        return self._call("delete", remember, key, version)

    def delete_many(self, keys, version=None):
        def remember() -> None:
            made = tuple(self.make_and_validate_key(k, version=version) for k in keys)
            self._outage.dropped(made)

        return self._call("delete_many", remember, keys, version)

    # Counters count in this process.
    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        def local() -> bool:
            return self._local.add(key, value, timeout, version)

        return self._call("add", local, key, value, timeout, version)

    def incr(self, key, delta=1, version=None):
        def local() -> int:
            self._outage.dropped()  # an incremented version tag is an invalidation
            if not self._local.has_key(key, version=version):
                self._local.add(key, 0, version=version)
            return self._local.incr(key, delta, version=version)

        return self._call("incr", local, key, delta, version)

    def clear(self):
        return self._call("clear", lambda: None)
