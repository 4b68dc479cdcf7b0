"""A backup restores into a fresh database with every table's rows, and its files."""

import json
import subprocess
import uuid

import pytest
from django.db import connection

from tests.core.test_tasks_and_settings import townhall as run_townhall
from townhall.operations import backups

pytestmark = pytest.mark.django_db
on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="pg_dump of the test database"
)


def townhall(*args: str, **env: str) -> subprocess.CompletedProcess:
    return run_townhall(*args, **{"SECRET_KEY": "x", **env})


def _admin(statement: str) -> None:
    """CREATE and DROP DATABASE need their own connection, outside the test's transaction."""
    import psycopg

    base = connection.settings_dict
    with psycopg.connect(
        dbname="postgres", user=base["USER"], host=base["HOST"] or None, port=base["PORT"] or None,
        autocommit=True,
    ) as admin:  # fmt: skip
        admin.execute(statement)


@pytest.fixture
def backup(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.TOWNHALL_PRIVATE_MEDIA_ROOT = tmp_path / "private"
    (tmp_path / "media" / "documents").mkdir(parents=True)
    (tmp_path / "media" / "documents" / "minutes.pdf").write_bytes(b"%PDF-1.4 minutes")
    (tmp_path / "private").mkdir()
    (tmp_path / "private" / "answer.txt").write_text("a respondent's upload")
    folder = tmp_path / "backup"
    manifest = backups.create(folder)
    return folder, manifest


@on_postgresql
def test_the_manifest_counts_every_table(backup):
    folder, manifest = backup
    with connection.cursor() as cursor:
        assert manifest["counts"] == backups.counts(cursor)
    assert manifest["counts"]["petitions_signature"] > 0
    assert json.loads((folder / "manifest.json").read_text()) == manifest


@on_postgresql
def test_a_backup_restores_into_a_fresh_database_with_the_same_counts(backup, tmp_path):
    folder, _ = backup
    restored = tmp_path / "restored"
    environment = {"TOWNHALL_DATA_DIR": str(restored)}
    if connection.vendor == "postgresql":
        name = f"townhall_restore_{uuid.uuid4().hex[:8]}"
        _admin(f'CREATE DATABASE "{name}"')
        base = connection.settings_dict
        environment["DATABASE_URL"] = (
            f"postgres://{base['USER']}@{base['HOST'] or 'localhost'}:{base['PORT'] or 5432}/{name}"
        )
    try:
        result = townhall("restore", str(folder), **environment)
        assert result.returncode == 0, result.stderr
        assert "every table has the rows the backup had" in result.stdout
        assert (
            restored / "media" / "documents" / "minutes.pdf"
        ).read_bytes() == b"%PDF-1.4 minutes"
        assert (restored / "private" / "answer.txt").read_text() == "a respondent's upload"
    finally:
        if connection.vendor == "postgresql":
            _admin(f'DROP DATABASE IF EXISTS "{name}"')


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the SQLite round trip")
def test_a_sqlite_demo_backs_up_and_restores_with_its_files(tmp_path):
    """What an operator runs: the demo's database and uploads, backed up and restored."""
    source, restored = tmp_path / "live", tmp_path / "restored"
    live = {"TOWNHALL_DATA_DIR": str(source), "TOWNHALL_DEMO": "1"}
    assert townhall("migrate", "-v0", **live).returncode == 0
    assert townhall("load_demo", **live).returncode == 0
    (source / "private").mkdir(exist_ok=True)
    (source / "private" / "answer.txt").write_text("a respondent's upload")
    made = townhall("backup", str(tmp_path / "backup"), **live)
    assert made.returncode == 0 and "Backed up" in made.stdout, made.stderr
    result = townhall("restore", str(tmp_path / "backup"), TOWNHALL_DATA_DIR=str(restored))
    assert result.returncode == 0, result.stderr
    assert "every table has the rows the backup had" in result.stdout
    assert (restored / "private" / "answer.txt").read_text() == "a respondent's upload"
    manifest = json.loads((tmp_path / "backup" / "manifest.json").read_text())
    assert manifest["counts"]["petitions_signature"] > 0


def test_restoring_something_that_is_not_a_backup_says_so(tmp_path):
    result = townhall("restore", str(tmp_path), TOWNHALL_DATA_DIR=str(tmp_path / "d"))
    assert result.returncode == 1 and "not a Townhall backup" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_restore_over_a_database_in_use_is_refused(tmp_path):
    data = tmp_path / "live"
    assert townhall("migrate", "-v0", TOWNHALL_DATA_DIR=str(data)).returncode == 0
    (tmp_path / "backup").mkdir()
    (tmp_path / "backup" / "manifest.json").write_text('{"database": "sqlite", "counts": {}}')
    result = townhall("restore", str(tmp_path / "backup"), TOWNHALL_DATA_DIR=str(data))
    assert result.returncode == 1 and "The database is not empty" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_backup_into_an_existing_folder_is_refused(tmp_path):
    result = townhall("backup", str(tmp_path), TOWNHALL_DATA_DIR=str(tmp_path / "d"))
    assert result.returncode == 1 and "exists already" in result.stderr
