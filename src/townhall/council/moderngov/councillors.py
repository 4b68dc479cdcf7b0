"""Councillors from GetCouncillorsByWard: name, party, ward, published email and photo, in one
transaction. A councillor ModernGov no longer lists is marked as such, and their memberships
end; one typed in before the first sync is taken over by name. Officers keep the rest
(phone, surgeries, the photo's description)."""

import re
from datetime import date

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from townhall.core.models import Ward
from townhall.council.models import Councillor, Membership
from townhall.council.moderngov.answers import CouncillorAnswer
from townhall.council.moderngov.files import Fetched, fetch_photo, store_photo
from townhall.council.moderngov.records import Written, differing, unique_slug
from townhall.council.moderngov.report import Report
from townhall.council.moderngov.site import ModernGovError, ModernGovSite

PHOTO_URL_LENGTH = Councillor._meta.get_field("moderngov_photo_url").max_length
_TITLE = re.compile(r"^(councillor|cllr\.?)\s+", re.IGNORECASE)


def councillor_name(full_name: str) -> str:
    """ "Councillor Ada Example" is Ada Example: the site says "Cllr" itself."""
    return _TITLE.sub("", full_name).strip()


def ward_key(name: str) -> str:
    """ "Burnt Oak Ward", "burnt oak" and "Burnt-Oak" are one ward."""
    words = re.sub(r"[^a-z0-9]+", " ", name.lower().replace("&", " and ")).split()
    return " ".join(word for word in words if word != "ward")


def fetch_photos(
    site: ModernGovSite, listed: list[CouncillorAnswer], report: Report
) -> dict[int, Fetched]:
    """New or changed photos, downloaded; one that cannot be had leaves the old one."""
    known = dict(
        Councillor.objects.exclude(moderngov_id=None).values_list(
            "moderngov_id", "moderngov_photo_url"
        )
    )
    fetched = {}
    for answer in listed:
        if not answer.photo_url or known.get(answer.id) == site.file_url(answer.photo_url):
            continue
        if not site.is_own(answer.photo_url):
            report.note(
                _("The photo of %s is not on the ModernGov site: not fetched") % answer.name
            )
        elif len(site.file_url(answer.photo_url)) > PHOTO_URL_LENGTH:
            report.note(
                _(
                    "The photo of %(name)s has an address longer than %(length)d characters: "
                    "not fetched"
                )
                % {"name": answer.name, "length": PHOTO_URL_LENGTH}
            )
        else:
            try:
                fetched[answer.id] = fetch_photo(site, answer.photo_url, answer.name)
            except ModernGovError as error:
                report.refuse(_("%s: the councillor's other details were still brought in") % error)
    return fetched


def _find(answer: CouncillorAnswer, name: str) -> Councillor | None:
    return (
        Councillor.objects.filter(moderngov_id=answer.id).first()
        or Councillor.objects.filter(moderngov_id=None, name__iexact=name).first()
    )


def _email(answer: CouncillorAnswer) -> str:
    try:
        validate_email(answer.email)
    except ValidationError:
        return ""
    return answer.email


def sync_councillors(
    site: ModernGovSite,
    listed: list[CouncillorAnswer],
    photos: dict[int, Fetched],
    report: Report,
    today: date,
    written: Written,
) -> None:
    wards = {ward_key(ward.name): ward for ward in Ward.objects.defer("boundary")}
    unknown_wards = set()
    seen = set()
    for answer in listed:
        if answer.id in seen:
            continue
        seen.add(answer.id)
        name = councillor_name(answer.name)[:100]
        ward = wards.get(ward_key(answer.ward))
        if answer.ward and ward is None:
            unknown_wards.add(answer.ward)
        values = {
            "moderngov_id": answer.id,
            "name": name,
            "party": answer.party[:100],
            "ward": ward,
            "email": _email(answer),
            "removed_upstream_on": None,
        }
        if answer.id in photos:
            values["photo"] = store_photo(photos[answer.id], answer.id, name)
            written.keep(values["photo"].file)
            values["moderngov_photo_url"] = site.file_url(answer.photo_url)
        elif not answer.photo_url:
            values.update(photo=None, moderngov_photo_url="")
        councillor = _find(answer, name)
        if councillor is None:
            councillor = Councillor(slug=unique_slug(Councillor, name, answer.id, 100), **values)
            if councillor.photo_id:
                councillor.photo_alt = _("Photograph of %s") % name
            councillor.save()
            report.add("councillor", name)
        elif changed := differing(councillor, values):
            if councillor.photo_id and not councillor.photo_alt:
                councillor.photo_alt = _("Photograph of %s") % name
            councillor.save()
            report.change("councillor", name, [f for f in changed if f != "moderngov_photo_url"])
    for ward in sorted(unknown_wards):
        report.note(
            _("ModernGov's ward %r is not one of the borough's wards: its councillors have none")
            % ward
        )
    gone = Councillor.objects.exclude(moderngov_id=None).exclude(moderngov_id__in=seen)
    for councillor in gone.filter(removed_upstream_on=None):
        councillor.removed_upstream_on = today
        councillor.save(update_fields=["removed_upstream_on"])
        Membership.objects.filter(councillor=councillor, ends_on=None).exclude(
            moderngov_id=None
        ).update(ends_on=today)
        report.remove("councillor", councillor.name, _("no longer listed by ModernGov"))
