"""Working time for the advice SLA: 09:00–17:00 Europe/Amsterdam, Monday to Friday, Dutch public holidays
excluded (the `holidays` library). All functions take and return aware datetimes (naive ones are read as
UTC, which is how SQLite hands them back).

A working day is 8 working hours, so "2 working days" is 16 working hours counted only inside working time:
a request sent on Friday at 16:00 has used one hour by Monday 09:00.
"""
from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone
from functools import lru_cache
from zoneinfo import ZoneInfo


TZ = ZoneInfo("Europe/Amsterdam")
DAY_START = time(9, 0)
DAY_END = time(17, 0)
WORKDAY_SECONDS = 8 * 3600


def aware(moment: datetime) -> datetime:
    return moment.replace(tzinfo=timezone.utc) if moment.tzinfo is None else moment


@lru_cache(maxsize=32)
def _holidays(year: int):
    import holidays  # loaded at the first working-day calculation, not in every worker

    return holidays.NL(years=year)


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in _holidays(day.year)


def _window(day: date) -> tuple[datetime, datetime]:
    return (datetime.combine(day, DAY_START, tzinfo=TZ), datetime.combine(day, DAY_END, tzinfo=TZ))


def is_working_time(moment: datetime) -> bool:
    local = aware(moment).astimezone(TZ)
    return is_working_day(local.date()) and DAY_START <= local.time() < DAY_END


def working_seconds(start: datetime, end: datetime) -> int:
    """Working seconds between two moments (0 when end is not after start)."""
    start, end = aware(start).astimezone(TZ), aware(end).astimezone(TZ)
    if end <= start:
        return 0
    total = 0.0
    day = start.date()
    while day <= end.date():
        if is_working_day(day):
            opens, closes = _window(day)
            overlap = (min(end, closes) - max(start, opens)).total_seconds()
            if overlap > 0:
                total += overlap
        day += timedelta(days=1)
    return int(total)


def add_working_seconds(start: datetime, seconds: int) -> datetime:
    """The moment at which `seconds` of working time after `start` have passed (as UTC)."""
    moment = aware(start).astimezone(TZ)
    remaining = max(int(seconds), 0)
    day = moment.date()
    for _ in range(3660):  # ten years of days: a bound, never reached for SLA targets
        if is_working_day(day):
            opens, closes = _window(day)
            begin = max(moment, opens)
            if begin < closes:
                available = (closes - begin).total_seconds()
                if remaining <= available:
                    return (begin + timedelta(seconds=remaining)).astimezone(timezone.utc)
                remaining -= available
        day += timedelta(days=1)
        moment = datetime.combine(day, time(0, 0), tzinfo=TZ)
    raise ValueError("working time target too far ahead")
