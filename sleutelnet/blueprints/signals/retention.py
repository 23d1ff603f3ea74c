"""Retention of signal texts (AVG art. 5(1)(e)): the description of a closed signal is purged
`retention_months` after closing (default 24, a coordinator setting). Codes and dates stay, so counts,
indicators and the history keep working; the access log stays too.

Idempotent by construction: a purged signal has `purged_at` set and is never selected again. The scheduled
job (`run_purge_job`) lists the active tenants under `cross_tenant("retention")` and enqueues one job per
tenant with its tenant id explicit (`purge_tenant_job`, run inside `tenant_context(tenant_id)` by the worker
runtime, with the queue's timeout and retries), so one tenant's failure is retried on its own; `purge_all`
does the same in one process (direct calls, tests).
"""
from __future__ import annotations

import logging
from datetime import date

from dateutil.relativedelta import relativedelta

from ...platform import audit
from ...platform.extensions import db
from ...platform.models import utcnow
from ...platform.tenancy import cross_tenant, current_tenant_id, tenant_context
from ...tenants.models import Tenant
from .models import Signal
from .services import get_settings, stored_settings

log = logging.getLogger(__name__)


def months_before(day: date, months: int) -> date:
    """The same day `months` calendar months earlier (clamped to the month's last day)."""
    return day - relativedelta(months=months)


def purge_cutoff(today: date | None = None) -> date:
    return months_before(today or date.today(), get_settings().retention_months)


def due_for_purge(today: date | None = None) -> list[int]:
    cutoff = purge_cutoff(today)
    return list(db.session.scalars(db.select(Signal.id).where(
        Signal.status == "closed", Signal.closed_on <= cutoff, Signal.purged_at.is_(None)).order_by(Signal.id)))


def purge_tenant(tenant_id: int, today: date | None = None) -> int:
    """Purge the current tenant's expired texts; commits. Must run inside `tenant_context(tenant_id)`."""
    ids = due_for_purge(today)
    now = utcnow()
    for signal in db.session.scalars(db.select(Signal).where(Signal.id.in_(ids))) if ids else ():
        signal.description = None
        signal.purged_at = now
        audit.record("signal.text_purged", object_type="signal", object_id=signal.id, actor_id=None,
                     detail="retention")
    settings = stored_settings()
    settings.last_purge_at, settings.last_purge_count = now, len(ids)
    db.session.commit()
    return len(ids)


def active_tenant_ids() -> list[int]:
    with cross_tenant("retention"):
        ids = list(db.session.scalars(db.select(Tenant.id).filter_by(active=True).order_by(Tenant.id)))
        db.session.commit()
    return ids


def purge_all(today: date | None = None) -> dict[int, int | None]:
    results: dict[int, int | None] = {}
    for tenant_id in active_tenant_ids():
        with tenant_context(tenant_id):
            try:
                results[tenant_id] = purge_tenant(tenant_id, today)
            except Exception:  # noqa: BLE001 - one tenant's failure must not stop the others
                db.session.rollback()
                log.exception("signal retention failed for tenant %s", tenant_id)
                results[tenant_id] = None
    return results


def purge_tenant_job(tenant_id: int) -> int:
    """One tenant's purge as a queued job: the worker runtime puts it inside `tenant_context(tenant_id)`."""
    if current_tenant_id() != tenant_id:
        raise RuntimeError("purge_tenant_job must run in the context of its own tenant")
    return purge_tenant(tenant_id)


def schedule_purges() -> list[int]:
    """Enqueue one purge job per active tenant (tenant id explicit; timeouts and retries from the queue)."""
    from ...workers.queues import enqueue, flush

    tenant_ids = active_tenant_ids()
    for tenant_id in tenant_ids:
        enqueue("sleutelnet.blueprints.signals.retention.purge_tenant_job", queue="reports", tenant_id=tenant_id)
    db.session.commit()
    flush()  # to Redis, or run inline when there is none
    return tenant_ids


def run_purge_job() -> list[int]:
    """Scheduled (manifest `jobs`, nightly): works from a worker, `rq cron` or a direct call."""
    from ...workers.runtime import app_instance

    with app_instance().app_context():
        return schedule_purges()
