"""The organiser's dashboard of one group (core.organising): what is new, what went out,
what came in, what is coming up."""

from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse

from townhall.core import access, organising
from townhall.core.models import Organisation
from townhall.core.services.organisations import organisations_for_user


def dashboard(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = access.get_or_404(
        request.user, "core.see_organisation_dashboard", Organisation, slug=slug
    )
    return TemplateResponse(
        request,
        "core/admin/organiser_dashboard.html",
        {
            "organisation": organisation,
            "sections": organising.sections_for(organisation),
            "others": organisations_for_user(request.user).exclude(pk=organisation.pk),
        },
    )
