"""Grant rules as plain functions: which round is open, and the eligibility check."""

from django.utils import timezone

from townhall.grants.models import GrantRound, GrantSchemePage


def open_round(scheme: GrantSchemePage, now=None) -> GrantRound | None:
    now = now or timezone.now()
    return next((r for r in scheme.rounds.order_by("opens_at") if r.is_open(now)), None)


def ineligible_reasons(scheme: GrantSchemePage, answers: dict[int, str]) -> list[str]:
    """Why an applicant may not apply, from their yes/no answers (question index -> answer);
    an empty list means they may."""
    return [
        block.value["reason"]
        for index, block in enumerate(scheme.eligibility)
        if answers.get(index) != block.value["eligible_answer"]
    ]
