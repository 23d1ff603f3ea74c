"""Who handles a request: round-robin within capacity, substitutes during absence.

Round-robin: of the ESS advisors who are present today and below their capacity (open requests assigned to
them), the one who was assigned longest ago gets the next request. A request stays assigned to its advisor
during an absence; it is then *handled* by the substitute — followed along a chain of substitutes (the
first present one), so the original assignee is never lost and takes it back on return.
"""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import func

from ...platform.auth.models import User
from ...platform.extensions import db
from ...platform.policy import Role
from .choices import OPEN_STATES
from .models import DEFAULT_CAPACITY, AdviceRequest, AdvisorSettings


def advisors() -> list[User]:
    return db.session.scalars(db.select(User).filter_by(platform_role=Role.ESS_ADVISOR.value, active=True)
                              .order_by(User.name, User.id)).all()


def settings_for(user_id: int, create: bool = False) -> AdvisorSettings | None:
    row = db.session.scalar(db.select(AdvisorSettings).filter_by(user_id=user_id))
    if row is None and create:
        row = AdvisorSettings(user_id=user_id)
        db.session.add(row)
        db.session.flush()
    return row


def _settings_map() -> dict[int, AdvisorSettings]:
    return {s.user_id: s for s in db.session.scalars(db.select(AdvisorSettings)).all()}


def open_loads() -> dict[int, int]:
    rows = db.session.execute(db.select(AdviceRequest.assignee_id, func.count())
                              .where(AdviceRequest.state.in_(OPEN_STATES), AdviceRequest.assignee_id.is_not(None))
                              .group_by(AdviceRequest.assignee_id)).all()
    return dict(rows)


def pick_advisor(today: date, now: datetime) -> User | None:
    """The next advisor in the round (and records the turn), or None when everyone is absent or full."""
    settings = _settings_map()
    loads = open_loads()
    candidates = []
    for user in advisors():
        s = settings.get(user.id)
        capacity = s.capacity if s else DEFAULT_CAPACITY
        if (s and s.absent_on(today)) or loads.get(user.id, 0) >= capacity:
            continue
        last = s.last_assigned_at if s and s.last_assigned_at else None
        candidates.append((last is not None, str(last or ""), loads.get(user.id, 0), user.id, user))
    if not candidates:
        return None
    chosen = min(candidates, key=lambda c: c[:4])[4]
    settings_for(chosen.id, create=True).last_assigned_at = now
    return chosen


def handler_id(assignee_id: int | None, today: date, settings: dict[int, AdvisorSettings] | None = None) -> int | None:
    """Who handles a request assigned to `assignee_id` today: the assignee, or while absent the first
    present advisor along the chain of substitutes (the assignee if nobody in the chain is present)."""
    if assignee_id is None:
        return None
    settings = settings if settings is not None else _settings_map()
    current, seen = assignee_id, {assignee_id}
    while True:
        s = settings.get(current)
        if s is None or not s.absent_on(today):
            return current
        nxt = s.substitute_id
        if nxt is None or nxt in seen:
            return assignee_id
        seen.add(nxt)
        current = nxt


def handler_map(assignee_ids, today: date) -> dict[int, int]:
    settings = _settings_map()
    return {a: handler_id(a, today, settings) for a in set(assignee_ids) if a is not None}


def handled_assignees(user_id: int, today: date) -> list[int]:
    """The assignees whose requests `user_id` handles today (themselves and those they substitute for)."""
    settings = _settings_map()
    ids = {u.id for u in advisors()} | set(settings)
    return sorted(a for a in ids if handler_id(a, today, settings) == user_id)
