import subprocess
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from townhall.operations import backup_rotation, backups
from townhall.operations.backup_sealing import make_folder

KEEP = ("daily", "weekly", "monthly")


class Command(BaseCommand):
    help = gettext_noop(
        "Back up the database, media and private files into a new folder, or into a new dated "
        "folder of --in and prune the older ones by --keep-daily/weekly/monthly "
        "(docs/backups.md)."
    )

    def add_arguments(self, parser) -> None:
        # Translated here, when the help is shown: argparse cannot format a lazy string.
        parser.description = _(self.help)
        parser.add_argument(
            "folder", type=Path, nargs="?", help=_("A folder that does not exist yet.")
        )
        parser.add_argument(
            "--in",
            dest="parent",
            type=Path,
            help=_("A folder of dated backups: this one goes into a new folder named by the time"),
        )
        for period in KEEP:
            parser.add_argument(
                f"--keep-{period}",
                type=int,
                default=0,
                metavar="N",
                # Translators: period is daily, weekly or monthly
                help=_("With --in: keep the newest backup of each of the last N %(period)s")
                % {
                    "period": {"daily": _("days"), "weekly": _("weeks"), "monthly": _("months")}[
                        period
                    ]
                },
            )

    def handle(self, *, folder: Path | None, parent: Path | None, **options) -> None:
        keep = {period: options[f"keep_{period}"] for period in KEEP}
        if (folder is None) == (parent is None):
            raise CommandError(_("Give either a new folder or --in a folder of dated backups."))
        if folder is not None and any(keep.values()):
            raise CommandError(_("--keep-daily, --keep-weekly and --keep-monthly need --in."))
        if any(count < 0 for count in keep.values()):
            raise CommandError(_("--keep-daily, --keep-weekly and --keep-monthly count from 0."))
        if parent is not None:
            if not parent.exists():
                make_folder(parent)
            folder = parent / backup_rotation.dated_name(timezone.now())
        if folder.exists():
            raise CommandError(
                _("%(folder)s exists already: give a new folder for each backup.")
                % {"folder": folder}
            )
        try:
            manifest = backups.create(folder)
        except (OSError, subprocess.CalledProcessError, backups.BackupError) as error:
            raise CommandError(
                _("The backup failed, and nothing of it was kept: %(error)s") % {"error": error}
            ) from error
        rows = sum(manifest["counts"].values())
        self.stdout.write(
            # Translators: the rows and tables of the database, and the media and private files
            _("Backed up %(rows)s rows in %(tables)s tables and %(files)s files to %(folder)s")
            % {
                "rows": f"{rows:,}",
                "tables": len(manifest["counts"]),
                "files": f"{sum(manifest['files'].values()):,}",
                "folder": folder,
            }
        )
        if parent is not None and any(keep.values()):
            for pruned in backup_rotation.prune(parent, **keep):
                self.stdout.write(_("Pruned %(folder)s") % {"folder": pruned})
