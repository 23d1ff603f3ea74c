"""Follow-up deadlines in working days: weekends and Dutch public holidays (holidays.NL) do not count."""
from __future__ import annotations

from datetime import date

import pytest

from sleutelnet.blueprints.signals.workdays import add_working_days, is_working_day, working_days_between


@pytest.mark.parametrize("start, days, expected", [
    (date(2026, 1, 5), 10, date(2026, 1, 19)),  # Monday: two plain weeks
    (date(2026, 1, 9), 1, date(2026, 1, 12)),  # Friday -> Monday
    (date(2026, 1, 10), 1, date(2026, 1, 12)),  # recorded on a Saturday: the first working day is Monday
    (date(2026, 1, 11), 5, date(2026, 1, 16)),  # Sunday
    # Christmas 2025: Thu 25 and Fri 26 December are holidays, 1 January 2026 too
    (date(2025, 12, 23), 1, date(2025, 12, 24)),
    (date(2025, 12, 24), 1, date(2025, 12, 29)),
    (date(2025, 12, 19), 10, date(2026, 1, 7)),  # 22,23,24,29,30,31 Dec, 2,5,6,7 Jan (25,26 Dec, 1 Jan off)
    # King's Day: Monday 27 April 2026
    (date(2026, 4, 24), 1, date(2026, 4, 28)),
    # King's Day 2025 fell on a Sunday and is moved to Saturday 26 April: no working day lost
    (date(2025, 4, 25), 1, date(2025, 4, 28)),
    # Easter Monday 6 April 2026, Ascension Thu 14 May 2026, Whit Monday 25 May 2026
    (date(2026, 4, 3), 1, date(2026, 4, 7)),
    (date(2026, 5, 13), 1, date(2026, 5, 15)),
    (date(2026, 5, 22), 1, date(2026, 5, 26)),
    (date(2026, 1, 5), 0, date(2026, 1, 5)),
])
def test_add_working_days(start, days, expected):
    assert add_working_days(start, days) == expected


def test_holidays_and_weekends_are_not_working_days():
    assert not is_working_day(date(2025, 12, 25)) and not is_working_day(date(2025, 12, 26))
    assert not is_working_day(date(2026, 4, 27))  # King's Day
    assert not is_working_day(date(2026, 1, 1))
    assert not is_working_day(date(2026, 1, 10)) and not is_working_day(date(2026, 1, 11))
    assert is_working_day(date(2025, 12, 24)) and is_working_day(date(2026, 4, 28))


def test_working_days_between_is_the_inverse():
    start = date(2025, 12, 19)
    for n in range(0, 25):
        assert working_days_between(start, add_working_days(start, n)) == n
    with pytest.raises(ValueError):
        add_working_days(start, -1)


def test_the_deadline_of_a_recorded_signal_uses_the_tenant_setting(sw, world):
    from sleutelnet.blueprints.signals import services
    from sleutelnet.platform.extensions import db

    signal_id = sw.record(reported_on=date(2025, 12, 19))
    with sw.tenant():
        assert sw.get(signal_id).follow_up_due_on == date(2026, 1, 7)
        services.save_settings(follow_up_days=3, retention_months=24, actor_id=world.ids["coordinator_a"])
        db.session.commit()
    later = sw.record(reported_on=date(2025, 12, 19))
    with sw.tenant():
        assert sw.get(later).follow_up_due_on == date(2025, 12, 24)
        assert sw.get(signal_id).follow_up_due_on == date(2026, 1, 7)  # existing deadlines stay
