"""The default task path (database queue and worker), and settings read from the environment."""

import os
import signal
import socket
import subprocess
import sys
import time

import pytest
from django.core.management import call_command
from django.test import override_settings

from townhall.core.mail import send_email_after_commit
from townhall.core.models import Email, OutboxMessage

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.mark.django_db
@override_settings(TASKS=DB_TASKS, EMAIL_BACKEND="townhall.core.mail.OutboxBackend")
def test_email_waits_in_the_queue_until_the_worker_sends_it_to_the_outbox(
    django_capture_on_commit_callbacks, monkeypatch
):
    # The worker closes connections between tasks, as a long-running process should; inside
    # this test's transaction that would close the test's own connection.
    monkeypatch.setattr(
        "django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None
    )
    with django_capture_on_commit_callbacks(execute=True):
        send_email_after_commit("a@example.org", "Hello", "Body", {"X-Test": "1"})
    assert not OutboxMessage.objects.exists()
    call_command("db_worker", "--batch", "--no-startup-delay")
    message = OutboxMessage.objects.get()
    email = Email.objects.get(to="a@example.org", subject="Hello")
    assert (message.to, message.subject, message.headers) == (
        "a@example.org",
        "Hello",
        {"X-Test": "1", "Message-ID": email.message_id},
    )
    assert (email.status, email.attempts) == (Email.Status.SENT, 1)


# A command run by a test gets its own SQLite database in its data folder, never the
# database or Redis the test run was pointed at.
NOT_PASSED_ON = {"DJANGO_SETTINGS_MODULE", "DATABASE_URL", "REDIS_URL"}


def townhall(*args: str, **env: str) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if k not in NOT_PASSED_ON}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "-m", "townhall.cli", *args],
        env=environment,
        capture_output=True,
        text=True,
        timeout=600,  # migrating from nothing takes minutes on a busy 2-core machine
        check=False,
    )


def test_production_settings_pass_the_deploy_check(tmp_path):
    production = dict(
        SECRET_KEY="a-long-random-production-secret-key-0123456789-abcdefghijklmnop",
        HTTPS="on",
        DEBUG="off",
        ALLOWED_HOSTS="townhall.example.org",
        TOWNHALL_DATA_DIR=str(tmp_path),
        EMAIL_URL="smtp+tls://townhall:pw@smtp.example.org:587",
        TOWNHALL_DEMO="",
    )
    before = townhall("check", "--deploy", **production)
    assert "townhall.E010" in before.stderr  # not migrated yet: says so, with what to do
    assert townhall("migrate", "-v0", **production).returncode == 0
    for folder in ("media", "private"):
        (tmp_path / folder).mkdir(exist_ok=True)
    result = townhall("check", "--deploy", "--fail-level", "WARNING", **production)
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_secret_key_is_required_when_debug_is_off(tmp_path):
    result = townhall(
        "check", SECRET_KEY="", DEBUG="off", TOWNHALL_DEMO="", TOWNHALL_DATA_DIR=str(tmp_path)
    )
    assert result.returncode != 0
    assert "Set SECRET_KEY" in result.stderr


def test_the_townhall_command_lists_its_own_commands_and_djangos(tmp_path):
    result = townhall("--help", SECRET_KEY="x", TOWNHALL_DATA_DIR=str(tmp_path))
    assert "townhall --version | demo | serve | worker" in result.stdout
    assert "migrate" in result.stdout and "load_demo" in result.stdout and "emails" in result.stdout


def test_commands_can_be_written_with_hyphens(tmp_path):
    result = townhall("import-wordpress", "--help", SECRET_KEY="x", TOWNHALL_DATA_DIR=str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert "Import a WordPress export" in result.stdout


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.parametrize("server", ["granian", "gunicorn"])
def test_stopping_townhall_serve_stops_its_web_server(tmp_path, server):
    """SIGTERM to `townhall serve` (as systemd sends) must not leave the web server serving."""
    port = _free_port()
    environment = {k: v for k, v in os.environ.items() if k not in NOT_PASSED_ON}
    environment.update(
        SECRET_KEY="x", TOWNHALL_DATA_DIR=str(tmp_path), WEB_CONCURRENCY="1", SERVER=server
    )
    server = subprocess.Popen(
        [sys.executable, "-m", "townhall.cli", "serve", "--bind", f"127.0.0.1:{port}"],
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 30
        while socket.socket().connect_ex(("127.0.0.1", port)) != 0:
            assert time.monotonic() < deadline and server.poll() is None, "serve did not start"
            time.sleep(0.2)
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=20)
        deadline = time.monotonic() + 10
        while socket.socket().connect_ex(("127.0.0.1", port)) == 0:
            assert time.monotonic() < deadline, f"{server} still listens after serve stopped"
            time.sleep(0.2)
    finally:
        server.kill()


@pytest.mark.django_db
@override_settings(TASKS=DB_TASKS)
def test_with_the_database_queue_an_email_commits_or_rolls_back_with_its_transaction():
    from django.db import transaction
    from django_tasks_db.models import DBTaskResult

    with pytest.raises(RuntimeError), transaction.atomic():
        send_email_after_commit("a@example.org", "Never", "Rolled back")
        raise RuntimeError
    assert not DBTaskResult.objects.exists()
    with transaction.atomic():
        send_email_after_commit("a@example.org", "Sent", "Committed")
        assert DBTaskResult.objects.count() == 1  # in the same transaction, not after it
