"""A backup restores every table's rows and every file after the site is wrecked, encrypted
or not; it is private on disk, rotates by its schedule, and a restore refuses hostile archives
on a Python without tarfile's extraction filters (Debian 12's 3.11.2)."""

import io
import os
import shutil
import sqlite3
import subprocess
import tarfile
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from django.core.files.storage import FileSystemStorage
from django.db import connection

from tests.core.test_tasks_and_settings import townhall as run_townhall
from townhall.operations import backup_files, backup_rotation, backups
from townhall.operations.backup_sealing import BackupError

pytestmark = pytest.mark.django_db
on_sqlite = pytest.mark.skipif(connection.vendor != "sqlite", reason="the SQLite round trip")
on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="pg_dump of the test database"
)
FILES = {
    "media/documents/minutes.pdf": b"%PDF-1.4 the council's minutes",
    "media/images/ward map.png": bytes(range(256)) * 1000,
    "private/consultation-files/2026/12/answer.txt": b"a respondent's upload: Flat 3",
}


def townhall(*args: str, **env: str) -> subprocess.CompletedProcess:
    return run_townhall(*args, **{"SECRET_KEY": "x", **env})


def every_row(cursor, tables) -> dict[str, list[str]]:
    """Every row of every table, in an order that does not depend on how they were stored."""
    found = {}
    for table in tables:
        cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 - the database's own names
        found[table] = sorted(repr(row) for row in cursor.fetchall())
    return found


def every_file(data: Path) -> dict[str, bytes]:
    return {
        path.relative_to(data).as_posix(): path.read_bytes()
        for top in ("media", "private")
        for path in sorted((data / top).rglob("*"))
        if path.is_file()
    }


def put_files(data: Path) -> None:
    for name, content in FILES.items():
        (data / name).parent.mkdir(parents=True, exist_ok=True)
        (data / name).write_bytes(content)


def gpg_key(home: Path) -> str:
    """A fresh key pair in its own GNUPGHOME, as an operator would make for the backups."""
    home.mkdir(mode=0o700)
    environment = {**os.environ, "GNUPGHOME": str(home)}
    subprocess.run(
        ["gpg", "--batch", "--passphrase", "", "--quick-generate-key",  # noqa: S607
         "Backups <backups@example.org>", "future-default", "default", "never"],
        env=environment, check=True, capture_output=True,
    )  # fmt: skip
    return "backups@example.org"


def stop_agent(home: Path) -> None:
    """gpg starts an agent for each home it uses: stop the one it started for this test."""
    subprocess.run(
        ["gpgconf", "--kill", "gpg-agent"],  # noqa: S607
        env={**os.environ, "GNUPGHOME": str(home)}, check=False,
    )  # fmt: skip


@pytest.fixture
def gnupg(tmp_path):
    home = tmp_path / "gnupg"
    yield home, gpg_key(home)
    stop_agent(home)


# The live site: on SQLite, a demo borough made by the commands an operator runs; on
# PostgreSQL, the test database (its demo is committed, so pg_dump sees it).


@pytest.fixture(scope="module")
def sqlite_site(tmp_path_factory):
    data = tmp_path_factory.mktemp("live")
    live = {"TOWNHALL_DATA_DIR": str(data), "TOWNHALL_DEMO": "1"}
    assert townhall("migrate", "-v0", **live).returncode == 0
    assert townhall("load_demo", **live).returncode == 0
    put_files(data)
    return data, live


