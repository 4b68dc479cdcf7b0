import subprocess
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from townhall.operations import backups


class Command(BaseCommand):
    help = gettext_noop(
        "Back up the database, media and private files into a new folder (docs/backups.md)."
    )

    def add_arguments(self, parser) -> None:
        # Translated here, when the help is shown: argparse cannot format a lazy string.
        parser.description = _(self.help)
        parser.add_argument("folder", type=Path, help=_("A folder that does not exist yet."))

    def handle(self, *, folder: Path, **options) -> None:
        if folder.exists():
            raise CommandError(
                _("%(folder)s exists already: give a new folder for each backup.")
                % {"folder": folder}
            )
        try:
            manifest = backups.create(folder)
        except (OSError, subprocess.CalledProcessError) as error:
            raise CommandError(
                _("The backup failed, and %(folder)s is incomplete: %(error)s")
                % {"folder": folder, "error": error}
            ) from error
        rows = sum(manifest["counts"].values())
        self.stdout.write(
            # Translators: the rows and tables of the database
            _("Backed up %(rows)s rows in %(tables)s tables to %(folder)s")
            % {"rows": f"{rows:,}", "tables": len(manifest["counts"]), "folder": folder}
        )
