"""`townhall import_supporters EXPORT.csv --organisation SLUG`: a group's supporters from a
NationBuilder people export or an Action Network activist export, as the admin's import
does (people.supporter_import). `--dry-run` prints the preview and stores nothing. A file
that cannot be imported is one line naming the file and the row, exit code 1, nothing
stored."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from townhall.core.models import Organisation
from townhall.people import supporter_import
from townhall.people.supporter_csv import MAX_BYTES
from townhall.people.supporter_formats import FORMATS


class Command(BaseCommand):
    help = gettext_noop(
        "Import a group's supporters from a NationBuilder or Action Network export (CSV)."
    )

    def add_arguments(self, parser) -> None:
        # Translated here, when the help is shown: argparse cannot format a lazy string.
        parser.description = _(self.help)
        parser.add_argument("export", type=Path)
        parser.add_argument("--organisation", required=True, help=_("the group's slug"))
        parser.add_argument(
            "--format",
            choices=sorted(FORMATS),
            default="",
            help=_("else recognised from row 1"),
        )
        parser.add_argument("--dry-run", action="store_true", help=_("preview; store nothing"))

    def handle(self, *args, export: Path, organisation: str, dry_run: bool, **options) -> None:
        group = Organisation.objects.filter(slug=organisation).first()
        if group is None:
            raise CommandError(_("No organisation has the slug %(slug)s.") % {"slug": organisation})
        data = _read(export)
        if dry_run:
            summary = supporter_import.preview(group, data, options["format"])
        else:
            summary = supporter_import.import_people(group, data, options["format"])
        if not summary.ok:
            raise CommandError(f"{export}: {summary.error} " + _("Nothing was stored."))
        for shown in summary.shown["refuse"]:
            self.stdout.write(
                _("row %(row)s refused: %(why)s") % {"row": shown.number, "why": shown.what}
            )
        counts = summary.counts
        report = (
            _(
                "Would import %(rows)s rows of a %(kind)s export into %(group)s: %(created)s "
                "new, %(merged)s merged, %(unchanged)s unchanged, %(refused)s refused, "
                "%(consents)s with consent to emails."
            )
            if dry_run
            else _(
                "Imported %(rows)s rows of a %(kind)s export into %(group)s: %(created)s new, "
                "%(merged)s merged, %(unchanged)s unchanged, %(refused)s refused, "
                "%(consents)s with consent to emails."
            )
        )
        self.stdout.write(
            report
            % {
                "rows": summary.rows,
                "kind": summary.shape.label,
                "group": group.name,
                "created": counts["create"],
                "merged": counts["merge"],
                "unchanged": counts["unchanged"],
                "refused": counts["refuse"],
                "consents": summary.consents,
            }
        )


def _read(export: Path) -> bytes:
    try:
        if export.stat().st_size > MAX_BYTES:
            raise CommandError(
                _("%(file)s: larger than %(limit)s MB: export the people in parts.")
                % {"file": export, "limit": MAX_BYTES // 1024 // 1024}
            )
        return export.read_bytes()
    except OSError as error:
        raise CommandError(f"{export}: {error.strerror}.") from error
