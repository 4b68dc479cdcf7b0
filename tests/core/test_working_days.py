"""Working days skip weekends and the bank holidays of England and Wales."""

from datetime import date

import pytest

from townhall.core.working_days import is_working_day, working_days_after, working_days_before


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (date(2026, 12, 3), True),  # a Thursday
        (date(2026, 12, 5), False),  # a Saturday
        (date(2026, 12, 25), False),  # Christmas Day
        (date(2026, 12, 28), False),  # Boxing Day falls on a Saturday: Monday is the holiday
        (date(2027, 3, 26), False),  # Good Friday
        (date(2027, 3, 29), False),  # Easter Monday
        (date(2026, 8, 31), False),  # the late summer bank holiday
    ],
)
def test_weekends_and_bank_holidays_are_not_working_days(day, working):
    assert is_working_day(day) is working


def test_ten_working_days_before_a_meeting_skip_christmas():
    # A meeting on Thursday 7 January 2027: counting back over New Year's Day and the
    # Christmas and Boxing Day holidays (25 and 28 December 2026).
    assert working_days_before(date(2027, 1, 7), 10) == date(2026, 12, 21)
    assert working_days_before(date(2026, 12, 10), 10) == date(2026, 11, 26)


def test_five_working_days_after_a_decision_skip_easter():
    assert working_days_after(date(2027, 3, 25), 5) == date(
        2027, 4, 5
    )  # Good Friday and Easter Monday skipped


def test_scotland_counts_its_own_holidays(settings):
    settings.TOWNHALL_BANK_HOLIDAYS_REGION = "SCT"
    assert is_working_day(date(2027, 1, 4)) is False  # 2 January, moved to the Monday
    settings.TOWNHALL_BANK_HOLIDAYS_REGION = "ENG"
    assert is_working_day(date(2027, 1, 4)) is True
