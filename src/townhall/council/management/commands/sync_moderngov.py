from datetime import date

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from townhall.council.moderngov.report import Report
from townhall.council.moderngov.site import ModernGovError
from townhall.council.moderngov.sync import Window, sync_site

LINES_SHOWN = 50  # more, and only with -v 2


def _day(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as error:
        raise CommandError(_("%r is not a date (YYYY-MM-DD)") % value) from error


class Command(BaseCommand):
    help = gettext_noop(
        "Bring committees, meetings (agendas, papers, minutes, attendance), decisions, "
        "councillors and their memberships in from the council's ModernGov site. Safe to "
        "run again: what was brought before is updated, never added twice. Exits 1 if "
        "anything was refused (each refusal changed nothing of what it names)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        # Translated here, when the help is shown: argparse cannot format a lazy string.
        parser.description = _(self.help)
        parser.add_argument(
            "url", nargs="?", help=_("the ModernGov site's address (default: MODERNGOV_URL)")
        )
        parser.add_argument("--from", dest="start", help=_("first meeting day, YYYY-MM-DD"))
        parser.add_argument("--to", dest="end", help=_("last meeting day, YYYY-MM-DD"))
        parser.add_argument(
            "--timeout",
            type=float,
            default=settings.TOWNHALL_MODERNGOV_TIMEOUT,
            help=_("seconds to wait for each answer (default: MODERNGOV_TIMEOUT, 60)"),
        )
        parser.add_argument(
            "--dry-run", action="store_true", help=_("report what would change; store nothing")
        )

    def handle(self, *args, url: str | None, start, end, timeout, dry_run, **options) -> None:
        url = url or settings.TOWNHALL_MODERNGOV_URL
        if not url:
            raise CommandError(_("Give the ModernGov site's address, or set MODERNGOV_URL"))
        today = timezone.localdate()
        window = Window.around(
            today, settings.TOWNHALL_MODERNGOV_DAYS_BACK, settings.TOWNHALL_MODERNGOV_DAYS_AHEAD
        )
        window = Window(_day(start) if start else window.start, _day(end) if end else window.end)
        if window.end < window.start:
            raise CommandError(_("--to is before --from"))
        say = self.stderr.write if options["verbosity"] > 0 else (lambda line: None)
        try:
            report = sync_site(url, window, dry_run=dry_run, timeout=timeout, say=say)
        except ModernGovError as error:
            raise CommandError(str(error)) from error
        self.show(report, options["verbosity"], dry_run)
        if report.refused:
            raise CommandError(
                _("%d refused (each changed nothing of what it names): see above")
                % len(report.refused)
            )

    def show(self, report: Report, verbosity: int, dry_run: bool) -> None:
        if dry_run:
            self.stdout.write(_("Dry run: nothing was stored."))
        if verbosity > 1 or len(report.lines) <= LINES_SHOWN:
            for line in report.lines:
                self.stdout.write(f"  {line}")
        else:
            self.stdout.write(
                _("(%d lines of detail: run with -v 2 to see them)") % len(report.lines)
            )
        for line in report.notes:
            self.stdout.write(self.style.WARNING(line))
        for line in report.summary():
            self.stdout.write(line)
        for line in report.refused:
            self.stderr.write(self.style.ERROR(_("Refused: %s") % line))
