"""What the signals area adds to other pages: a panel on the key-person page (the signals from this person the
user may read — dates, topics and states, never the text) and a card on the tenant home page (the user's
signals that need follow-up)."""
from __future__ import annotations

from datetime import date

from flask_login import current_user
from sqlalchemy import case, func

from ...platform.extensions import db
from ...tenants import cache as tenant_cache
from . import access, choices
from .models import Signal


def _sources() -> frozenset[int]:
    """The persons who are the source of any signal: one query, cached per tenant and process until a signal
    changes (tenants/cache.py), so the page of a person without signals runs no signals query."""
    return tenant_cache.cached("signals_source_person_ids", lambda: frozenset(db.session.scalars(
        db.select(Signal.source_person_id).where(Signal.source_person_id.is_not(None)).distinct())))


def person_panel(person) -> dict | None:
    if person.id not in _sources():
        return None
    uid = current_user.id if current_user.is_authenticated else None
    rows = db.session.scalars(db.select(Signal).where(Signal.source_person_id == person.id,
                                                      access.readable_clause(uid, access.sees_all()))
                              .order_by(Signal.reported_on.desc(), Signal.id.desc()).limit(20)).all()
    return {"signals": rows, "sc": choices, "label": choices.label} if rows else None


def home_card(tenant) -> dict | None:
    uid = current_user.id if current_user.is_authenticated else None
    today = date.today()
    open_rows = db.session.execute(
        db.select(func.count(Signal.id), func.sum(case((Signal.follow_up_due_on < today, 1), else_=0)))
        .where(Signal.status.in_(choices.OPEN_STATUSES), access.readable_clause(uid, access.sees_all()))).one()
    total, overdue = open_rows[0] or 0, int(open_rows[1] or 0)
    return {"open": total, "overdue": overdue}
