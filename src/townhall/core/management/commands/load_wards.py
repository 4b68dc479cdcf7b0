from django.core.management.base import BaseCommand, CommandError

from townhall.core.models import Borough
from townhall.core.services.wards import WardFileError, load_wards


class Command(BaseCommand):
    help = (
        "Load ward boundaries from a GeoJSON FeatureCollection whose features have "
        '"code" (ONS code) and "name" properties. Safe to run again: wards are updated.'
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("file")
        parser.add_argument("--borough", required=True, help="the borough's ONS code")
        parser.add_argument("--name", help="the borough's name, if it is new")

    def handle(self, *args, file: str, borough: str, name: str | None, **options) -> None:
        found = Borough.objects.filter(ons_code=borough).first()
        if found is None:
            if not name:
                raise CommandError(f"No borough {borough}: give --name to create it.")
            found = Borough.objects.create(ons_code=borough, name=name)
        try:
            with open(file, encoding="utf-8") as handle:
                count = load_wards(found, handle.read())
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror}") from error
        except WardFileError as error:
            raise CommandError(f"{file}: {error}. No wards were changed.") from error
        self.stdout.write(f"Loaded {count} wards for {found.name}.")
