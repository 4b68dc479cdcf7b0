from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.utils import timezone

from townhall.grants.models import Application, GrantRound, GrantSchemePage


@pytest.fixture
def scheme(db) -> GrantSchemePage:
    return GrantSchemePage.objects.get(slug="innovation-bank")


@pytest.fixture
def open_round(scheme) -> GrantRound:
    return scheme.rounds.get(title="Round 2")


@pytest.fixture
def closed_round(scheme) -> GrantRound:
    return scheme.rounds.get(title__startswith="Round 1")


@pytest.fixture
def resident(db):
    """Someone who made an account (and so confirmed their email address) earlier."""
    user = get_user_model().objects.create_user("resident", "resident@example.org")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


@pytest.fixture
def being_assessed(db) -> Application:
    """The demo's open-round application that staff screened in, scored by one assessor."""
    return Application.objects.get(project_title="Estate food garden")


@pytest.fixture
def close_round():
    def close(round_: GrantRound) -> None:
        round_.closes_at = timezone.now() - timedelta(minutes=1)
        round_.save(update_fields=["closes_at"])

    return close
