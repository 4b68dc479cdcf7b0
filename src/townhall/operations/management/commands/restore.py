import subprocess
from pathlib import Path

from django.core.cache import cache
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from townhall.operations import backups


class Command(BaseCommand):
    help = gettext_noop(
        "Restore a backup into an empty database and the media and private storages, check every "
        "table's rows and each storage's files against the backup's manifest, and empty the "
        "cache (docs/backups.md)."
    )

    def add_arguments(self, parser) -> None:
        # Translated here, when the help is shown: argparse cannot format a lazy string.
        parser.description = _(self.help)
        parser.add_argument("folder", type=Path)

    def handle(self, *, folder: Path, **options) -> None:
        if not backups.is_backup(folder):
            raise CommandError(
                _("%(folder)s is not a Townhall backup (no manifest.json or manifest.json.gpg).")
                % {"folder": folder}
            )
        if backups.has_tables():
            raise CommandError(
                _(
                    "The database is not empty: restore into a new one (createdb, then point "
                    "DATABASE_URL at it), so nothing of the old one is mixed in."
                )
            )
        try:
            differ = backups.restore(folder)
        except (OSError, ValueError, subprocess.CalledProcessError, backups.BackupError) as error:
            raise CommandError(_("The restore failed: %(error)s") % {"error": error}) from error
        # Cached pages and counts describe the database before the restore.
        cache.clear()
        if differ:
            for name, (expected, found) in differ.items():
                self.stderr.write(
                    # Translators: name is a table, or "media" or "private" for their files
                    _("%(name)s: %(expected)s rows or files in the backup, %(found)s restored")
                    % {"name": name, "expected": expected, "found": found}
                )
            raise CommandError(_("The restore does not match the backup."))
        self.stdout.write(
            _(
                "Restored; every table has the rows the backup had, every storage its files. "
                "Cache emptied."
            )
        )