def sqlite_rows(data: Path) -> dict[str, list[str]]:
    with sqlite3.connect(data / "townhall.sqlite3") as database:
        tables = [row[0] for row in database.execute("SELECT name FROM sqlite_master WHERE "
                  "type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]  # fmt: skip
        return every_row(database.cursor(), tables)


def _postgres(name: str = "postgres"):
    """A connection of its own, outside the test's transaction (CREATE and DROP DATABASE)."""
    import psycopg

    base = connection.settings_dict
    return psycopg.connect(
        dbname=name, user=base["USER"], host=base["HOST"] or None, port=base["PORT"] or None,
        autocommit=True,
    )  # fmt: skip


def database_url(name: str) -> str:
    base = connection.settings_dict
    return f"postgres://{base['USER']}@{base['HOST'] or 'localhost'}:{base['PORT'] or 5432}/{name}"


def postgres_rows(name: str) -> dict[str, list[str]]:
    with _postgres(name=name) as database, database.cursor() as cursor:
        cursor.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
        )
        return every_row(cursor, [row[0] for row in cursor.fetchall()])


@pytest.fixture
def fresh_postgres():
    name = f"townhall_restore_{uuid.uuid4().hex[:8]}"
    with _postgres() as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    yield name
    with _postgres() as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def back_up(parent: Path, live: dict, files: int) -> Path:
    made = townhall("backup", "--in", str(parent), **live)
    assert made.returncode == 0, made.stderr
    assert "Backed up" in made.stdout and f"and {files} files" in made.stdout
    (folder,) = (path for path in parent.iterdir() if path.name.startswith("20"))
    return folder


def restored_ok(result: subprocess.CompletedProcess) -> None:
    assert result.returncode == 0, result.stderr
    assert "every table has the rows the backup had, every storage its files" in result.stdout


@on_sqlite
@pytest.mark.parametrize("sealed", [False, True], ids=["plain", "gpg"])
def test_a_wrecked_sqlite_site_comes_back_whole(sqlite_site, tmp_path, request, sealed):
    data, live = sqlite_site
    if sealed:
        home, recipient = request.getfixturevalue("gnupg")
        live = {**live, "GNUPGHOME": str(home), "BACKUP_GPG_RECIPIENT": recipient}
    rows, files = sqlite_rows(data), every_file(data)
    assert rows["petitions_signature"] and FILES.items() <= files.items()
    folder = back_up(tmp_path / "backups", live, len(files))
    if sealed:
        assert_sealed(folder)
    for wreck in ("townhall.sqlite3", "townhall.sqlite3-wal", "townhall.sqlite3-shm"):
        (data / wreck).unlink(missing_ok=True)
    shutil.rmtree(data / "media")
    shutil.rmtree(data / "private")
    restored_ok(townhall("restore", str(folder), **live))
    assert sqlite_rows(data) == rows
    assert every_file(data) == files


@on_postgresql
@pytest.mark.parametrize("sealed", [False, True], ids=["plain", "gpg"])
def test_a_postgresql_site_comes_back_whole_in_a_new_database(
    tmp_path, fresh_postgres, request, sealed
):
    data = tmp_path / "live"
    put_files(data)
    live = {
        "TOWNHALL_DATA_DIR": str(data),
        "DATABASE_URL": database_url(connection.settings_dict["NAME"]),
    }
    if sealed:
        home, recipient = request.getfixturevalue("gnupg")
        live = {**live, "GNUPGHOME": str(home), "BACKUP_GPG_RECIPIENT": recipient}
    rows = postgres_rows(connection.settings_dict["NAME"])
    assert rows["petitions_signature"]
    folder = back_up(tmp_path / "backups", live, len(FILES))
    if sealed:
        assert_sealed(folder)
    shutil.rmtree(data / "media")
    shutil.rmtree(data / "private")
    restored_ok(
        townhall("restore", str(folder), **{**live, "DATABASE_URL": database_url(fresh_postgres)})
    )
    assert postgres_rows(fresh_postgres) == rows
    assert every_file(data) == FILES


def assert_sealed(folder: Path) -> None:
    """Every file encrypted: none is in clear, not even the manifest."""
    names = sorted(path.name for path in folder.iterdir())
    assert names and all(name.endswith(".gpg") for name in names), names
    for path in folder.iterdir():
        content = path.read_bytes()
        assert b"counts" not in content and b"Flat 3" not in content


def test_a_backup_is_readable_by_its_owner_alone_whatever_the_umask(tmp_path):
    put_files(tmp_path)
    previous = os.umask(0o002)  # the widest a service user might have
    try:
        result = townhall(
            "backup", "--in", str(tmp_path / "backups"), TOWNHALL_DATA_DIR=str(tmp_path)
        )
    finally:
        os.umask(previous)
    assert result.returncode == 0, result.stderr
    (folder,) = (tmp_path / "backups").iterdir()
    assert (tmp_path / "backups").stat().st_mode & 0o777 == 0o700
    assert folder.stat().st_mode & 0o777 == 0o700
    modes = {path.name: path.stat().st_mode & 0o777 for path in folder.iterdir()}
    assert len(modes) == 4 and set(modes.values()) == {0o600}, modes


def test_a_backup_inside_a_transaction_is_refused_instead_of_waiting_forever(tmp_path):
    """SQLite's online backup retries for as long as the source has a write transaction open
    (every atomic block here: transaction_mode IMMEDIATE), so inside a test's transaction it
    never ended. The backup takes its own snapshot, and says so."""
    with pytest.raises(BackupError, match="inside a database transaction"):
        backups.create(tmp_path / "backup")
    assert not (tmp_path / "backup").exists()


def test_sqlite_backup_gives_up_on_a_database_that_stays_locked():
    progress = backups._give_up_when_locked("townhall.sqlite3")
    for _ in range(backups.SQLITE_TRIES - 1):
        progress(sqlite3.SQLITE_BUSY, 10, 10)
    progress(sqlite3.SQLITE_OK, 5, 10)  # a step that got through starts the count again
    for _ in range(backups.SQLITE_TRIES - 1):
        progress(sqlite3.SQLITE_LOCKED, 5, 10)
    with pytest.raises(BackupError, match="stayed locked"):
        progress(sqlite3.SQLITE_BUSY, 5, 10)


# Restoring files on any Python: with tarfile.data_filter (3.11.4+) and without (3.11.2).
with_and_without_data_filter = pytest.mark.parametrize(
    "data_filter", [True, False], ids=["python-3.11.4+", "debian-3.11.2"]
)


def archive(*members: tarfile.TarInfo, content: bytes = b"x") -> io.BytesIO:
    stream = io.BytesIO()
    with tarfile.open(fileobj=stream, mode="w|gz") as tar:
        for member in members:
            tar.addfile(member, io.BytesIO(content) if member.isfile() else None)
    stream.seek(0)
    return stream


def member(name: str, kind: bytes = tarfile.REGTYPE, link: str = "") -> tarfile.TarInfo:
    info = tarfile.TarInfo(name)
    info.type, info.linkname, info.size = kind, link, 1 if kind == tarfile.REGTYPE else 0
    return info


@with_and_without_data_filter
def test_files_come_back_through_the_storage(tmp_path, monkeypatch, data_filter):
    if not data_filter:
        monkeypatch.delattr(tarfile, "data_filter")
    stream = archive(member("media", tarfile.DIRTYPE), member("media/documents/a.pdf"))
    storage = FileSystemStorage(location=tmp_path / "media")
    assert backup_files.unpack(stream, "media", storage) == 1
    assert (tmp_path / "media" / "documents" / "a.pdf").read_bytes() == b"x"


@with_and_without_data_filter
@pytest.mark.parametrize(
    "hostile",
    [
        member("media/../escape"),
        member("../escape"),
        member("/etc/cron.d/absolute"),
        member("other/file"),
        member("media/link", tarfile.SYMTYPE, "/etc/passwd"),
        member("media/inside-link", tarfile.SYMTYPE, "documents/a.pdf"),
        member("media/hard", tarfile.LNKTYPE, "media/documents/a.pdf"),
        member("media/fifo", tarfile.FIFOTYPE),
    ],
    ids=lambda hostile: hostile.name,
)
def test_a_hostile_archive_is_refused_and_nothing_of_it_written(
    tmp_path, monkeypatch, data_filter, hostile
):
    if not data_filter:
        monkeypatch.delattr(tarfile, "data_filter")
    target = tmp_path / "deep" / "media"
    stream = archive(member("media/documents/a.pdf"), hostile)
    with pytest.raises(BackupError, match=f"holds '{hostile.name}'.*refused"):
        backup_files.unpack(stream, "media", FileSystemStorage(location=target))
    written = {path.relative_to(tmp_path).as_posix() for path in tmp_path.rglob("*")}
    assert written <= {"deep", "deep/media", "deep/media/documents", "deep/media/documents/a.pdf"}


def test_the_rotation_keeps_the_newest_of_each_day_week_and_month(tmp_path):
    start = datetime(2026, 1, 1, 3, 0, tzinfo=UTC)
    times = [start + timedelta(days=day, hours=hour) for day in range(400) for hour in (0, 12)]
    for when in times:
        folder = tmp_path / backup_rotation.dated_name(when)
        folder.mkdir()
        (folder / "manifest.json.gpg").write_bytes(b"sealed")
    (tmp_path / "notes").mkdir()  # not a dated backup: never touched
    (tmp_path / "2026-01-01T000000Z").mkdir()  # no manifest: not a finished backup
    pruned = backup_rotation.prune(tmp_path, daily=7, weekly=5, monthly=12)
    kept = sorted(backup_rotation.dated_backups(tmp_path).values())
    newest = times[-1]
    days = {newest - timedelta(days=back) for back in range(7)}  # the 15:00 of each day
    sundays = {when for when in times if when.hour == 15 and when.weekday() == 6}
    ends_of_month = {
        when for when in times if when.hour == 15 and (when + timedelta(days=1)).month != when.month
    }
    assert set(kept) == (
        days | set(sorted(sundays)[-4:]) | set(sorted(ends_of_month)[-11:]) | {newest}
    )
    assert len(pruned) == len(times) - len(kept)
    assert (tmp_path / "notes").exists() and (tmp_path / "2026-01-01T000000Z").exists()


def test_backup_prunes_its_folder_by_the_schedule(tmp_path):
    parent = tmp_path / "backups"
    old = parent / backup_rotation.dated_name(datetime(2020, 1, 1, tzinfo=UTC))
    old.mkdir(parents=True)
    (old / "manifest.json").write_text("{}")
    result = townhall(
        "backup", "--in", str(parent), "--keep-daily", "1", TOWNHALL_DATA_DIR=str(tmp_path)
    )
    assert result.returncode == 0, result.stderr
    assert f"Pruned {old}" in result.stdout
    assert not old.exists() and len(list(parent.iterdir())) == 1


def test_restoring_without_the_secret_key_says_so(tmp_path, gnupg):
    home, recipient = gnupg
    data = tmp_path / "data"
    sealed = {"GNUPGHOME": str(home), "BACKUP_GPG_RECIPIENT": recipient}
    folder = tmp_path / "backup"
    assert townhall("backup", str(folder), TOWNHALL_DATA_DIR=str(data), **sealed).returncode == 0
    stranger = tmp_path / "stranger"
    stranger.mkdir(mode=0o700)
    try:
        result = townhall(
            "restore", str(folder), TOWNHALL_DATA_DIR=str(tmp_path / "new"), GNUPGHOME=str(stranger)
        )
    finally:
        stop_agent(stranger)
    assert result.returncode == 1 and "gpg could not decrypt manifest.json.gpg" in result.stderr
    assert "Traceback" not in result.stderr


def test_backing_up_to_a_key_gpg_lacks_says_so_and_keeps_nothing(tmp_path, gnupg):
    home, _ = gnupg
    result = townhall(
        "backup", str(tmp_path / "backup"), TOWNHALL_DATA_DIR=str(tmp_path / "data"),
        GNUPGHOME=str(home), BACKUP_GPG_RECIPIENT="nobody@example.org",
    )  # fmt: skip
    assert result.returncode == 1 and "gpg could not encrypt to nobody@example.org" in result.stderr
    assert "Traceback" not in result.stderr and not (tmp_path / "backup").exists()


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


@pytest.mark.parametrize(
    "arguments, message",
    [
        ([], "Give either a new folder or --in"),
        (["{tmp}"], "exists already"),
        (["{tmp}/new", "--keep-daily", "7"], "need --in"),
        (["--in", "{tmp}/dated", "--keep-weekly", "-1"], "count from 0"),
    ],
)
def test_a_backup_asked_wrongly_says_how(tmp_path, arguments, message):
    arguments = [argument.format(tmp=tmp_path) for argument in arguments]
    result = townhall("backup", *arguments, TOWNHALL_DATA_DIR=str(tmp_path / "d"))
    assert result.returncode == 1 and message in result.stderr
    assert "Traceback" not in result.stderr


@pytest.fixture(scope="module")
def s3():
    from tests.s3_server import running_s3_server

    with running_s3_server() as server:
        yield server


def test_a_shared_bucket_is_backed_up_once_and_restored_into_the_bucket(s3, tmp_path, monkeypatch):
    """S3_BUCKET alone: private files under `private/` in the public bucket, read and written
    through django-storages, each file in one archive only."""
    import environ
    from django.core.files.base import ContentFile
    from django.core.files.storage import storages

    from townhall.core.object_storage import file_storages
    from townhall.operations.backup_sealing import reading, writing

    monkeypatch.setenv("S3_BUCKET", s3.public_bucket)
    for name in ("S3_ENDPOINT_URL", "S3_REGION", "S3_ACCESS_KEY_ID", "S3_SECRET_ACCESS_KEY"):
        monkeypatch.setenv(name, s3.environment[name])
    buckets = {
        top: storages.create_storage(configuration)
        for top, configuration in zip(
            ("media", "private"), file_storages(environ.Env(), Path("unused")).values(), strict=True
        )
    }
    monkeypatch.setattr(
        backup_files, "STORAGES", {top: lambda top=top: buckets[top] for top in buckets}
    )
    for name, content in FILES.items():
        top, _, inside = name.partition("/")
        buckets[top].save(inside, ContentFile(content))
    before = {key: s3.client().get_object(Bucket=s3.public_bucket, Key=key)["Body"].read()
              for key in s3.keys(s3.public_bucket)}  # fmt: skip
    assert len(before) == len(FILES)
    assert backup_files.pack_all(tmp_path, writing) == {"media": 2, "private": 1}
    for key in before:
        s3.client().delete_object(Bucket=s3.public_bucket, Key=key)
    for top, storage in buckets.items():
        with reading(tmp_path / f"{top}.tar.gz") as stream:
            backup_files.unpack(stream, top, storage)
    after = {key: s3.client().get_object(Bucket=s3.public_bucket, Key=key)["Body"].read()
             for key in s3.keys(s3.public_bucket)}  # fmt: skip
    assert after == before
