import subprocess
from pathlib import Path

from django.core.cache import cache
from django.core.management.base import BaseCommand, CommandError

from townhall.operations import backups


class Command(BaseCommand):
    help = (
        "Restore a backup into an empty database and the media folders, check every table's "
        "row count against the backup's manifest, and empty the cache (docs/backups.md)."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("folder", type=Path)

    def handle(self, *, folder: Path, **options) -> None:
        if not (folder / "manifest.json").exists():
            raise CommandError(f"{folder} is not a Townhall backup (no manifest.json).")
        if backups.has_tables():
            raise CommandError(
                "The database is not empty: restore into a new one (createdb, then point "
                "DATABASE_URL at it), so nothing of the old one is mixed in."
            )
        try:
            differ = backups.restore(folder)
        except (OSError, ValueError, subprocess.CalledProcessError) as error:
            raise CommandError(f"The restore failed: {error}") from error
        # Cached pages and counts describe the database before the restore.
        cache.clear()
        if differ:
            for table, (expected, found) in differ.items():
                self.stderr.write(f"{table}: {expected} rows in the backup, {found} restored")
            raise CommandError("The restore does not match the backup.")
        self.stdout.write("Restored; every table has the rows the backup had. Cache emptied.")
