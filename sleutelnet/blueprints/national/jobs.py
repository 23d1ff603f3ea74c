"""Jobs of the national benchmarks (RQ workers, or inline after the commit without Redis).

- `compute_tenant(tenant_id, period)` — queue "default", one per municipality, with an explicit tenant id;
  `workers.runtime.execute` runs it inside `tenant_context(tenant_id)` (checked again here). It reads the
  municipality's own register and opt-ins and writes only its own rows of the platform table
  `national_indicator_values`. Idempotent: the row per (municipality, quarter, indicator) is replaced;
  an indicator the municipality withdrew from is removed for this quarter (earlier quarters stay).
- `aggregate_period(period, close)` — queue "default", the national aggregation (aggregation.py).
- `compute_all(period, close)` — fans out: one `compute_tenant` per active municipality, then the
  aggregation (same queue, FIFO: it runs after them on a single worker; run again, it only refreshes).
- `scheduled()` — daily (manifest): the current quarter, provisional, and the previous one once more,
  closed, until it is closed.
"""
from __future__ import annotations

import logging
from datetime import date

from ...platform.extensions import db
from ...platform.features import collect, indicator_run, once
from ...platform.models import utcnow
from ...platform.tenancy import TenantContextError, current_tenant_id
from ...tenants.models import Tenant
from . import aggregation, indicators, periods, services
from .models import IndicatorValue, Period

log = logging.getLogger(__name__)


def compute_tenant(tenant_id: int, period: str) -> dict:
    result = _compute(tenant_id, period)
    db.session.commit()
    return result


def _compute(tenant_id: int, period: str) -> dict:
    """The work of `compute_tenant`, without the commit: the quarter's rows of this municipality are
    replaced as a whole (delete + insert in the caller's transaction; the unique key makes a double run
    impossible to count twice)."""
    if current_tenant_id() != tenant_id:
        raise TenantContextError("compute_tenant runs inside the municipality's own tenant context")
    start, end = periods.bounds(period)
    opted = once(("national.opt_ins",), services.opt_ins)
    rows = []
    with indicators.snapshot(tenant_id), indicator_run():
        for indicator in collect("indicators"):
            if not opted.get(indicator.code, indicator.opt_in_default):
                continue  # not shared (or withdrawn): no row for this quarter
            try:
                result = indicator.compute(tenant_id, start, end)
            except Exception:  # noqa: BLE001 - one broken indicator must not stop the others
                log.exception("indicator %s failed for tenant %s", indicator.code, tenant_id)
                continue
            if result is None or result.get("value") is None:
                continue
            rows.append({"tenant_id": tenant_id, "period": period, "indicator": indicator.code,
                         "value": float(result["value"]), "n_persons": int(result.get("n_persons") or 0),
                         "computed_at": utcnow()})
    db.session.execute(db.delete(IndicatorValue).where(IndicatorValue.tenant_id == tenant_id,
                                                       IndicatorValue.period == period))
    if rows:
        db.session.execute(db.insert(IndicatorValue), rows)
    return {"written": len(rows)}


def compute_tenant_periods(tenant_id: int, codes: list[str], commit: bool = True) -> None:
    """Several quarters for one municipality with one read of its register and of what does not depend on
    the quarter (`indicator_run`; demo data, bench)."""
    with indicators.snapshot(tenant_id), indicator_run():
        for code in codes:
            _compute(tenant_id, code)
    if commit:
        db.session.commit()


def aggregate_period(period: str, close: bool = False) -> dict:
    return aggregation.aggregate(period, close=close)


def compute_all(period: str | None = None, close: bool = False) -> int:
    """Enqueue the per-municipality jobs and then the aggregation; returns the number of municipalities."""
    from ...workers.queues import enqueue

    period = period or periods.code_of(date.today())
    tenant_ids = db.session.scalars(db.select(Tenant.id).where(Tenant.active.is_(True)).order_by(Tenant.id)).all()
    for tenant_id in tenant_ids:
        enqueue("sleutelnet.blueprints.national.jobs.compute_tenant", tenant_id=tenant_id, period=period)
    enqueue("sleutelnet.blueprints.national.jobs.aggregate_period", period=period, close=close)
    db.session.commit()
    return len(tenant_ids)


def scheduled() -> None:
    from ...workers.runtime import app_instance

    with app_instance().app_context():
        today = date.today()
        previous = periods.shift(periods.code_of(today), -1)
        row = db.session.get(Period, previous)
        if row is None or not row.closed:
            compute_all(previous, close=True)
        compute_all(periods.code_of(today))
