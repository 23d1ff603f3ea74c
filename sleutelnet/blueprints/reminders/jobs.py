"""Job functions of reminders (queue "reminders"; RQ cron via the manifest, or `flask reminders sweep`).

- `sweep_all()` / `digest_all()` — national, scheduled: enqueue one job per active municipality with its
  tenant id passed explicitly. They only enqueue; two schedulers by accident cost a second, harmless sweep.
- `sweep_tenant(tenant_id)` / `digest_tenant(tenant_id)` — run inside that tenant's context (set by
  `workers.runtime.execute`, and again by `dispatch.sweep`). Idempotent by construction (see dispatch.py).
"""
from __future__ import annotations

from datetime import date

from ...platform.extensions import db
from ...tenants.models import Tenant
from . import dispatch


def _day(value) -> date | None:
    return date.fromisoformat(value) if isinstance(value, str) else value


def sweep_tenant(tenant_id: int, today: str | None = None) -> dict:
    return dispatch.sweep(int(tenant_id), _day(today))


def digest_tenant(tenant_id: int, today: str | None = None) -> dict:
    return dispatch.send_digests(int(tenant_id), _day(today))


def active_tenant_ids() -> list[int]:
    return list(db.session.scalars(db.select(Tenant.id).filter_by(active=True).order_by(Tenant.id)))


def _enqueue_all(func: str) -> int:
    from ...workers.queues import enqueue
    from ...workers.runtime import app_instance

    with app_instance().app_context():
        today = dispatch.today_local().isoformat()
        ids = active_tenant_ids()
        for tenant_id in ids:
            enqueue(func, queue="reminders", tenant_id=tenant_id, today=today)
        db.session.commit()
        from ...workers.queues import flush

        while flush(limit=500)["dispatched"]:
            pass
        return len(ids)


def sweep_all() -> int:
    """Scheduled: one sweep per active municipality on the "reminders" queue."""
    return _enqueue_all("sleutelnet.blueprints.reminders.jobs.sweep_tenant")


def digest_all() -> int:
    """Scheduled daily: one digest job per active municipality."""
    return _enqueue_all("sleutelnet.blueprints.reminders.jobs.digest_tenant")
