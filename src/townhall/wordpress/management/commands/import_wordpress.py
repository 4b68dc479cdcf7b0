from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from townhall.core.models import Organisation
from townhall.wordpress.importer import ImportReport, import_export
from townhall.wordpress.wxr import MAX_BYTES, WxrError, read_export

BAR_WIDTH = 30


class Command(BaseCommand):
    @property
    def help(self) -> str:  # translated when shown: argparse cannot format a lazy string
        return _(
            "Import a WordPress export (Tools > Export > All content) into an organisation's "
            "section: published posts, pages and approved comments, with redirects from the "
            "old addresses, and images from a copy of the site's uploads. Safe to run again: "
            "nothing is imported twice."
        )

    def add_arguments(self, parser) -> None:
        parser.add_argument("export", help=_("the WXR file WordPress exported"))
        parser.add_argument("--organisation", required=True, help=_("the organisation's slug"))
        parser.add_argument(
            "--media-dir",
            type=Path,
            help=_("a copy of the old site's wp-content/uploads folder, to bring images from"),
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help=_("read the export and print the report, storing nothing"),
        )
        parser.add_argument(
            "--max-megabytes",
            type=float,
            default=MAX_BYTES / 1024 / 1024,
            help=_("refuse an export larger than this (default %(default)s)"),
        )

    def progress(self, done: int, total: int) -> None:
        filled = BAR_WIDTH * done // max(total, 1)
        bar = "#" * filled + "-" * (BAR_WIDTH - filled)
        counted = _("%(done)s/%(total)s items") % {"done": done, "total": total}
        self.stderr.write(f"\r[{bar}] {counted}", ending="")
        if done == total:
            self.stderr.write("")
        self.stderr.flush()

    def handle(
        self,
        *args,
        export: str,
        organisation: str,
        media_dir: Path | None,
        dry_run: bool,
        max_megabytes: float,
        **options,
    ) -> None:
        found = Organisation.objects.filter(slug=organisation).first()
        if found is None:
            slugs = ", ".join(Organisation.objects.values_list("slug", flat=True))
            raise CommandError(
                _("No organisation %(slug)r. Known: %(slugs)s")
                % {"slug": organisation, "slugs": slugs}
            )
        if media_dir is not None and not media_dir.is_dir():
            raise CommandError(_("--media-dir %(dir)s is not a folder") % {"dir": media_dir})
        nothing = _("Nothing was imported.")
        try:
            with open(export, "rb") as file:
                parsed = read_export(file, max_bytes=int(max_megabytes * 1024 * 1024))
        except OSError as error:
            raise CommandError(
                _("Cannot read %(file)s: %(why)s") % {"file": export, "why": error.strerror}
            ) from error
        except WxrError as error:
            raise CommandError(f"{export}: {error}. {nothing}") from error
        self.stdout.write(
            _("Importing %(count)s items from %(site)s into %(organisation)s")
            % {
                "count": len(parsed.items),
                "site": parsed.title or export,
                "organisation": found.name,
            }
        )
        report = import_export(
            parsed, found, progress=self.progress, media_dir=media_dir, dry_run=dry_run
        )
        self.write_report(report)

    def write_report(self, report: ImportReport) -> None:
        if report.dry_run:
            self.stdout.write(_("Dry run: this is what the import would do. Nothing was stored."))
        imported = _counts(report.imported) or _("nothing new")
        self.stdout.write(self.style.SUCCESS(_("Imported: %(counts)s") % {"counts": imported}))
        if report.already:
            self.stdout.write(
                _("Already imported before: %(counts)s") % {"counts": _counts(report.already)}
            )
        for heading, lines in (
            (_("Skipped %(count)s:"), report.skipped),
            (_("To check %(count)s:"), report.notes),
        ):
            if lines:
                self.stdout.write(heading % {"count": len(lines)})
                for what, why in lines:
                    self.stdout.write(f"  - {what}: {why}")


COUNTED = {
    "post": lambda n: ngettext("%(count)s post", "%(count)s posts", n),
    "page": lambda n: ngettext("%(count)s page", "%(count)s pages", n),
    "comment": lambda n: ngettext("%(count)s comment", "%(count)s comments", n),
}


def _counts(counter) -> str:
    return ", ".join(
        COUNTED[kind](counter[kind]) % {"count": counter[kind]} for kind in COUNTED if counter[kind]
    )
