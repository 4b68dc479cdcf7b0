"""Loading a borough's ward boundaries from GeoJSON (ONS codes and names in properties)."""

import json

from django.db import transaction
from django.utils.translation import gettext as _

from townhall.core.models import Borough, Ward


class WardFileError(Exception):
    """The file cannot be loaded; the message says what is wrong and where."""


def read_wards(text: str) -> list[dict]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise WardFileError(
            _("not JSON (line %(line)s, column %(column)s)")
            % {"line": error.lineno, "column": error.colno}
        ) from error
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        raise WardFileError(_("not a GeoJSON FeatureCollection"))
    wards = []
    for number, feature in enumerate(data.get("features") or [], start=1):
        properties = (feature or {}).get("properties") or {}
        geometry = (feature or {}).get("geometry") or {}
        code, name = properties.get("code"), properties.get("name")
        if not code or not name:
            raise WardFileError(
                _('feature %(number)s has no "code" and "name" properties') % {"number": number}
            )
        if geometry.get("type") not in ("Polygon", "MultiPolygon"):
            raise WardFileError(
                _("feature %(number)s (%(name)s) is not a Polygon or MultiPolygon")
                % {"number": number, "name": name}
            )
        wards.append({"code": str(code)[:9], "name": str(name)[:100], "boundary": geometry})
    if not wards:
        raise WardFileError(_("the file has no features"))
    return wards


@transaction.atomic
def load_wards(borough: Borough, text: str) -> int:
    """Create or update the borough's wards; all of them or, on any error, none."""
    wards = read_wards(text)
    for ward in wards:
        Ward.objects.update_or_create(
            code=ward["code"],
            defaults={"borough": borough, "name": ward["name"], "boundary": ward["boundary"]},
        )
    return len(wards)
