from django.core.management.base import BaseCommand, CommandError

from townhall.core.models import Borough
from townhall.core.services.postcode_directory import PostcodeFileError, load_postcode_file


class Command(BaseCommand):
    help = (
        "Load which ward each postcode is in, from the ONS Postcode Directory or the National "
        "Statistics Postcode Lookup: its CSV, gzipped, or the zip the ONS publishes (the "
        "national file will do: it is read a line at a time and rows outside the borough's "
        "wards are skipped). Forms then take the ward from the postcode."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("file")
        parser.add_argument("--borough", required=True, help="the borough's ONS code")
        parser.add_argument("--postcode-column", help='default: "pcds", "pcd" or "postcode"')
        parser.add_argument("--ward-column", help='default: "osward", "wd22cd" and the like')
        parser.add_argument(
            "--dry-run", action="store_true", help="read and check the file; store nothing"
        )

    def handle(self, *args, file: str, borough: str, **options) -> None:
        found = Borough.objects.filter(ons_code=borough).first()
        if found is None:
            raise CommandError(f"No borough {borough}: load its wards first (load_wards).")
        try:
            report = load_postcode_file(
                found,
                file,
                postcode_column=options["postcode_column"],
                ward_column=options["ward_column"],
                dry_run=options["dry_run"],
            )
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror or error}") from error
        except PostcodeFileError as error:
            raise CommandError(f"{file}: {error}. No postcodes were changed.") from error
        verb = "Loaded" if report.stored else "Would load (dry run, nothing stored)"
        self.stdout.write(
            f"{verb} {report.kept} postcodes in {found.name}'s wards "
            f"({report.live} in use, {report.terminated} terminated) and {report.outside} "
            f"other authorities' postcodes in its districts, of {report.rows} rows read."
        )
