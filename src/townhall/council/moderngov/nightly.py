"""The nightly sync, switched on by MODERNGOV_URL. The worker's housekeeping asks every
minute (core.sweeps); the one worker whose conditional update moves the site's `due_at` on
to the next night queues the sync as a task, so however many workers there are, it runs
once a night, in a worker, never in the housekeeping thread."""

import logging
from datetime import datetime, time, timedelta

from django.conf import settings
from django.db import IntegrityError
from django.utils import timezone
from django_tasks import task

from townhall.council.models import ModernGovRun
from townhall.council.moderngov.site import ModernGovError
from townhall.council.moderngov.sync import Window, sync_site

logger = logging.getLogger(__name__)


def next_night(now: datetime) -> datetime:
    """The next MODERNGOV_HOUR o'clock in the borough's time zone after `now`."""
    local = timezone.localtime(now)
    at = timezone.make_aware(
        datetime.combine(local.date(), time(settings.TOWNHALL_MODERNGOV_HOUR)), local.tzinfo
    )
    return at if at > now else at + timedelta(days=1)


def claim(site: str, now: datetime) -> bool:
    """True for the one caller that takes tonight's run."""
    try:
        run, _created = ModernGovRun.objects.get_or_create(
            site=site, defaults={"due_at": next_night(now)}
        )
    except IntegrityError:  # another worker made the row at the same moment
        return False
    return bool(
        ModernGovRun.objects.filter(pk=run.pk, due_at__lte=now).update(
            due_at=next_night(now), started_at=now
        )
    )


def queue_nightly_sync() -> int:
    """The sweep: queues the sync when due; never counts as work found again."""
    site = settings.TOWNHALL_MODERNGOV_URL
    if site and claim(site, timezone.now()):
        run_nightly_sync.enqueue(site)
    return 0


@task()
def run_nightly_sync(site: str) -> str:
    window = Window.around(
        timezone.localdate(),
        settings.TOWNHALL_MODERNGOV_DAYS_BACK,
        settings.TOWNHALL_MODERNGOV_DAYS_AHEAD,
    )
    try:
        report = sync_site(site, window, timeout=settings.TOWNHALL_MODERNGOV_TIMEOUT)
        lines = [*report.summary(), *report.notes, *(f"Refused: {line}" for line in report.refused)]
    except ModernGovError as error:
        lines = [f"Refused: {error}"]
    except Exception as error:  # whatever went wrong, the night's outcome is recorded
        logger.exception("ModernGov sync of %s stopped", site)
        lines = [f"Refused: the sync stopped: {type(error).__name__}: {error}"]
    outcome = "\n".join(lines)
    ModernGovRun.objects.filter(site=site).update(finished_at=timezone.now(), outcome=outcome)
    for line in lines:
        (logger.warning if line.startswith("Refused") else logger.info)("ModernGov sync: %s", line)
    return outcome
