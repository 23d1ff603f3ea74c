"""SLA clocks of an advice request, in working time (see `workhours.py`).

- First response: within 2 working days (1 when urgent), from sending until the ESS first writes to the
  municipality (any message: an answer, or a question back). It cannot wait on the municipality before
  that, so it never pauses.
- Resolution: 15 working days of working time in the states new/assigned/in progress. The clock pauses
  while waiting for the municipality and once answered; a reopening resumes it where it stopped.
- A warning is due at 75 % of a target (the sweep job sends it only within working hours).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from .choices import RUNNING_STATES
from .workhours import WORKDAY_SECONDS, add_working_seconds, aware, working_seconds

FIRST_RESPONSE_DAYS = {"normal": 2, "urgent": 1}
RESOLUTION_DAYS = 15
WARN_AT = 0.75


@dataclass(frozen=True)
class Clock:
    kind: str            # "first_response" | "resolution"
    target: int          # working seconds
    used: int            # working seconds used
    running: bool
    done: bool           # met (first response given / answered)
    due_at: datetime | None  # when it runs out, if it keeps running (None when paused or done)

    @property
    def fraction(self) -> float:
        return self.used / self.target if self.target else 0.0

    @property
    def status(self) -> str:
        """ok | warning | breached | met | paused"""
        if self.done:
            return "met" if self.used <= self.target else "breached"
        if self.used >= self.target:
            return "breached"
        if not self.running:
            return "paused"
        return "warning" if self.fraction >= WARN_AT else "ok"

    @property
    def remaining_hours(self) -> float:
        return round((self.target - self.used) / 3600, 1)

    @property
    def percent(self) -> int:
        return int(round(self.fraction * 100))


def first_response_target(urgency: str) -> int:
    return FIRST_RESPONSE_DAYS.get(urgency, 2) * WORKDAY_SECONDS


def first_response(req, now: datetime) -> Clock:
    target = first_response_target(req.urgency)
    end = aware(req.first_response_at) if req.first_response_at else now
    used = working_seconds(req.created_at, end)
    done = req.first_response_at is not None
    due = None if done else add_working_seconds(req.created_at, target)
    return Clock("first_response", target, used, not done, done, due)


def resolution(req, now: datetime) -> Clock:
    target = RESOLUTION_DAYS * WORKDAY_SECONDS
    used = req.clock_seconds + (working_seconds(req.clock_started_at, now) if req.clock_started_at else 0)
    running = req.clock_started_at is not None
    done = req.state in ("answered", "closed")
    due = add_working_seconds(now, target - used) if running and used < target else None
    return Clock("resolution", target, used, running, done, due)


def move_clock(req, new_state: str, now: datetime) -> None:
    """Start or stop the resolution clock for a change of state (call before setting `req.state`)."""
    was_running = req.clock_started_at is not None
    runs = new_state in RUNNING_STATES
    if was_running and not runs:
        req.clock_seconds += working_seconds(req.clock_started_at, now)
        req.clock_started_at = None
    elif runs and not was_running:
        req.clock_started_at = now


def due_warnings(req, now: datetime) -> list[str]:
    """The warning kinds that have reached 75 % (whether or not already sent)."""
    kinds = []
    fr = first_response(req, now)
    if not fr.done and fr.fraction >= WARN_AT:
        kinds.append("first_response_warning")
    res = resolution(req, now)
    if res.running and res.fraction >= WARN_AT:
        kinds.append("resolution_warning")
    return kinds
