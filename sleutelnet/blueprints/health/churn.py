"""Churn of a network (§3.3 "Uitval", "Blijvend aandacht voor werving"): inflow and outflow per quarter,
exit reasons (recorded by the register's exits), returners and median tenure. Aggregates only."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from statistics import median

from ...platform.extensions import db
from ..keypersons.models import KeyPerson, KeyPersonExit, KeyPersonStatusChange


@dataclass
class Quarter:
    label: str
    start: date
    end: date  # exclusive
    inflow: int = 0
    outflow: int = 0
    returners: int = 0


@dataclass
class Churn:
    quarters: list[Quarter]
    exit_reasons: dict[str, int]
    median_tenure_months: float | None  # of everyone who is or was active
    active_now: int

    @property
    def outflow_last_year(self) -> int:
        return sum(q.outflow for q in self.quarters[-4:])

    @property
    def inflow_last_year(self) -> int:
        return sum(q.inflow for q in self.quarters[-4:])


def quarter_start(day: date) -> date:
    return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def add_quarters(start: date, n: int) -> date:
    months = start.year * 12 + start.month - 1 + 3 * n
    return date(months // 12, months % 12 + 1, 1)


def quarters(today: date, count: int = 8) -> list[Quarter]:
    first = add_quarters(quarter_start(today), -(count - 1))
    out = []
    for i in range(count):
        start = add_quarters(first, i)
        out.append(Quarter(f"{start.year} K{(start.month - 1) // 3 + 1}", start, add_quarters(start, 1)))
    return out


def compute(network_id: int, today: date | None = None, count: int = 8, start: date | None = None,
            end: date | None = None) -> Churn:
    """Churn over the last `count` quarters (or the quarters overlapping [start, end)). Three queries."""
    today = today or date.today()
    qs = quarters(today, count) if start is None else _span(start, end)
    changes = db.session.execute(
        db.select(KeyPersonStatusChange.person_id, KeyPersonStatusChange.changed_on, KeyPersonStatusChange.from_status,
                  KeyPersonStatusChange.to_status)
        .join(KeyPerson, KeyPerson.id == KeyPersonStatusChange.person_id)
        .filter(KeyPerson.network_id == network_id)
        .order_by(KeyPersonStatusChange.person_id, KeyPersonStatusChange.changed_on, KeyPersonStatusChange.id)).all()
    first_active: dict[int, date] = {}
    left: dict[int, date] = {}
    for pid, on, before, after in changes:
        q = next((q for q in qs if q.start <= on < q.end), None)
        if after in ("active", "returned") and pid not in first_active:
            first_active[pid] = on
            if q:
                q.inflow += 1
        elif after == "returned" or (after == "active" and before == "exited"):
            if q:
                q.returners += 1
        if after == "exited":
            left[pid] = on
            if q:
                q.outflow += 1
        elif pid in left and after in ("active", "returned"):
            left.pop(pid)
    lo, hi = qs[0].start, qs[-1].end
    reasons = dict(db.session.execute(
        db.select(KeyPersonExit.reason, db.func.count()).join(KeyPerson, KeyPerson.id == KeyPersonExit.person_id)
        .filter(KeyPerson.network_id == network_id, KeyPersonExit.exited_on >= lo, KeyPersonExit.exited_on < hi)
        .group_by(KeyPersonExit.reason)).all())
    tenures = [((left.get(pid) or today) - since).days / 30.44 for pid, since in first_active.items()]
    active_now = db.session.scalar(db.select(db.func.count()).select_from(KeyPerson).filter(
        KeyPerson.network_id == network_id, KeyPerson.status.in_(("active", "returned"))))
    return Churn(qs, reasons, round(median(tenures), 1) if tenures else None, active_now)


def _span(start: date, end: date) -> list[Quarter]:
    out, q = [], quarter_start(start)
    while q < end:
        nxt = add_quarters(q, 1)
        out.append(Quarter(f"{q.year} K{(q.month - 1) // 3 + 1}", q, nxt))
        q = nxt
    return out
