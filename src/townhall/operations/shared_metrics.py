"""Request metrics summed over every instance, on one host or several (decision 18).

With REDIS_URL set, each web process adds what it counted since its last flush to one total
per sample in Redis, every METRICS_FLUSH_SECONDS, from a background thread: a request never
waits on Redis. A scrape of any instance reads those totals. A total only grows (a process
that stops or restarts leaves its counts in it, as a counter must), so Prometheus' rate()
sees a reset only when Redis itself loses its data. A process is listed as reporting until
METRICS_PROCESS_TTL_SECONDS after its last flush, then drops out.

Each flush is a numbered batch, applied at most once: a batch whose answer was lost is sent
again with the same number, and Redis skips it if it was applied."""

import atexit
import json
import logging
import os
import socket
import threading
import time
import uuid
from collections.abc import Iterable

import redis
from django.conf import settings
from prometheus_client.metrics_core import Metric
from redis.backoff import NoBackoff
from redis.retry import Retry

logger = logging.getLogger(__name__)

TOTALS_KEY = "townhall:metrics:totals"  # hash: sample -> total over every process ever
PROCESSES_KEY = "townhall:metrics:processes"  # sorted set: process -> last flush (Redis time)
BATCHES_KEY = "townhall:metrics:batches"  # hash: process -> number of its last batch applied
KEYS = (TOTALS_KEY, PROCESSES_KEY, BATCHES_KEY)

# KEYS: totals, processes, batches. ARGV: process, batch number, then sample, delta pairs.
_ADD = """
local now = redis.call('TIME')[1]
if redis.call('HGET', KEYS[3], ARGV[1]) ~= ARGV[2] then
  for i = 3, #ARGV, 2 do redis.call('HINCRBYFLOAT', KEYS[1], ARGV[i], ARGV[i + 1]) end
  redis.call('HSET', KEYS[3], ARGV[1], ARGV[2])
end
redis.call('ZADD', KEYS[2], now, ARGV[1])
return 1
"""
# KEYS: as above. ARGV: seconds after which a silent process drops out.
_READ = """
local oldest = redis.call('TIME')[1] - tonumber(ARGV[1])
for _, gone in ipairs(redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', oldest)) do
  redis.call('HDEL', KEYS[3], gone)
end
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', oldest)
return {redis.call('HGETALL', KEYS[1]), redis.call('ZCARD', KEYS[2])}
"""
UNREACHABLE = (redis.RedisError, OSError)


def is_enabled() -> bool:
    return bool(settings.REDIS_URL)


def _field(family: str, name: str, labels: dict[str, str]) -> str:
    return json.dumps([family, name, sorted(labels.items())], separators=(",", ":"))


def own_samples(metrics: Iterable) -> dict[str, float]:
    """What this process counted (its own values, also in multiprocess mode), by sample."""
    return {
        _field(family.name, sample.name, sample.labels): sample.value
        for metric in metrics
        for family in metric.collect()
        for sample in family.samples
        if not sample.name.endswith("_created")  # a time, not a count: it does not add up
    }


class SharedTotals:
    """The totals in Redis, and this process's share of them."""

    def __init__(self, metrics: Iterable) -> None:
        self.metrics = tuple(metrics)
        self.process = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
        timeout = settings.TOWNHALL_REDIS_TIMEOUT
        self.redis = redis.Redis.from_url(
            settings.REDIS_URL,
            socket_timeout=timeout,
            socket_connect_timeout=timeout,
            retry=Retry(NoBackoff(), 1),  # as the cache: a scrape never waits long on Redis
        )
        self._add = self.redis.register_script(_ADD)
        self._read = self.redis.register_script(_READ)
        self.lock = threading.Lock()
        self.sent: dict[str, float] = {}
        self.pending: tuple[dict[str, float], dict[str, float]] | None = None
        self.batch = 0

    def flush(self) -> None:
        """Add what was counted since the last flush; raises when Redis cannot be reached,
        and then the same batch is sent again next time, with what was counted meanwhile
        following in the batch after it."""
        with self.lock:
            if self.pending is None:
                now = own_samples(self.metrics)
                delta = {k: v - self.sent.get(k, 0.0) for k, v in now.items()}
                self.pending = (now, {k: v for k, v in delta.items() if v})
            now, delta = self.pending
            pairs = [item for field, value in delta.items() for item in (field, repr(value))]
            self._add(keys=KEYS, args=[self.process, self.batch, *pairs])
            self.sent, self.pending, self.batch = now, None, self.batch + 1

    def read(self) -> tuple[list[Metric], int]:
        """Every instance's totals as metric families, and how many processes report."""
        fields, processes = self._read(
            keys=KEYS, args=[settings.TOWNHALL_METRICS_PROCESS_TTL_SECONDS]
        )
        families: dict[str, Metric] = {}
        for metric in self.metrics:
            for family in metric.collect():
                families[family.name] = Metric(family.name, family.documentation, family.type)
        for field, value in zip(fields[::2], fields[1::2], strict=True):
            family, name, labels = json.loads(field)
            if family in families:  # else a metric this release no longer has
                families[family].add_sample(name, dict(labels), float(value))
        for family in families.values():
            family.samples.sort(key=lambda sample: (sample.name, sorted(sample.labels.items())))
        return list(families.values()), int(processes)


_lock = threading.Lock()
_totals: SharedTotals | None = None
# The process and Redis the flushing thread serves: a forked copy, or another REDIS_URL (in
# tests), starts its own.
_started_for: tuple[int, str] | None = None


def totals(metrics: Iterable) -> SharedTotals:
    """This process's SharedTotals, with its flushing thread started (once per process)."""
    global _totals, _started_for
    current = (os.getpid(), settings.REDIS_URL)
    if _started_for == current and _totals is not None:
        return _totals
    with _lock:
        if _started_for != current or _totals is None:
            _totals = SharedTotals(metrics)
            threading.Thread(target=_flush_forever, args=(_totals,), daemon=True).start()
            atexit.register(_flush_quietly, _totals)
            _started_for = current
    return _totals


def _flush_quietly(shared: SharedTotals) -> bool:
    try:
        shared.flush()
    except UNREACHABLE:
        return False
    return True


def _flush_forever(shared: SharedTotals) -> None:
    failing = False
    while shared is _totals:
        time.sleep(settings.TOWNHALL_METRICS_FLUSH_SECONDS)
        flushed = _flush_quietly(shared)
        if flushed == failing:  # once when it starts failing, once when it recovers
            failing = not flushed
            if failing:
                logger.warning("Redis unreachable: request metrics wait to be added to it")
            else:
                logger.warning("Redis back: request metrics added to it again")
