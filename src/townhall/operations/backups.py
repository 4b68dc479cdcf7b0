"""Backups that can be restored: the database (pg_dump's custom format, or SQLite's online
backup), the media and private files from their storages, and a manifest of every table's row
count and each storage's file count, taken from the same snapshot as the dump, which a restore
is checked against. Files are written 0600 in a 0700 folder, and encrypted when configured
(backup_sealing). Settings are not in the backup: keep the environment file (above all
SECRET_KEY) with it, apart and safe."""

import json
import os
import shutil
import sqlite3
import subprocess
import tempfile
from contextlib import closing
from pathlib import Path

from django.db import connection, connections
from django.utils import timezone
from django.utils.translation import gettext as _

from townhall.operations import backup_files
from townhall.operations.backup_sealing import BackupError, make_folder, reading, stored, writing

DUMP = {"postgresql": "database.dump", "sqlite": "database.sqlite3"}
MANIFEST = "manifest.json"
# SQLite's online backup retries a locked database every 0.25 s, and forever: give up after 10 s.
SQLITE_TRIES = 40

__all__ = ["BackupError", "create", "is_backup", "restore"]


def counts(cursor, tables: list[str]) -> dict[str, int]:
    found = {}
    for table in tables:
        cursor.execute(f'SELECT COUNT(*) FROM "{table}"')  # noqa: S608 - the database's own names
        found[table] = cursor.fetchone()[0]
    return found


def _pg(program: str, database: dict, *args: str, **streams) -> None:
    """Run pg_dump or pg_restore with the connection in the environment, so a password
    never shows in the process list."""
    environment = {
        **os.environ,
        "PGHOST": database.get("HOST") or "",
        "PGPORT": str(database.get("PORT") or ""),
        "PGUSER": database.get("USER") or "",
        "PGPASSWORD": database.get("PASSWORD") or "",
        "PGDATABASE": database["NAME"],
    }
    executable = shutil.which(program)
    if executable is None:
        raise FileNotFoundError(
            _("%(program)s is not installed (Debian: postgresql-client)") % {"program": program}
        )
    subprocess.run([executable, *args], env=environment, check=True, **streams)  # noqa: S603


def has_tables(alias: str = "default") -> bool:
    database = connections[alias]
    if database.vendor == "sqlite" and not Path(database.settings_dict["NAME"]).exists():
        return False  # asking would create the file that the restore copies into place
    return bool(database.introspection.table_names())


def is_backup(folder: Path) -> bool:
    return stored(folder / MANIFEST) is not None


def _dump_postgresql(target: Path) -> dict[str, int]:
    """pg_dump and the row counts from one snapshot, so a site in use still gives a manifest
    that matches its dump."""
    with connection.cursor() as cursor:
        cursor.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        try:
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
            found = counts(cursor, connection.introspection.table_names(cursor))
            with writing(target / DUMP["postgresql"]) as stream:
                _pg("pg_dump", connection.settings_dict, "--format=custom", "--no-owner",
                    f"--snapshot={snapshot}", stdout=stream)  # fmt: skip
        finally:
            cursor.execute("COMMIT")
    return found


def _give_up_when_locked(database: str):
    busy = 0

    def progress(status: int, remaining: int, total: int) -> None:
        nonlocal busy
        busy = busy + 1 if status in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED) else 0
        if busy >= SQLITE_TRIES:
            raise BackupError(_("%(database)s stayed locked: try again") % {"database": database})

    return progress


def _dump_sqlite(target: Path) -> dict[str, int]:
    """SQLite's online backup, copied into the backup through `writing` (so encrypted when
    configured). The copy is made first in a private folder beside the live database: as
    exposed as the database itself, never on the backup's disk in clear."""
    name = str(connection.settings_dict["NAME"])
    beside = Path(name).parent if Path(name).is_file() else None  # None: a test's in-memory one
    connection.ensure_connection()
    with tempfile.TemporaryDirectory(dir=beside, prefix=".townhall-backup-") as stage:
        copy_path = Path(stage) / DUMP["sqlite"]
        with closing(sqlite3.connect(copy_path)) as copy:
            connection.connection.backup(copy, progress=_give_up_when_locked(name))
            cursor = copy.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name != 'sqlite_sequence'"
            )
            found = counts(copy.cursor(), sorted(row[0] for row in cursor))
        with open(copy_path, "rb") as source, writing(target / DUMP["sqlite"]) as stream:
            shutil.copyfileobj(source, stream)
    return found


def create(target: Path) -> dict:
    """Write a backup into `target` (a new folder); returns the manifest. Nothing is left of
    a backup that fails."""
    if not connection.get_autocommit():
        # SQLite's online backup would wait forever for the caller's own write transaction,
        # and pg_dump could not see what it holds: the backup takes its own snapshot.
        raise BackupError(_("A backup cannot be taken inside a database transaction."))
    make_folder(target)
    try:
        manifest = {"created_at": timezone.now().isoformat(), "database": connection.vendor}
        dump = _dump_postgresql if connection.vendor == "postgresql" else _dump_sqlite
        manifest["counts"] = dump(target)
        manifest["files"] = backup_files.pack_all(target, writing)
        with writing(target / MANIFEST) as stream:
            stream.write(json.dumps(manifest, indent=1).encode())
    except BaseException:
        shutil.rmtree(target, ignore_errors=True)
        raise
    return manifest


def _load_sqlite(source: Path, database) -> None:
    database.close()
    live = Path(database.settings_dict["NAME"])
    part = live.with_name(f".{live.name}.restoring")
    descriptor = os.open(part, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with open(descriptor, "wb") as out, reading(source / DUMP["sqlite"]) as stream:
        shutil.copyfileobj(stream, out)
    os.replace(part, live)


def restore(source: Path, alias: str = "default") -> dict[str, tuple[int, int]]:
    """Restore a backup into the (empty) database `alias` and the storages; returns what
    differs from the manifest, `{table or storage: (expected, found)}` (empty when all match)."""
    with reading(source / MANIFEST) as stream:
        manifest = json.loads(stream.read())
    database = connections[alias]
    if manifest["database"] != database.vendor:
        raise BackupError(
            # Translators: the names of databases: "a sqlite backup cannot go into postgresql"
            _("a %(backup)s backup cannot go into %(database)s")
            % {"backup": manifest["database"], "database": database.vendor}
        )
    if database.vendor == "postgresql":
        with reading(source / DUMP["postgresql"]) as stream:
            _pg("pg_restore", database.settings_dict, "--no-owner", "--exit-on-error",
                f"--dbname={database.settings_dict['NAME']}", stdin=stream)  # fmt: skip
    else:
        _load_sqlite(source, database)
    restored = {}
    for top, storage in backup_files.STORAGES.items():
        with reading(source / f"{top}.tar.gz") as stream:
            restored[top] = backup_files.unpack(stream, top, storage())
    with database.cursor() as cursor:
        present = set(database.introspection.table_names(cursor))
        found = counts(cursor, [table for table in manifest["counts"] if table in present])
    found.update(restored)
    expected = {**manifest["counts"], **manifest.get("files", {})}
    return {
        name: (count, found.get(name, -1))
        for name, count in expected.items()
        if found.get(name, -1) != count
    }
