"""Redis is optional at run time: reads miss, counters count per process, nothing stale
outlives the outage, and one warning says so (core.cache)."""

import logging
import re
import socket

import pytest
from django.core import mail
from django.core.cache import caches
from django.test import override_settings
from redis.backoff import NoBackoff
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.retry import Retry

from tests.core.test_tasks_and_settings import _free_port
from townhall.core import cache as shared_cache
from townhall.core import pagecache
from townhall.petitions import counts
from townhall.petitions.models import Petition


def cache_at(location: str) -> dict:
    return {
        "default": {
            "BACKEND": "townhall.core.cache.ResilientRedisCache",
            "LOCATION": location,
            "KEY_PREFIX": "townhall-test",
            "OPTIONS": {
                "socket_connect_timeout": 0.2,
                "socket_timeout": 0.2,
                "retry": Retry(NoBackoff(), 1),
            },
        }
    }


DOWN = cache_at(f"redis://127.0.0.1:{_free_port()}/0")


def _redis_is_up() -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", 6379)) == 0


@pytest.fixture(autouse=True)
def _fresh_outages(monkeypatch):
    """Each test starts with Redis never seen failing and no counts kept in the process."""
    from django.core.cache.backends import locmem

    monkeypatch.setattr(shared_cache, "_outages", {})
    for name in [n for n in locmem._caches if n.startswith("townhall-redis-fallback")]:
        locmem.LocMemCache(name, {}).clear()


@pytest.fixture
def ward(db):
    from townhall.core.models import Ward

    return Ward.objects.order_by("code").first()


@pytest.fixture
def down_cache():
    with override_settings(CACHES=DOWN):
        yield caches["default"]


def test_with_redis_unreachable_reads_miss_and_writes_do_not_fail(down_cache, caplog):
    with caplog.at_level(logging.WARNING, logger="townhall.core.cache"):
        assert down_cache.set("a", 1) is None
        assert down_cache.get("a", "missed") == "missed"
        assert down_cache.get_many(["a", "b"]) == {}
        down_cache.delete("a")
        for _ in range(50):
            down_cache.get("a")
    assert [r.getMessage()[:17] for r in caplog.records] == ["Redis unreachable"]


def test_counters_count_in_the_process_while_redis_is_away(down_cache):
    assert down_cache.add("hits", 1, timeout=60) is True
    assert down_cache.add("hits", 1, timeout=60) is False
    assert [down_cache.incr("hits") for _ in range(3)] == [2, 3, 4]


@pytest.mark.django_db
def test_pages_and_signing_work_without_redis(
    client, ward, down_cache, settings, django_capture_on_commit_callbacks
):
    settings.TOWNHALL_PAGE_CACHE_SECONDS = 300
    petition = Petition.objects.get(action__startswith="Stop using glyphosate")
    before = counts.exact(petition.pk)
    page = client.get(f"/petitions/{petition.pk}/")
    assert page.status_code == 200 and page["X-Townhall-Cache"] == "miss"
    assert client.get(f"/petitions/{petition.pk}/")["X-Townhall-Cache"] == "miss"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/petitions/{petition.pk}/sign/",
            {
                "name": "No Redis",
                "email": "noredis@example.org",
                "postcode": "en5 4bw",
                "ward": ward.pk,
            },
        )
    confirm = re.search(r"http://\S+(/petitions/signatures/\S+/)", mail.outbox[-1].body).group(1)
    assert client.post(confirm).status_code == 200
    assert counts.shown(petition.pk) == before + 1  # straight from the database
    assert client.get("/").status_code == 200


@pytest.mark.django_db
def test_rate_limits_still_hold_per_process_without_redis(client, ward, down_cache, settings):
    settings.TOWNHALL_RATE_LIMITS = {**settings.TOWNHALL_RATE_LIMITS, "sign_burst": "2/60"}
    petition = Petition.objects.get(action__startswith="Stop using glyphosate")
    statuses = [
        client.post(
            f"/petitions/{petition.pk}/sign/",
            {
                "name": f"P {n}",
                "email": f"rl{n}@example.org",
                "postcode": "en5 4bw",
                "ward": ward.pk,
            },
        ).status_code
        for n in range(3)
    ]
    assert statuses[-1] == 429 and 429 not in statuses[:2]


@pytest.mark.skipif(not _redis_is_up(), reason="needs the local Redis")
def test_when_redis_returns_lost_invalidations_are_replayed(monkeypatch, caplog):
    with override_settings(CACHES=cache_at("redis://127.0.0.1:6379/15")):
        cache = caches["default"]
        cache.set("likes:7", 10)
        pagecache.invalidate("page:7")
        site_version = pagecache._versions([pagecache.SITE_TAG])[pagecache.SITE_TAG]
        real_client = cache._cache.get_client

        def refuse(*args, **kwargs):
            raise RedisConnectionError("Connection refused")

        monkeypatch.setattr(cache._cache, "get_client", refuse)
        with caplog.at_level(logging.WARNING, logger="townhall.core.cache"):
            cache.delete("likes:7")  # lost: Redis is away
            pagecache.invalidate("page:7")
            monkeypatch.setattr(cache._cache, "get_client", real_client)
            monkeypatch.setattr(shared_cache, "RETRY_SECONDS", 0)
            cache._outage.retry_at = 0
            assert cache.get("anything") is None  # Redis answers again: replay
        assert cache.get("likes:7") is None
        assert pagecache._versions([pagecache.SITE_TAG])[pagecache.SITE_TAG] == site_version + 1
        messages = [r.getMessage() for r in caplog.records]
        assert messages[0].startswith("Redis unreachable") and messages[-1].startswith("Redis back")
        cache.clear()
