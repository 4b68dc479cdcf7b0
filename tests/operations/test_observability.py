"""Health, readiness, metrics, logs and Townhall's deploy checks."""

import json
import logging

import pytest
from django.core import checks
from django.db import DatabaseError
from django.test import Client, override_settings

from townhall.news.models import NewsPostPage
from townhall.operations import checks as deploy_checks
from townhall.operations import health, metrics
from townhall.operations.logs import PLAIN_FORMAT, RequestIdFilter, logging_config

pytestmark = pytest.mark.django_db


def test_healthz_answers_with_any_host_and_is_never_cached(client):
    response = client.get("/healthz", HTTP_HOST="10.0.0.7:8000")  # not in ALLOWED_HOSTS
    assert response.status_code == 200 and response.content == b"ok\n"
    assert response["Cache-Control"] == "no-store"


def test_readyz_reports_database_cache_and_queue_without_secrets(client, settings):
    response = client.get("/readyz")
    body = response.json()
    assert response.status_code == 200 and body["ready"] is True
    assert body["database"]["status"] == "ok" and body["cache"]["status"] == "ok"
    assert {"emails_waiting", "emails_failed", "oldest_waiting_seconds", "workers_alive"} <= set(
        body["queue"]
    )
    text = response.content.decode()
    assert settings.SECRET_KEY not in text and "sqlite" not in text.lower()


def test_readyz_is_503_when_the_database_is_away(client, monkeypatch):
    def down():
        raise DatabaseError("server closed the connection")

    monkeypatch.setattr(health, "_database", down)
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["database"] == {"status": "unavailable"}
    assert "server closed" not in response.content.decode()


def test_metrics_are_not_public_unless_a_token_is_set(client, settings):
    settings.TOWNHALL_METRICS_TOKEN = ""
    assert client.get("/metrics").status_code == 404
    settings.TOWNHALL_METRICS_TOKEN = "s3cret-token"
    assert client.get("/metrics").status_code == 403
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer wrong").status_code == 403


def test_metrics_count_requests_and_read_the_queues(client, settings):
    settings.TOWNHALL_METRICS_TOKEN = "s3cret-token"
    client.get("/petitions/")
    response = client.get("/metrics", HTTP_AUTHORIZATION="Bearer s3cret-token")
    text = response.content.decode()
    assert response.status_code == 200
    assert 'townhall_http_requests_total{method="GET",status="200",view="petitions"}' in text
    assert "townhall_http_request_duration_seconds_bucket" in text
    for name in (
        "townhall_emails{",
        "townhall_oldest_waiting_email_seconds",
        "townhall_workers_alive",
        "townhall_signatures_confirmed",
    ):
        assert name in text


def _requests(view: str) -> float:
    return metrics.REQUESTS.labels(view, "GET", "200")._value.get()


@pytest.mark.parametrize("kind", ["a view", "a wagtail page"])
def test_a_page_cache_hit_is_counted_and_logged_as_its_view(kind, alliance, caplog, settings):
    """A hit is answered before the address is resolved: it still names the view and route."""
    settings.TOWNHALL_PAGE_CACHE_SECONDS = 300
    if kind == "a view":
        url, view, route = "/petitions/", "petitions", "GET /petitions/ 200"
    else:
        url = NewsPostPage.objects.descendant_of(alliance.home_page).first().url
        view, route = "wagtail_serve", f"GET {url} 200"
    assert Client().get(url)["X-Townhall-Cache"] == "miss"
    counted, unresolved = _requests(view), _requests("unresolved")
    with caplog.at_level(logging.INFO, logger="townhall.access"):
        assert Client().get(url)["X-Townhall-Cache"] == "hit"
    assert (_requests(view), _requests("unresolved")) == (counted + 1, unresolved)
    line = caplog.records[-1].getMessage()
    assert line.startswith(route) and line.endswith("cache=hit")


def test_every_response_carries_a_request_id_and_a_safe_one_is_kept(client):
    assert len(client.get("/petitions/")["X-Request-ID"]) == 32
    assert client.get("/petitions/", HTTP_X_REQUEST_ID="nginx-abc123")["X-Request-ID"] == (
        "nginx-abc123"
    )
    forged = client.get("/petitions/", HTTP_X_REQUEST_ID="<script>")["X-Request-ID"]
    assert forged != "<script>" and len(forged) == 32


def test_the_access_log_names_the_route_not_the_personal_path(client, caplog):
    with caplog.at_level(logging.INFO, logger="townhall.access"):
        client.get("/petitions/signatures/secret-token-123/")
    line = caplog.records[-1].getMessage()
    assert "secret-token-123" not in line and line.startswith("GET /petitions/signatures/<")


def test_log_lines_have_time_level_logger_and_request_id(capsys):
    record = logging.LogRecord("townhall.x", logging.WARNING, __file__, 1, "hello", None, None)
    RequestIdFilter().filter(record)
    line = logging.Formatter(PLAIN_FORMAT).format(record)
    assert " WARNING townhall.x [-] hello" in line and line[:4].isdigit()
    config = logging_config("INFO", "json")
    formatter = logging.config.dictConfigClass(config).configure_custom(
        dict(config["formatters"]["townhall"])
    )
    parsed = json.loads(formatter.format(record))
    assert {parsed["level"], parsed["logger"], parsed["message"]} == {
        "WARNING",
        "townhall.x",
        "hello",
    }
    assert "time" in parsed and parsed["request_id"] == "-"


def _ids(found) -> set[str]:
    return {message.id for message in found}


@override_settings(
    DEMO=True, TOWNHALL_SHOW_OUTBOX=True, EMAIL_BACKEND="townhall.core.mail.OutboxBackend"
)
def test_the_deploy_check_refuses_demo_outbox_and_no_email():
    assert _ids(deploy_checks.check_demo_and_outbox(None)) == {
        "townhall.E001",
        "townhall.E002",
        "townhall.E003",
    }


@override_settings(
    DEMO=False,
    TOWNHALL_SHOW_OUTBOX=False,
    EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
)
def test_the_deploy_check_passes_a_real_configuration():
    assert deploy_checks.check_demo_and_outbox(None) == []


def test_the_deploy_check_finds_the_demo_accounts():
    found = deploy_checks.check_database(None)
    assert _ids(found) == {"townhall.E011"} and "council-officer" in found[0].msg


def test_the_deploy_check_finds_missing_private_storage(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.TOWNHALL_PRIVATE_MEDIA_ROOT = tmp_path / "missing"
    assert _ids(deploy_checks.check_storage(None)) == {"townhall.E030"}


def test_the_deploy_check_finds_an_unreachable_redis(settings):
    down = {
        "default": {
            "BACKEND": "townhall.core.cache.ResilientRedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",
            "OPTIONS": {"socket_connect_timeout": 0.2},
        }
    }
    with override_settings(CACHES=down):
        assert _ids(deploy_checks.check_cache(None)) == {"townhall.E020"}


def test_the_checks_are_registered_for_deploy_only():
    assert deploy_checks.check_database in checks.registry.registry.get_checks(
        include_deployment_checks=True
    )
    assert deploy_checks.check_database not in checks.registry.registry.get_checks()
