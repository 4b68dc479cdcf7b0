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
        differ = backups.restore(folder)
        # Cached pages and counts describe the database before the restore.
        cache.clear()
        if differ:
            for table, (expected, found) in differ.items():
                self.stderr.write(f"{table}: {expected} rows in the backup, {found} restored")
            raise CommandError("The restore does not match the backup.")
        self.stdout.write("Restored; every table has the rows the backup had. Cache emptied.")
