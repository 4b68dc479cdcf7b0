"""Working days: Monday to Friday, less the bank holidays of the borough's nation (England
and Wales share theirs). Councils count deadlines for questions and call-in in them."""

from datetime import date, timedelta
from functools import cache

import holidays
from django.conf import settings


@cache
def _bank_holidays(region: str, year: int) -> frozenset[date]:
    return frozenset(holidays.country_holidays("GB", subdiv=region, years=year))


def is_working_day(day: date) -> bool:
    region = settings.TOWNHALL_BANK_HOLIDAYS_REGION
    return day.weekday() < 5 and day not in _bank_holidays(region, day.year)


def working_days_before(day: date, count: int) -> date:
    """The working day `count` working days before `day` (which itself is not counted)."""
    return _step(day, count, -1)


def working_days_after(day: date, count: int) -> date:
    """The working day `count` working days after `day` (which itself is not counted)."""
    return _step(day, count, 1)


def _step(day: date, count: int, direction: int) -> date:
    found = 0
    while found < count:
        day += timedelta(days=direction)
        if is_working_day(day):
            found += 1
    return day
