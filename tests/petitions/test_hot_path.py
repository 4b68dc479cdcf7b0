"""The signing hot path: cheap when nothing happens, exact when a tier is reached."""

from datetime import date

import pytest
from django.core.cache import cache

from tests.petitions.conftest import sign_and_confirm
from townhall.petitions import counts, services
from townhall.petitions.models import Threshold

pytestmark = pytest.mark.django_db


def test_tiers_are_checked_in_full_only_when_the_count_reaches_the_next(
    open_petition, signer, monkeypatch
):
    calls = []
    real_check = services.check_thresholds
    monkeypatch.setattr(
        services, "check_thresholds", lambda petition: calls.append(1) or real_check(petition)
    )
    sign_and_confirm(open_petition, signer(40))
    assert calls == []  # 7 signatures, the next tier is 25
    services.add_paper_signatures(open_petition, None, 17, date(2026, 11, 1))
    calls.clear()
    sign_and_confirm(open_petition, signer(41))
    assert calls == [1]
    assert open_petition.reached.get().threshold.signatures == 25
    assert services.next_tier(open_petition) == 500


def test_confirming_refreshes_the_count_readers_are_shown(open_petition, signer):
    shown_before = counts.shown(open_petition.pk)
    sign_and_confirm(open_petition, signer(42))
    assert counts.shown(open_petition.pk) == shown_before + 1 == counts.exact(open_petition.pk)


def test_a_tier_lowered_while_the_next_tier_is_cached_is_recorded_by_the_sweep(
    open_petition, borough, signer
):
    assert services.next_tier(open_petition) == 25  # now cached
    Threshold.objects.create(
        scheme=borough.petition_scheme, signatures=8, name="Ward councillors told", what_happens="."
    )
    sign_and_confirm(open_petition, signer(43))  # 7 online signatures: under the cached 25
    sign_and_confirm(open_petition, signer(44))  # 8: reaches the new tier, the cache says 25
    assert not open_petition.reached.exists()
    services.close_due()
    assert open_petition.reached.get().threshold.signatures == 8


def test_with_no_tier_left_confirming_checks_nothing(open_petition, borough, signer):
    Threshold.objects.filter(scheme__borough=borough).delete()
    cache.clear()
    assert services.next_tier(open_petition) == services.NO_TIER
    assert services.confirm_signature(services.sign(open_petition, signer(45))) is True
