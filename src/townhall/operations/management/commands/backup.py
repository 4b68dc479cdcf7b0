from pathlib import Path

from django.core.management.base import BaseCommand

from townhall.operations import backups


class Command(BaseCommand):
    help = "Back up the database, media and private files into a new folder (docs/backups.md)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("folder", type=Path, help="A folder that does not exist yet.")

    def handle(self, *, folder: Path, **options) -> None:
        manifest = backups.create(folder)
        rows = sum(manifest["counts"].values())
        self.stdout.write(
            f"Backed up {rows:,} rows in {len(manifest['counts'])} tables to {folder}"
        )
