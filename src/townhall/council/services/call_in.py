"""The call-in window: an executive decision takes effect only when the working days in
which scrutiny members may call it in (CALL_IN_WORKING_DAYS, five in Barnet's constitution)
have passed without a call-in."""

from datetime import date, datetime, time

from django.conf import settings
from django.utils import timezone

from townhall.core.working_days import working_days_after


def window_ends(decided_on: date) -> datetime:
    """The end of the last working day of the window (the day of the decision not counted)."""
    last = working_days_after(decided_on, settings.TOWNHALL_CALL_IN_WORKING_DAYS)
    return timezone.make_aware(datetime.combine(last, time(23, 59, 59)))


def is_open(decided_on: date, now: datetime | None = None) -> bool:
    return (now or timezone.now()) <= window_ends(decided_on)
