import subprocess
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from townhall.operations import backups


class Command(BaseCommand):
    help = "Back up the database, media and private files into a new folder (docs/backups.md)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("folder", type=Path, help="A folder that does not exist yet.")

    def handle(self, *, folder: Path, **options) -> None:
        if folder.exists():
            raise CommandError(f"{folder} exists already: give a new folder for each backup.")
        try:
            manifest = backups.create(folder)
        except (OSError, subprocess.CalledProcessError) as error:
            raise CommandError(f"The backup failed, and {folder} is incomplete: {error}") from error
        rows = sum(manifest["counts"].values())
        self.stdout.write(
            f"Backed up {rows:,} rows in {len(manifest['counts'])} tables to {folder}"
        )
