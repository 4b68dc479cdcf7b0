"""Demo dates relative to the day the demo is loaded, so something is always open."""

from datetime import datetime, time, timedelta

from django.utils import timezone


def days_from_today(days: int, at: time = time(12, 0)) -> datetime:
    day = timezone.localdate() + timedelta(days=days)
    return timezone.make_aware(datetime.combine(day, at))
