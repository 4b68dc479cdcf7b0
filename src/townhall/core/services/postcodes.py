"""UK postcodes: their shape, and the ward each is in where the ONS directory is loaded."""

import csv
import re
from collections.abc import Iterable

from django.core.cache import cache
from django.db import transaction

from townhall.core.models import Borough, Postcode, Ward

# The shape of a UK postcode (outward code, space optional, inward code).
UK_POSTCODE = re.compile(r"^([A-Z]{1,2}[0-9][A-Z0-9]?) ?([0-9][A-Z]{2})$")
# Column names in the ONS Postcode Directory and the National Statistics Postcode Lookup.
POSTCODE_COLUMNS = ("pcds", "pcd", "pcd7", "pcd8", "postcode")
WARD_COLUMNS = ("osward", "wd25cd", "wd24cd", "wd23cd", "wd22cd", "ward_code")


def normalise_postcode(text: str) -> str | None:
    """ "en54bw" → "EN5 4BW"; None when it is not the shape of a UK postcode."""
    match = UK_POSTCODE.match("".join(text.split()).upper())
    return f"{match.group(1)} {match.group(2)}" if match else None


def _has_postcodes_key(borough_id: int) -> str:
    return f"borough-has-postcodes:{borough_id}"


def has_postcodes(borough: Borough) -> bool:
    """Whether the borough's postcode directory is loaded (cached: forms ask on every view)."""
    key = _has_postcodes_key(borough.pk)
    found = cache.get(key)
    if found is None:
        found = Postcode.objects.filter(ward__borough=borough).exists()
        cache.set(key, found, 3600)
    return found


def ward_for_postcode(borough: Borough, postcode: str) -> Ward | None:
    """The borough's ward containing this postcode; None when it is not in the borough."""
    found = (
        Postcode.objects.filter(postcode=normalise_postcode(postcode) or "", ward__borough=borough)
        .select_related("ward")
        .defer("ward__boundary")
        .first()
    )
    return found.ward if found else None


class PostcodeFileError(Exception):
    """The file cannot be loaded; the message says what is wrong and where."""


def _column(header: list[str], names: Iterable[str], what: str, given: str | None) -> int:
    lowered = [name.strip().lower() for name in header]
    for name in [given] if given else names:
        if name and name.lower() in lowered:
            return lowered.index(name.lower())
    wanted = f'"{given}"' if given else " or ".join(f'"{name}"' for name in names)
    raise PostcodeFileError(f"the first line has no {what} column ({wanted})")


@transaction.atomic
def load_postcodes(
    borough: Borough,
    lines: Iterable[str],
    *,
    postcode_column: str | None = None,
    ward_column: str | None = None,
) -> int:
    """Replace the borough's postcodes with those in a CSV whose ward is one of its wards.

    The national directory can be given whole: rows in other boroughs are skipped, as are
    terminated postcodes (a "doterm" date). All or nothing: on any error nothing changes.
    """
    wards = {ward.code: ward for ward in Ward.objects.filter(borough=borough).defer("boundary")}
    if not wards:
        raise PostcodeFileError(f"{borough} has no wards yet: load them first (load_wards)")
    reader = csv.reader(lines)
    header = next(reader, None)
    if not header:
        raise PostcodeFileError("the file is empty")
    postcode_at = _column(header, POSTCODE_COLUMNS, "postcode", postcode_column)
    ward_at = _column(header, WARD_COLUMNS, "ward code", ward_column)
    lowered = [name.strip().lower() for name in header]
    terminated_at = lowered.index("doterm") if "doterm" in lowered else None
    found: dict[str, Ward] = {}
    for line_number, row in enumerate(reader, start=2):
        if not row:
            continue
        if len(row) <= max(postcode_at, ward_at):
            raise PostcodeFileError(f"line {line_number} has too few columns")
        ward = wards.get(row[ward_at].strip())
        if ward is None or (terminated_at is not None and row[terminated_at].strip()):
            continue
        postcode = normalise_postcode(row[postcode_at])
        if postcode is None:
            raise PostcodeFileError(f"line {line_number}: {row[postcode_at]!r} is not a postcode")
        found[postcode] = ward
    if not found:
        raise PostcodeFileError(f"no postcode in the file is in one of {borough}'s wards")
    Postcode.objects.filter(ward__borough=borough).delete()
    Postcode.objects.filter(postcode__in=found).delete()  # moved here from another borough
    Postcode.objects.bulk_create(
        (Postcode(postcode=code, ward=ward) for code, ward in found.items()), batch_size=2000
    )
    transaction.on_commit(lambda: cache.delete(_has_postcodes_key(borough.pk)))
    return len(found)
