"""Published awards in the 360Giving Data Standard, as JSON and as CSV.

Identifiers start with a 360Giving prefix; an award's is `360G-townhall-<funder>-<pk>`.
Individuals are never named: they appear as "Individual recipient" with an opaque id.
"""

import csv
import io

from django.conf import settings

from townhall.core.admin_views import spreadsheet_safe
from townhall.grants.models import Award

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


def _funder(award: Award) -> tuple[str, str]:
    scheme = award.scheme
    section = scheme.get_parent()
    return (scheme.funder_org_id or f"{PREFIX}-funder-{section.slug}", section.title)


def _recipient(award: Award) -> tuple[str, str]:
    if award.recipient_type == Award.Recipient.INDIVIDUAL:
        return f"{PREFIX}-individual-{award.pk}", "Individual recipient"
    return award.recipient_org_id or f"{PREFIX}-org-{award.pk}", award.recipient_name


def published():
    return Award.objects.filter(published=True).select_related("scheme", "ward")


def as_grant(award: Award) -> dict:
    funder_id, funder_name = _funder(award)
    recipient_id, recipient_name = _recipient(award)
    grant = {
        "id": f"{PREFIX}-{award.pk}",
        "title": award.title,
        "description": award.description,
        "currency": "GBP",
        "amountAwarded": float(award.amount),
        "awardDate": award.awarded_on.isoformat(),
        "recipientOrganization": [{"id": recipient_id, "name": recipient_name}],
        "fundingOrganization": [{"id": funder_id, "name": funder_name}],
        "grantProgramme": [{"title": award.scheme.title}],
        "lastModified": award.updated_at.isoformat(),
        "dataSource": settings.TOWNHALL_BASE_URL + "/grants/awards/",
    }
    if award.ward:
        grant["beneficiaryLocation"] = [
            {"name": award.ward.name, "geoCode": award.ward.code, "geoCodeType": "WD"}
        ]
    return grant


def package() -> dict:
    return {"grants": [as_grant(award) for award in published()]}


def as_csv() -> str:
    output = io.StringIO()
    writer = csv.writer(output)
    writer.writerow(CSV_COLUMNS)
    for award in published():
        grant = as_grant(award)
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
                award.scheme.title,
                location.get("name", ""),
                location.get("geoCode", ""),
                location.get("geoCodeType", ""),
                grant["lastModified"],
                grant["dataSource"],
            ]
        )
    return output.getvalue()
