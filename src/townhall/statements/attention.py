"""Invitations to co-sign a statement, waiting for an answer from the user's organisations."""

from django.urls import reverse
from django.utils.translation import ngettext

from townhall.core.attention import Waiting
from townhall.core.services.organisations import organisations_for_user
from townhall.statements.models import CoSigning


def waiting(user) -> list[Waiting]:
    invited = CoSigning.objects.filter(
        organisation__in=organisations_for_user(user), state=CoSigning.State.INVITED
    )
    count = invited.count()
    # The words come from ngettext, passed as both forms (see core.attention).
    words = ngettext(
        "invitation to co-sign a statement", "invitations to co-sign a statement", count
    )
    return [Waiting(words, words, count, reverse("statement-invitations"))]
