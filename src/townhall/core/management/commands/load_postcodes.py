from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from townhall.core.models import Borough
from townhall.core.services.postcode_directory import PostcodeFileError, load_postcode_file


class Command(BaseCommand):
    help = gettext_noop(
        "Load which ward each postcode is in, from the ONS Postcode Directory or the National "
        "Statistics Postcode Lookup: its CSV, gzipped, or the zip the ONS publishes (the "
        "national file will do: it is read a line at a time and rows outside the borough's "
        "wards are skipped). Forms then take the ward from the postcode."
    )

    def add_arguments(self, parser) -> None:
        # Translated here, when the help is shown: argparse cannot format a lazy string.
        parser.description = _(self.help)
        parser.add_argument("file")
        parser.add_argument("--borough", required=True, help=_("the borough's ONS code"))
        parser.add_argument("--postcode-column", help=_('default: "pcds", "pcd" or "postcode"'))
        parser.add_argument("--ward-column", help=_('default: "osward", "wd22cd" and the like'))
        parser.add_argument(
            "--dry-run", action="store_true", help=_("read and check the file; store nothing")
        )

    def handle(self, *args, file: str, borough: str, **options) -> None:
        found = Borough.objects.filter(ons_code=borough).first()
        if found is None:
            raise CommandError(
                _("No borough %(code)s: load its wards first (load_wards).") % {"code": borough}
            )
        try:
            report = load_postcode_file(
                found,
                file,
                postcode_column=options["postcode_column"],
                ward_column=options["ward_column"],
                dry_run=options["dry_run"],
            )
        except OSError as error:
            raise CommandError(
                _("Cannot read %(file)s: %(error)s")
                % {"file": file, "error": error.strerror or error}
            ) from error
        except PostcodeFileError as error:
            raise CommandError(
                _("%(file)s: %(error)s. No postcodes were changed.")
                % {"file": file, "error": error}
            ) from error
        counts = {
            "kept": report.kept,
            "borough": found.name,
            "live": report.live,
            "terminated": report.terminated,
            "outside": report.outside,
            "rows": report.rows,
        }
        done = (
            _(
                "Loaded %(kept)s postcodes in %(borough)s's wards (%(live)s in use, "
                "%(terminated)s terminated) and %(outside)s other authorities' postcodes in its "
                "districts, of %(rows)s rows read."
            )
            if report.stored
            else _(
                "Would load (dry run, nothing stored) %(kept)s postcodes in %(borough)s's wards "
                "(%(live)s in use, %(terminated)s terminated) and %(outside)s other "
                "authorities' postcodes in its districts, of %(rows)s rows read."
            )
        )
        self.stdout.write(done % counts)
