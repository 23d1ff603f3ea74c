"""SLA clocks in working hours: weekends, Dutch public holidays, evenings, waiting for the municipality."""
from __future__ import annotations

from datetime import datetime, timezone
from types import SimpleNamespace

from sleutelnet.blueprints.advice import sla
from sleutelnet.blueprints.advice.workhours import (TZ, add_working_seconds, is_working_time, working_seconds)

H = 3600


def local(y, m, d, hh=0, mm=0):
    return datetime(y, m, d, hh, mm, tzinfo=TZ)


def test_working_time_window_and_weekend():
    assert is_working_time(local(2026, 3, 2, 9, 0))          # Monday 09:00
    assert not is_working_time(local(2026, 3, 2, 8, 59))
    assert not is_working_time(local(2026, 3, 2, 17, 0))      # the day ends at 17:00
    assert not is_working_time(local(2026, 3, 7, 11, 0))      # Saturday
    # UTC input: 08:30 UTC in March is 09:30 in Amsterdam
    assert is_working_time(datetime(2026, 3, 2, 8, 30, tzinfo=timezone.utc))


def test_evening_and_weekend_do_not_count():
    # Friday 16:00 → Monday 10:00 is two working hours
    assert working_seconds(local(2026, 3, 6, 16), local(2026, 3, 9, 10)) == 2 * H
    # an evening request starts counting the next morning
    assert working_seconds(local(2026, 3, 2, 20), local(2026, 3, 3, 9, 30)) == H // 2


def test_dutch_public_holidays_are_skipped():
    # Easter Monday 6 April 2026 and King's Day 27 April 2026 (a Monday)
    assert not is_working_time(local(2026, 4, 6, 11))
    assert not is_working_time(local(2026, 4, 27, 11))
    # Thursday 2 April 16:00 → Tuesday 7 April 10:00: Good Friday, the weekend and Easter Monday are skipped
    assert not is_working_time(local(2026, 4, 3, 11))
    assert working_seconds(local(2026, 4, 2, 16), local(2026, 4, 7, 10)) == 2 * H
    # Christmas: 24 Dec (Thu) 16:00 + 2 working hours → Monday 28 Dec 10:00 (25 and 26 Dec are holidays)
    assert add_working_seconds(local(2026, 12, 24, 16), 2 * H) == local(2026, 12, 28, 10).astimezone(timezone.utc)


def test_first_response_target_skips_the_weekend():
    req = SimpleNamespace(urgency="normal", created_at=local(2026, 3, 6, 16), first_response_at=None)
    clock = sla.first_response(req, local(2026, 3, 9, 9))
    assert clock.used == H and clock.target == 16 * H and clock.status == "ok"
    # 16 working hours from Friday 16:00: Monday 8 h + Tuesday 7 h → Tuesday 16:00
    assert clock.due_at == local(2026, 3, 10, 16).astimezone(timezone.utc)
    urgent = SimpleNamespace(urgency="urgent", created_at=local(2026, 3, 6, 16), first_response_at=None)
    assert sla.first_response(urgent, local(2026, 3, 9, 9)).due_at == local(2026, 3, 9, 16).astimezone(timezone.utc)


def test_first_response_warning_at_75_percent_and_breach():
    req = SimpleNamespace(urgency="urgent", created_at=local(2026, 3, 2, 9), first_response_at=None,
                          clock_seconds=0, clock_started_at=local(2026, 3, 2, 9), state="assigned")
    assert sla.due_warnings(req, local(2026, 3, 2, 14, 59)) == []
    assert sla.due_warnings(req, local(2026, 3, 2, 15)) == ["first_response_warning"]  # 6 of 8 hours
    assert sla.first_response(req, local(2026, 3, 3, 9, 30)).status == "breached"
    req.first_response_at = local(2026, 3, 2, 12)
    assert sla.first_response(req, local(2026, 3, 5, 9)).status == "met"
    assert "first_response_warning" not in sla.due_warnings(req, local(2026, 3, 5, 9))


def test_resolution_clock_pauses_while_waiting_for_the_municipality():
    req = SimpleNamespace(state="assigned", clock_seconds=0, clock_started_at=local(2026, 3, 2, 9))
    sla.move_clock(req, "waiting", local(2026, 3, 2, 13))           # 4 working hours used
    req.state = "waiting"
    paused = sla.resolution(req, local(2026, 3, 20, 12))           # two weeks of waiting: nothing added
    assert paused.used == 4 * H and not paused.running and paused.status == "paused" and paused.due_at is None
    sla.move_clock(req, "in_progress", local(2026, 3, 23, 9))     # the municipality replied on Monday
    req.state = "in_progress"
    running = sla.resolution(req, local(2026, 3, 23, 11))
    assert running.used == 6 * H and running.running
    # 120 - 6 = 114 working hours left from Monday 23 March 11:00 → 14 days 2 h later
    assert running.due_at == add_working_seconds(local(2026, 3, 23, 11), 114 * H)


def test_resolution_clock_stops_when_answered_and_resumes_on_reopen():
    req = SimpleNamespace(state="in_progress", clock_seconds=0, clock_started_at=local(2026, 3, 2, 9))
    sla.move_clock(req, "answered", local(2026, 3, 3, 9))
    req.state = "answered"
    assert sla.resolution(req, local(2026, 3, 10, 9)).used == 8 * H
    sla.move_clock(req, "in_progress", local(2026, 3, 10, 9))
    req.state = "in_progress"
    assert sla.resolution(req, local(2026, 3, 10, 10)).used == 9 * H


def test_resolution_warning_at_75_percent():
    req = SimpleNamespace(state="in_progress", clock_seconds=89 * H, clock_started_at=local(2026, 3, 2, 9),
                          urgency="normal", created_at=local(2026, 2, 1, 9), first_response_at=local(2026, 2, 2, 9))
    assert sla.due_warnings(req, local(2026, 3, 2, 9, 59)) == []
    assert sla.due_warnings(req, local(2026, 3, 2, 10)) == ["resolution_warning"]  # 90 of 120 hours
