"""Read-only queries: the signal list (only what the user may read; constant number of queries per page)
and the counts everyone with VIEW_SIGNAL_COUNTS sees (small counts hidden, see composition.disclosure)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func
from sqlalchemy.orm import joinedload

from ...platform.extensions import db
from ...platform.pagination import paginate
from ...platform.disclosure import suppress_small_counts
from ..keypersons.models import Neighbourhood
from . import access, choices
from .models import Signal

PER_PAGE = 25


@dataclass(frozen=True)
class ListFilters:
    network_id: int | None = None
    status: str | None = None  # a status code, "open" (reported/in progress) or "overdue"
    topic: str | None = None
    urgency: str | None = None
    sensitivity: str | None = None
    neighbourhood_id: int | None = None

    @property
    def active(self) -> bool:
        return any((self.network_id, self.status, self.topic, self.urgency, self.sensitivity, self.neighbourhood_id))


def list_signals(filters: ListFilters, page: int, user_id: int | None, see_all: bool, today: date | None = None):
    today = today or date.today()
    stmt = (db.select(Signal).where(access.readable_clause(user_id, see_all))
            .options(joinedload(Signal.network), joinedload(Signal.neighbourhood).joinedload(Neighbourhood.parent)))
    if filters.network_id:
        stmt = stmt.where(Signal.network_id == filters.network_id)
    if filters.status == "open":
        stmt = stmt.where(Signal.status.in_(choices.OPEN_STATUSES))
    elif filters.status == "overdue":
        stmt = stmt.where(Signal.status.in_(choices.OPEN_STATUSES), Signal.follow_up_due_on < today)
    elif filters.status:
        stmt = stmt.where(Signal.status == filters.status)
    for name in ("topic", "urgency", "sensitivity", "neighbourhood_id"):
        value = getattr(filters, name)
        if value:
            stmt = stmt.where(getattr(Signal, name) == value)
    stmt = stmt.order_by((Signal.status == "closed"), Signal.follow_up_due_on, Signal.id.desc())
    return paginate(stmt, page=page, per_page=PER_PAGE)  # page and total in one query


def counts(start: date | None = None, end: date | None = None, network_id: int | None = None) -> dict:
    """Counts of signals reported in [start, end) by topic and by state; every table suppressed separately."""
    stmt_base = db.select(func.count(Signal.id))
    conditions = []
    if start is not None:
        conditions.append(Signal.reported_on >= start)
    if end is not None:
        conditions.append(Signal.reported_on < end)
    if network_id:
        conditions.append(Signal.network_id == network_id)
    by_topic = dict(db.session.execute(db.select(Signal.topic, func.count(Signal.id)).where(*conditions)
                                       .group_by(Signal.topic)).all())
    by_status = dict(db.session.execute(db.select(Signal.status, func.count(Signal.id)).where(*conditions)
                                        .group_by(Signal.status)).all())
    total = db.session.scalar(stmt_base.where(*conditions)) or 0
    return {
        "total": total,
        "total_cell": suppress_small_counts({"total": total})["total"],
        "topics": suppress_small_counts({code: by_topic.get(code, 0) for code in choices.TOPICS}),
        "statuses": suppress_small_counts({code: by_status.get(code, 0) for code in choices.STATUSES}),
    }
