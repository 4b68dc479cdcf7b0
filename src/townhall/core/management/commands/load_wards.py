from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext

from townhall.core.models import Borough
from townhall.core.services.wards import WardFileError, load_wards


class Command(BaseCommand):
    help = gettext_noop(
        "Load ward boundaries from a GeoJSON FeatureCollection whose features have "
        '"code" (ONS code) and "name" properties. Safe to run again: wards are updated.'
    )

    def add_arguments(self, parser) -> None:
        # Translated here, when the help is shown: argparse cannot format a lazy string.
        parser.description = _(self.help)
        parser.add_argument("file")
        parser.add_argument("--borough", required=True, help=_("the borough's ONS code"))
        parser.add_argument("--name", help=_("the borough's name, if it is new"))

    def handle(self, *args, file: str, borough: str, name: str | None, **options) -> None:
        found = Borough.objects.filter(ons_code=borough).first()
        if found is None:
            if not name:
                raise CommandError(
                    _("No borough %(code)s: give --name to create it.") % {"code": borough}
                )
            found = Borough.objects.create(ons_code=borough, name=name)
        try:
            with open(file, encoding="utf-8") as handle:
                count = load_wards(found, handle.read())
        except OSError as error:
            raise CommandError(
                _("Cannot read %(file)s: %(error)s") % {"file": file, "error": error.strerror}
            ) from error
        except WardFileError as error:
            raise CommandError(
                _("%(file)s: %(error)s. No wards were changed.") % {"file": file, "error": error}
            ) from error
        self.stdout.write(
            ngettext(
                "Loaded %(count)s ward for %(borough)s.",
                "Loaded %(count)s wards for %(borough)s.",
                count,
            )
            % {"count": count, "borough": found.name}
        )
