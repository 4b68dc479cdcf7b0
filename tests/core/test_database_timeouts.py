"""DATABASE_CONNECT_TIMEOUT and DATABASE_STATEMENT_TIMEOUT reach the database connection: a
database that does not answer fails a request instead of holding it, and SQLite ignores them."""

import os
import socket

import pytest
from django.db import connection

from tests.core.test_tasks_and_settings import townhall

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the statement timeout is PostgreSQL's"
)
QUERY = "from django.db import connection; c = connection.cursor(); c.execute({!r}); print(c.fetchone())"  # noqa: E501


@on_postgresql
@pytest.mark.django_db
def test_the_default_statement_timeout_is_set_on_every_connection():
    with connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        assert cursor.fetchone() == ("30s",)


@on_postgresql
def test_a_statement_over_the_configured_timeout_is_cancelled(tmp_path):
    result = townhall(
        "shell",
        "-c",
        QUERY.format("SHOW statement_timeout") + "; " + QUERY.format("SELECT pg_sleep(5)"),
        SECRET_KEY="x",
        TOWNHALL_DATA_DIR=str(tmp_path),
        # The server's own maintenance database: the tests' database may not exist yet.
        DATABASE_URL=os.environ["DATABASE_URL"].rsplit("/", 1)[0] + "/postgres",
        DATABASE_STATEMENT_TIMEOUT="1.5",
    )
    assert "('1500ms',)" in result.stdout, result.stderr
    assert "canceling statement due to statement timeout" in result.stderr
    assert result.returncode != 0


def test_a_database_that_never_answers_fails_after_the_connect_timeout(tmp_path):
    # A listening socket nobody reads: the connection is made, the server never answers.
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        port = silent.getsockname()[1]
        result = townhall(
            "shell",
            "-c",
            QUERY.format("SELECT 1"),
            SECRET_KEY="x",
            TOWNHALL_DATA_DIR=str(tmp_path),
            DATABASE_URL=f"postgres://nobody@127.0.0.1:{port}/nothing",
            DATABASE_CONNECT_TIMEOUT="2",
        )
    assert result.returncode != 0
    assert "timeout expired" in result.stderr, result.stderr


def test_sqlite_works_with_the_timeouts_set(tmp_path):
    result = townhall(
        "shell",
        "-c",
        QUERY.format("SELECT 1"),
        SECRET_KEY="x",
        TOWNHALL_DATA_DIR=str(tmp_path),
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        DATABASE_CONNECT_TIMEOUT="2",
        DATABASE_STATEMENT_TIMEOUT="1",
    )
    assert result.stdout.splitlines()[-1:] == ["(1,)"], result.stderr
