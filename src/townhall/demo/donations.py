"""The demo alliance's donation page (the demo linked out to an example address before)."""

from townhall.campaigns.models import OrganisationHomePage
from townhall.donations.models import DonatePage

INTRO = (
    "<p>We have no paid staff and no big backers: leaflets, hall hire and the legal "
    "challenge to the outsourcing contracts are paid for by people like you.</p>"
)
THANK_YOU = (
    "<p>Your gift pays for the next run of leaflets. Tell a neighbour why you gave: that is "
    "worth as much again.</p>"
)


def load_donation_page() -> DonatePage | None:
    home = OrganisationHomePage.objects.filter(slug="alliance").first()
    if home is None:
        return None
    found = DonatePage.objects.child_of(home).first()
    if found is not None:
        return found
    page = home.add_child(
        instance=DonatePage(
            title="Donate to the alliance",
            slug="donate",
            intro=INTRO,
            suggested_amounts="5, 10, 25, 50",
            allow_monthly=True,
            gift_aid=True,  # illustrative: the demo group is treated as a charity
            thank_you=THANK_YOU,
        )
    )
    page.save_revision().publish()
    home.donate_page = page  # the Donate button and menu link go here, not elsewhere
    home.donate_url = ""
    home.save_revision().publish()
    return page
