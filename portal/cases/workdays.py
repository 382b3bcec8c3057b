"""Service norms count working days: Monday to Friday, without Dutch public holidays."""

from datetime import date, timedelta
from functools import cache

import holidays


@cache
def _holidays(year: int) -> frozenset[date]:
    return frozenset(holidays.NL(years=year))


def warm_up() -> None:
    """This year's holidays, for a process that forks a worker per job: the first lookup imports every country's
    holidays (≈ 0.15 s), which each fork would pay again."""
    _holidays(date.today().year)


def is_public_holiday(day: date) -> bool:
    return day in _holidays(day.year)


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and not is_public_holiday(day)


def add_working_days(start: date, days: int) -> date:
    """The date `days` working days after `start` (a request on Friday with a norm of 1 is due Monday)."""
    current = start
    remaining = days
    while remaining > 0:
        current += timedelta(days=1)
        if is_working_day(current):
            remaining -= 1
    return current


def working_days_between(start: date, end: date) -> int:
    """Working days after `start` up to and including `end` (0 when `end` is not after `start`)."""
    days, current = 0, start
    while current < end:
        current += timedelta(days=1)
        days += is_working_day(current)
    return days
