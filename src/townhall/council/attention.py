"""What waits for the council's officers on the admin dashboard."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from townhall.core import access
from townhall.core.attention import Waiting
from townhall.council.models import AgendaItem, Decision


def waiting(user) -> list[Waiting]:
    if not access.allows(user, "council.change_decision"):
        return []
    return [
        Waiting(
            _("decision published without a summary in plain words"),
            _("decisions published without a summary in plain words"),
            Decision.objects.without_plain_words().count(),
            reverse("decision:index"),
        ),
        # One count over the meetings still to come: past agendas would only add noise.
        Waiting(
            _("agenda item of a meeting to come without a summary in plain words"),
            _("agenda items of meetings to come without a summary in plain words"),
            AgendaItem.objects.without_plain_words().count(),
            reverse("agendaitem:index"),
        ),
    ]
