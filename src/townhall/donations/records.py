"""What the donations app does when a person is erased (core.people.forget): their name and
address come off their donations to that organisation. The amounts and dates stay, as the
accounts need them; a Gift Aid declaration stays whole for the six years HMRC requires
(the privacy notice says so)."""

from townhall.core.email_addresses import normalise_email
from townhall.donations.models import Donation


def ignore(*args) -> None:
    """Donations report to people themselves (services._thank); nothing else to do."""


def forget(organisation_id: int, email: str) -> int:
    return Donation.objects.filter(
        organisation_id=organisation_id, normalised_email=normalise_email(email)
    ).update(name="", email="", normalised_email="", hear_from_organisation=False)
