"""UK postcodes: their shape, and the ward each is in where the ONS directory is loaded.

`look_up_postcode` is the one place a postcode becomes a ward, or the reason it cannot: every
form that asks for a postcode calls it, so residents read the same words everywhere.
"""

import re
from dataclasses import dataclass
from datetime import date
from enum import Enum

from django.core.cache import cache
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from townhall.core.models import Borough, Postcode, Ward

# The shape of a UK postcode (outward code, space optional, inward code).
UK_POSTCODE = re.compile(r"^([A-Z]{1,2}[0-9][A-Z0-9]?) ?([0-9][A-Z]{2})$")


def normalise_postcode(text: str) -> str | None:
    """ "en51ab" → "EN5 1AB"; None when it is not the shape of a UK postcode."""
    match = UK_POSTCODE.match("".join(text.split()).upper())
    return f"{match.group(1)} {match.group(2)}" if match else None


def _has_postcodes_key(borough_id: int) -> str:
    return f"borough-has-postcodes:{borough_id}"


def forget_has_postcodes(borough: Borough) -> None:
    cache.delete(_has_postcodes_key(borough.pk))


def has_postcodes(borough: Borough) -> bool:
    """Whether the borough's postcode directory is loaded (cached: forms ask on every view)."""
    key = _has_postcodes_key(borough.pk)
    found = cache.get(key)
    if found is None:
        found = Postcode.objects.filter(borough=borough, ward__isnull=False).exists()
        cache.set(key, found, 3600)
    return found


class Outcome(Enum):
    FOUND = "found"
    NOT_A_POSTCODE = "not a postcode"
    NO_DIRECTORY = "no directory"  # the borough's postcodes are not loaded
    TERMINATED = "terminated"  # the ONS marks it as no longer in use
    # Another authority's postcode in one of the borough's districts, or in a district that
    # holds none of the borough's postcodes.
    OUTSIDE = "outside"
    UNKNOWN = "unknown"  # in one of the borough's districts, but not one of its postcodes


@dataclass(frozen=True)
class PostcodeLookup:
    """What a postcode told us: its ward, or why there is none."""

    borough: Borough
    given: str
    postcode: str | None  # normalised, when it has the shape of one
    outcome: Outcome
    ward: Ward | None = None
    terminated_on: date | None = None

    @property
    def found(self) -> bool:
        return self.outcome is Outcome.FOUND

    @property
    def outside(self) -> bool:
        """Not a postcode of the borough, as far as its complete directory tells."""
        return self.outcome in (Outcome.OUTSIDE, Outcome.UNKNOWN)

    @property
    def reason(self) -> str:
        """Why no ward was found, in words for residents ("" when one was)."""
        borough, postcode = self.borough.name, self.postcode
        if self.outcome is Outcome.FOUND:
            return ""
        if self.outcome is Outcome.NOT_A_POSTCODE:
            return _("Enter a real postcode, like %(example)s") % {"example": EXAMPLE_POSTCODE}
        if self.outcome is Outcome.NO_DIRECTORY:
            return _("%(borough)s's postcodes are not loaded on this site yet") % {
                "borough": borough
            }
        if self.outcome is Outcome.TERMINATED:
            return _("%(postcode)s has not been in use since %(month)s: give your current one") % {
                "postcode": postcode,
                "month": date_format(self.terminated_on, "F Y"),
            }
        if self.outcome is Outcome.OUTSIDE:
            return _("%(postcode)s is outside %(borough)s") % {
                "postcode": postcode,
                "borough": borough,
            }
        return _("%(postcode)s is not one of %(borough)s's postcodes: check it") % {
            "postcode": postcode,
            "borough": borough,
        }

    @property
    def reason_and_ward_list(self) -> str:
        """The reason, for a form that offers the ward list instead ("" when found)."""
        if self.outcome in (Outcome.NO_DIRECTORY, Outcome.OUTSIDE):
            return _("%(reason)s: choose your ward") % {"reason": self.reason}
        return self.reason and _("%(reason)s, or choose your ward") % {"reason": self.reason}


# A real postcode of the demo borough (Barnet's town hall, Hendon: see core/data/README.md).
EXAMPLE_POSTCODE = "NW4 4BG"


def look_up_postcode(borough: Borough, text: str) -> PostcodeLookup:
    """The borough's ward for a postcode as typed, or the reason there is none."""
    postcode = normalise_postcode(text)
    if postcode is None:
        return PostcodeLookup(borough, text, None, Outcome.NOT_A_POSTCODE)
    if not has_postcodes(borough):
        return PostcodeLookup(borough, text, postcode, Outcome.NO_DIRECTORY)
    row = (
        Postcode.objects.filter(borough=borough, postcode=postcode)
        .select_related("ward")
        .defer("ward__boundary")
        .first()
    )
    if row is not None and row.ward is None:
        return PostcodeLookup(borough, text, postcode, Outcome.OUTSIDE)
    if row is not None and row.terminated_on:
        return PostcodeLookup(
            borough, text, postcode, Outcome.TERMINATED, terminated_on=row.terminated_on
        )
    if row is not None:
        return PostcodeLookup(borough, text, postcode, Outcome.FOUND, ward=row.ward)
    district = postcode.split()[0]
    in_district = Postcode.objects.filter(
        borough=borough, ward__isnull=False, postcode__startswith=f"{district} "
    ).exists()
    outcome = Outcome.UNKNOWN if in_district else Outcome.OUTSIDE
    return PostcodeLookup(borough, text, postcode, outcome)


def ward_for_postcode(borough: Borough, postcode: str) -> Ward | None:
    """The borough's ward containing this postcode; None when it is not a live one of it."""
    return look_up_postcode(borough, postcode).ward


def ward_in_any_borough(postcode: str) -> Ward | None:
    """The ward of a postcode in whichever of the site's boroughs it is in (most sites have one)."""
    for borough in Borough.objects.all():
        if ward := ward_for_postcode(borough, postcode):
            return ward
    return None
