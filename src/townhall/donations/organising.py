"""Donations on a group's dashboard (core.organising): this month's gifts."""

from django.db.models import Count, Q, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from townhall.core.organising import Section
from townhall.donations.forms import pounds
from townhall.donations.models import Donation


def donations_section(organisation) -> Section | None:
    found = Donation.objects.filter(organisation=organisation)
    if not found.exists():
        return None
    month_start = timezone.localtime().replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    this_month = found.filter(state=Donation.State.PAID, paid_at__gte=month_start).aggregate(
        total=Sum("amount_pence"),
        gifts=Count("pk"),
        monthly=Count("pk", filter=Q(frequency=Donation.Frequency.MONTHLY)),
    )
    return Section(
        _("Donations this month"),
        figures=[
            (_("Given"), pounds(this_month["total"] or 0)),
            (_("Gifts"), str(this_month["gifts"])),
            (_("Of which monthly"), str(this_month["monthly"])),
        ],
        more_url=reverse("donations:index") + f"?organisation={organisation.pk}",
    )
