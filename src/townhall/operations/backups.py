"""Backups that can be restored: the database (pg_dump's custom format, or SQLite's online
backup), uploaded media and private files, and a manifest of every table's row count, which
a restore is checked against. Settings are not in the backup: keep the environment file
(above all SECRET_KEY) with it, apart and safe."""

import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import connection, connections
from django.utils import timezone
from django.utils.translation import gettext as _

DUMP = {"postgresql": "database.dump", "sqlite": "database.sqlite3"}
FOLDERS = {"media": "MEDIA_ROOT", "private": "TOWNHALL_PRIVATE_MEDIA_ROOT"}


def tables() -> list[str]:
    return sorted({m._meta.db_table for m in apps.get_models() if m._meta.managed})


def counts(cursor) -> dict[str, int]:
    found = {}
    for table in tables():
        cursor.execute(f'SELECT COUNT(*) FROM "{table}"')  # noqa: S608 - our own table names
        found[table] = cursor.fetchone()[0]
    return found


def _pg(program: str, database: dict, *args: str) -> None:
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
    subprocess.run([executable, *args], env=environment, check=True)  # noqa: S603


def has_tables(alias: str = "default") -> bool:
    database = connections[alias]
    if database.vendor == "sqlite" and not Path(database.settings_dict["NAME"]).exists():
        return False  # asking would create the file that the restore copies into place
    return bool(database.introspection.table_names())


def create(target: Path) -> dict:
    """Write a backup into `target` (a new folder); returns the manifest."""
    target.mkdir(parents=True, exist_ok=False)
    vendor = connection.vendor
    with connection.cursor() as cursor:
        manifest = {"created_at": timezone.now().isoformat(), "database": vendor}
        manifest["counts"] = counts(cursor)
    if vendor == "postgresql":
        _pg("pg_dump", connection.settings_dict, "--format=custom", "--no-owner",
            f"--file={target / DUMP[vendor]}")  # fmt: skip
    else:
        connection.ensure_connection()
        with sqlite3.connect(target / DUMP["sqlite"]) as copy:
            connection.connection.backup(copy)
    for name, setting in FOLDERS.items():
        with tarfile.open(target / f"{name}.tar.gz", "w:gz") as archive:
            folder = Path(getattr(settings, setting))
            if folder.is_dir():
                archive.add(folder, arcname=name)
    (target / "manifest.json").write_text(json.dumps(manifest, indent=1))
    return manifest


def restore(source: Path, alias: str = "default") -> dict[str, tuple[int, int]]:
    """Restore a backup into the (empty) database `alias` and the media folders; returns
    the tables whose row counts differ from the manifest (empty when all match)."""
    manifest = json.loads((source / "manifest.json").read_text())
    database = connections[alias]
    if manifest["database"] != database.vendor:
        raise ValueError(
            # Translators: the names of databases: "a sqlite backup cannot go into postgresql"
            _("a %(backup)s backup cannot go into %(database)s")
            % {"backup": manifest["database"], "database": database.vendor}
        )
    if database.vendor == "postgresql":
        name = database.settings_dict["NAME"]
        _pg("pg_restore", database.settings_dict, "--no-owner", "--exit-on-error",
            f"--dbname={name}", str(source / DUMP["postgresql"]))  # fmt: skip
    else:
        database.close()
        shutil.copyfile(source / DUMP["sqlite"], database.settings_dict["NAME"])
    for name, setting in FOLDERS.items():
        folder = Path(getattr(settings, setting))
        folder.mkdir(parents=True, exist_ok=True)
        with tarfile.open(source / f"{name}.tar.gz") as archive:
            for member in archive.getmembers():
                member.name = member.name.removeprefix(name).lstrip("/") or "."
            archive.extractall(folder, filter="data")
    with database.cursor() as cursor:
        found = counts(cursor)
    return {
        table: (expected, found.get(table, -1))
        for table, expected in manifest["counts"].items()
        if found.get(table, -1) != expected
    }
