"""Invitations to co-sign a statement, waiting for an answer from the user's organisations."""

from django.urls import reverse

from townhall.core.attention import Waiting
from townhall.core.services.organisations import organisations_for_user
from townhall.statements.models import CoSigning


def waiting(user) -> list[Waiting]:
    invited = CoSigning.objects.filter(
        organisation__in=organisations_for_user(user), state=CoSigning.State.INVITED
    )
    return [
        Waiting(
            "invitation to co-sign a statement",
            "invitations to co-sign a statement",
            invited.count(),
            reverse("statement-invitations"),
        )
    ]
