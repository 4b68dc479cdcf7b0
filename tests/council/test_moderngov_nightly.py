"""The nightly sync: switched on by MODERNGOV_URL, run once a night by one worker."""

from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

from townhall.core import sweeps
from townhall.council.models import Meeting, ModernGovRun
from townhall.council.moderngov.nightly import claim, next_night, queue_nightly_sync

pytestmark = pytest.mark.django_db


@pytest.fixture
def switched_on(settings, moderngov):
    settings.TOWNHALL_MODERNGOV_URL = moderngov.url
    settings.TOWNHALL_MODERNGOV_TIMEOUT = 5
    # The recorded meetings are from 2025 to 2030.
    today = timezone.localdate()
    settings.TOWNHALL_MODERNGOV_DAYS_BACK = (today - datetime(2025, 1, 1).date()).days
    settings.TOWNHALL_MODERNGOV_DAYS_AHEAD = (datetime(2031, 1, 1).date() - today).days
    return moderngov


def test_switched_off_nothing_happens(settings):
    settings.TOWNHALL_MODERNGOV_URL = ""
    assert queue_nightly_sync() == 0
    assert not ModernGovRun.objects.exists()


@pytest.mark.parametrize(
    ("now", "due"),
    [
        (datetime(2026, 1, 10, 0, 30, tzinfo=UTC), datetime(2026, 1, 10, 2, 0, tzinfo=UTC)),
        (datetime(2026, 1, 10, 3, 0, tzinfo=UTC), datetime(2026, 1, 11, 2, 0, tzinfo=UTC)),
        # 2 am in British Summer Time is 1 am UTC.
        (datetime(2026, 7, 10, 12, 0, tzinfo=UTC), datetime(2026, 7, 11, 1, 0, tzinfo=UTC)),
    ],
)
def test_it_is_due_at_two_in_the_morning_in_the_borough(now, due):
    assert next_night(now) == due


def test_only_one_worker_takes_a_nights_run(settings):
    settings.TOWNHALL_MODERNGOV_URL = "https://democracy.example.gov.uk/"
    now = timezone.now()
    assert claim(settings.TOWNHALL_MODERNGOV_URL, now) is False  # first seen: due tonight
    ModernGovRun.objects.update(due_at=now - timedelta(minutes=1))
    assert [claim(settings.TOWNHALL_MODERNGOV_URL, now) for _worker in range(3)] == [
        True,
        False,
        False,
    ]
    assert ModernGovRun.objects.get().due_at == next_night(now)


def test_the_workers_sweep_runs_the_sync_once_a_night(
    switched_on, django_capture_on_commit_callbacks
):
    assert "ModernGov sync" in sweeps.run_all()
    assert switched_on.asked == []  # not before the night
    ModernGovRun.objects.update(due_at=timezone.now() - timedelta(minutes=1))
    with django_capture_on_commit_callbacks(execute=True):
        sweeps.run_all()
    assert Meeting.objects.filter(moderngov_id=2001).exists()
    run = ModernGovRun.objects.get()
    assert run.finished_at is not None and run.due_at > timezone.now()
    assert "Added: 2 committees" in run.outcome and "Refused: 0" in run.outcome
    asked = len(switched_on.asked)
    with django_capture_on_commit_callbacks(execute=True):
        sweeps.run_all()
    assert len(switched_on.asked) == asked  # once a night


def test_a_night_with_refusals_records_them(switched_on, django_capture_on_commit_callbacks):
    from tests.council.moderngov_server import Answer

    switched_on.answers["GetCommittees"] = Answer(b"busy", status=503)
    ModernGovRun.objects.create(site=switched_on.url, due_at=timezone.now())
    with django_capture_on_commit_callbacks(execute=True):
        queue_nightly_sync()
    outcome = ModernGovRun.objects.get().outcome
    assert "Refused: GetCommittees: HTTP 503 Service Unavailable" in outcome


def test_a_night_that_fails_unexpectedly_still_records_its_outcome(
    switched_on, monkeypatch, caplog, django_capture_on_commit_callbacks
):
    from townhall.council.moderngov import nightly

    def broken(*args, **kwargs):
        raise RuntimeError("something nobody foresaw")

    monkeypatch.setattr(nightly, "sync_site", broken)
    ModernGovRun.objects.create(site=switched_on.url, due_at=timezone.now())
    with django_capture_on_commit_callbacks(execute=True):
        queue_nightly_sync()
    run = ModernGovRun.objects.get()
    assert run.finished_at is not None
    assert run.outcome == "Refused: the sync stopped: RuntimeError: something nobody foresaw"
    logged = [r for r in caplog.records if r.name == "townhall.council.moderngov.nightly"]
    assert any(r.exc_info and "something nobody foresaw" in str(r.exc_info[1]) for r in logged)
