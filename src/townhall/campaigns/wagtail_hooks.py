from wagtail import hooks

from townhall.campaigns.models import OrganisationHomePage
from townhall.core.models import Borough, Organisation
from townhall.core.services.organisations import set_up_organisation


@hooks.register("after_create_page")
def set_up_organisation_for_new_section(request, page) -> None:
    """Adding an organisation home page creates its organisation, groups and collection."""
    page = page.specific
    if (
        not isinstance(page, OrganisationHomePage)
        or Organisation.objects.filter(home_page=page).exists()
    ):
        return
    site = page.get_site()
    borough = Borough.objects.filter(site=site).first() or Borough.objects.first()
    slug = page.slug
    if Organisation.objects.filter(slug=slug).exists():
        slug = f"{page.slug}-{page.pk}"
    set_up_organisation(
        name=page.title,
        slug=slug,
        kind=Organisation.Kind.CAMPAIGN,
        borough=borough,
        home_page=page,
    )
