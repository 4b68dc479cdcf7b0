from django.core.management.base import BaseCommand, CommandError

from townhall.core.models import Borough
from townhall.core.services.postcodes import PostcodeFileError, load_postcodes


class Command(BaseCommand):
    help = (
        "Load which ward each postcode is in, from a CSV such as the ONS Postcode Directory "
        "or National Statistics Postcode Lookup (the national file will do: rows outside the "
        "borough's wards are skipped). Forms then take the ward from the postcode."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("file")
        parser.add_argument("--borough", required=True, help="the borough's ONS code")
        parser.add_argument("--postcode-column", help='default: "pcds", "pcd" or "postcode"')
        parser.add_argument("--ward-column", help='default: "osward", "wd22cd" and the like')

    def handle(self, *args, file: str, borough: str, **options) -> None:
        found = Borough.objects.filter(ons_code=borough).first()
        if found is None:
            raise CommandError(f"No borough {borough}: load its wards first (load_wards).")
        try:
            with open(file, encoding="utf-8-sig", newline="") as handle:
                count = load_postcodes(
                    found,
                    handle,
                    postcode_column=options["postcode_column"],
                    ward_column=options["ward_column"],
                )
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror}") from error
        except (PostcodeFileError, UnicodeDecodeError) as error:
            raise CommandError(f"{file}: {error}. No postcodes were changed.") from error
        self.stdout.write(f"Loaded {count} postcodes in {found.name}'s wards.")
