"""Working days for follow-up deadlines: Monday to Friday, Dutch public holidays excluded (`holidays.NL`,
a maintained library: Easter, King's Day, Ascension, Whitsun, Christmas and the rest)."""
from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache


@lru_cache(maxsize=64)
def _holidays(year: int) -> frozenset[date]:
    import holidays  # loaded at the first working-day calculation, not in every worker

    return frozenset(holidays.NL(years=year).keys())


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in _holidays(day.year)


def add_working_days(start: date, days: int) -> date:
    """The `days`-th working day after `start` (`start` itself never counts)."""
    if days < 0:
        raise ValueError("days must not be negative")
    current = start
    while days:
        current += timedelta(days=1)
        if is_working_day(current):
            days -= 1
    return current


def working_days_between(start: date, end: date) -> int:
    """Working days after `start` up to and including `end` (0 when end <= start)."""
    count, current = 0, start
    while current < end:
        current += timedelta(days=1)
        count += is_working_day(current)
    return count
