"""Published awards in the 360Giving Data Standard, as JSON and as CSV.

Identifiers start with a 360Giving prefix; an award's is `360G-townhall-<funder>-<pk>`.
Individuals are never named: they appear as "Individual recipient" with an opaque id.
"""

import csv
import io
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Max
from django.urls import reverse
from django.utils.translation import gettext as _

from townhall.core.admin_views import spreadsheet_safe
from townhall.core.open_data import Entry
from townhall.grants.models import Award, GrantSchemePage

PREFIX = "360G-townhall"
CSV_COLUMNS = [
    "Identifier",
    "Title",
    "Description",
    "Currency",
    "Amount Awarded",
    "Award Date",
    "Recipient Org:Identifier",
    "Recipient Org:Name",
    "Funding Org:Identifier",
    "Funding Org:Name",
    "Grant Programme:Title",
    "Beneficiary Location:Name",
    "Beneficiary Location:Geographical Code",
    "Beneficiary Location:Geographical Code Type",
    "Last modified",
    "Data Source",
]
REQUIRED = [*CSV_COLUMNS[:10], "Last modified"]  # the standard's required fields


@dataclass(frozen=True)
class Funder:
    id: str
    name: str
    programme: str


def funders(scheme_ids: set[int]) -> dict[int, Funder]:
    """The funder (the section the scheme is in) and programme of each scheme, read once per
    export rather than once per award."""
    found = {}
    for scheme in GrantSchemePage.objects.filter(pk__in=scheme_ids):
        section = scheme.get_parent()
        funder_id = scheme.funder_org_id or f"{PREFIX}-funder-{section.slug}"
        found[scheme.pk] = Funder(funder_id, section.title, scheme.title)
    return found


def _recipient(award: Award) -> tuple[str, str]:
    if award.recipient_type == Award.Recipient.INDIVIDUAL:
        return f"{PREFIX}-individual-{award.pk}", "Individual recipient"
    return award.recipient_org_id or f"{PREFIX}-org-{award.pk}", award.recipient_name


def published():
    return Award.objects.filter(published=True).select_related("scheme", "ward")


def _for_export() -> tuple[list[Award], dict[int, Funder]]:
    # Not joined to the scheme page: Wagtail pages are costly to build, and schemes are few.
    awards = list(Award.objects.filter(published=True).select_related("ward"))
    return awards, funders({award.scheme_id for award in awards})


def as_grant(award: Award, funder: Funder) -> dict:
    recipient_id, recipient_name = _recipient(award)
    grant = {
        "id": f"{PREFIX}-{award.pk}",
        "title": award.title,
        "description": award.description,
        "currency": "GBP",
        "amountAwarded": float(award.amount),
        "awardDate": award.awarded_on.isoformat(),
        "recipientOrganization": [{"id": recipient_id, "name": recipient_name}],
        "fundingOrganization": [{"id": funder.id, "name": funder.name}],
        "grantProgramme": [{"title": funder.programme}],
        "lastModified": award.updated_at.isoformat(),
        "dataSource": settings.TOWNHALL_BASE_URL + "/grants/awards/",
    }
    if award.ward:
        grant["beneficiaryLocation"] = [
            {"name": award.ward.name, "geoCode": award.ward.code, "geoCodeType": "WD"}
        ]
    return grant


def package() -> dict:
    awards, by_scheme = _for_export()
    return {"grants": [as_grant(award, by_scheme[award.scheme_id]) for award in awards]}


def as_csv() -> str:
    output = io.StringIO()
    writer = csv.writer(output)
    writer.writerow(CSV_COLUMNS)
    awards, by_scheme = _for_export()
    for award in awards:
        grant = as_grant(award, by_scheme[award.scheme_id])
        location = (grant.get("beneficiaryLocation") or [{}])[0]
        writer.writerow(
            spreadsheet_safe(cell)
            for cell in [
                grant["id"],
                grant["title"],
                grant["description"],
                "GBP",
                f"{award.amount:.2f}",
                grant["awardDate"],
                grant["recipientOrganization"][0]["id"],
                grant["recipientOrganization"][0]["name"],
                grant["fundingOrganization"][0]["id"],
                grant["fundingOrganization"][0]["name"],
                grant["grantProgramme"][0]["title"],
                location.get("name", ""),
                location.get("geoCode", ""),
                location.get("geoCodeType", ""),
                grant["lastModified"],
                grant["dataSource"],
            ]
        )
    return output.getvalue()


def catalogue_entries() -> list:
    """Grants awarded, in the open data catalogue (core.open_data)."""
    return [
        Entry(
            title=_("Grants awarded (360Giving)"),
            description=_(
                "Every published grant award in the 360Giving Data Standard: who received it, "
                "how much, for what and where; individuals are never named."
            ),
            publisher=_("The funders on this site"),
            page=reverse("grant-awards"),
            licence="CC-BY-4.0",
            updated=Award.objects.filter(published=True).aggregate(last=Max("updated_at"))["last"],
            fields=[
                (column, _("As the 360Giving Data Standard defines it")) for column in CSV_COLUMNS
            ],
            downloads=[
                ("JSON", reverse("grant-awards-json")),
                ("CSV", reverse("grant-awards-csv")),
            ],
        )
    ]
