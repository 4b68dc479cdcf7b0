from django.core.management.base import BaseCommand, CommandError

from townhall.core.models import Organisation
from townhall.wordpress.importer import ImportProblem, import_export
from townhall.wordpress.wxr import WxrError, read_export

BAR_WIDTH = 30


class Command(BaseCommand):
    help = (
        "Import a WordPress export (Tools > Export > All content) into an organisation's "
        "section: published posts, pages and approved comments, with redirects from the old "
        "addresses. Safe to run again: nothing is imported twice."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("export", help="the WXR file WordPress exported")
        parser.add_argument("--organisation", required=True, help="the organisation's slug")

    def progress(self, done: int, total: int) -> None:
        filled = BAR_WIDTH * done // max(total, 1)
        bar = "#" * filled + "-" * (BAR_WIDTH - filled)
        self.stderr.write(f"\r[{bar}] {done}/{total} items", ending="")
        if done == total:
            self.stderr.write("")
        self.stderr.flush()

    def handle(self, *args, export: str, organisation: str, **options) -> None:
        found = Organisation.objects.filter(slug=organisation).first()
        if found is None:
            slugs = ", ".join(Organisation.objects.values_list("slug", flat=True))
            raise CommandError(f"No organisation {organisation!r}. Known: {slugs}")
        try:
            with open(export, "rb") as file:
                parsed = read_export(file)
        except OSError as error:
            raise CommandError(f"Cannot read {export}: {error.strerror}") from error
        except WxrError as error:
            raise CommandError(f"{export}: {error}. Nothing was imported.") from error
        self.stdout.write(
            f"Importing {len(parsed.items)} items from {parsed.title or export} into {found.name}"
        )
        try:
            report = import_export(parsed, found, progress=self.progress)
        except ImportProblem as problem:
            self.stderr.write("")
            raise CommandError(f"{export}: {problem}. Nothing was imported.") from problem
        imported = _counts(report.imported) or "nothing new"
        self.stdout.write(self.style.SUCCESS(f"Imported: {imported}"))
        if report.already:
            self.stdout.write(f"Already imported before: {_counts(report.already)}")
        if report.skipped:
            self.stdout.write(f"Skipped {len(report.skipped)}:")
            for what, why in report.skipped:
                self.stdout.write(f"  - {what}: {why}")


def _counts(counter) -> str:
    return ", ".join(
        f"{counter[kind]} {kind}{'s' if counter[kind] != 1 else ''}"
        for kind in ("post", "page", "comment")
        if counter[kind]
    )
