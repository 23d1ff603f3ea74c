"""Retention periods (AVG art. 5(1)(e), storage limitation), per tenant, applied by a scheduled job.

- People who left the network are anonymised `anonymise_exited_after_months` after the date they left
  (default 24) — the same anonymisation as an erasure request (erasure.py).
- Rows of the access log older than `access_log_months` (default 24) are deleted. This job is the only
  place that deletes from that otherwise append-only log; it uses a bulk DELETE, which the log's
  per-row guard does not see, and the tenancy guard still scopes to the tenant being visited.
- Export files are removed `EXPORT_DOWNLOAD_DAYS` after they were made.

`apply_retention_all()` lists the active tenants under `cross_tenant("retention")` and then works inside
`tenant_context(tenant.id)` for each, committing per tenant, so a failure in one tenant leaves the others done.
"""
from __future__ import annotations

import calendar
import logging
from datetime import date, datetime, time, timedelta, timezone

from flask_babel import gettext as _

from ...platform import audit
from ...platform.extensions import db
from ...platform.kernel import stored_or_added
from ...platform.models import utcnow
from ...platform.tenancy import cross_tenant, tenant_context
from ...tenants.models import Tenant
from ..keypersons.models import KeyPerson, KeyPersonAccess
from ..keypersons.services import current_actor_id
from . import exports
from .erasure import erase_person
from .errors import PrivacyError
from .settings import get_settings  # noqa: F401  (part of this module's interface)
from .models import EXPORT_DOWNLOAD_DAYS, Erasure, ExportRequest, RetentionSetting

log = logging.getLogger(__name__)

MIN_MONTHS, MAX_MONTHS = 1, 120


def months_before(day: date, months: int) -> date:
    """The same day `months` calendar months earlier (clamped to the month's last day)."""
    year, month = divmod(day.year * 12 + (day.month - 1) - months, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _stored_settings() -> RetentionSetting:
    return stored_or_added(RetentionSetting, get_settings)


def _check_months(value, field: str) -> int:
    if not isinstance(value, int) or not MIN_MONTHS <= value <= MAX_MONTHS:
        raise PrivacyError(_("Enter a number of months from %(min)d to %(max)d.", min=MIN_MONTHS, max=MAX_MONTHS),
                           field)
    return value


def save_settings(*, anonymise_exited_after_months: int, access_log_months: int,
                  actor_id: int | None = None) -> RetentionSetting:
    _check_months(anonymise_exited_after_months, "anonymise_exited_after_months")
    _check_months(access_log_months, "access_log_months")
    actor_id = actor_id if actor_id is not None else current_actor_id()
    settings = _stored_settings()
    settings.anonymise_exited_after_months = anonymise_exited_after_months
    settings.access_log_months = access_log_months
    settings.updated_at = utcnow()
    settings.updated_by_id = actor_id
    audit.record("privacy.retention_changed", object_type="retention", object_id=None, actor_id=actor_id,
                 detail=f"anonymise_after={anonymise_exited_after_months} access_log={access_log_months}")
    db.session.commit()
    return settings


def due_for_anonymisation(today: date | None = None) -> list[int]:
    """Ids of people who left on or before the cutoff and are not anonymised yet."""
    today = today or date.today()
    cutoff = months_before(today, get_settings().anonymise_exited_after_months)
    erased = db.select(Erasure.person_id)
    return list(db.session.scalars(
        db.select(KeyPerson.id).where(KeyPerson.status == "exited", KeyPerson.status_since <= cutoff,
                                      KeyPerson.id.not_in(erased)).order_by(KeyPerson.id)))


def apply_retention_for_tenant(today: date | None = None) -> dict:
    """Apply the current tenant's retention periods; commits. Returns counts."""
    today = today or date.today()
    settings = _stored_settings()
    anonymised = 0
    for person_id in due_for_anonymisation(today):
        erase_person(person_id, reason="retention", actor_id=None, commit=False)
        anonymised += 1
    log_cutoff = datetime.combine(months_before(today, settings.access_log_months), time.min, tzinfo=timezone.utc)
    deleted = db.session.execute(
        db.delete(KeyPersonAccess).where(KeyPersonAccess.at < log_cutoff)
        .execution_options(synchronize_session=False)).rowcount or 0
    export_cutoff = utcnow() - timedelta(days=EXPORT_DOWNLOAD_DAYS)
    removed = 0
    for req in db.session.scalars(db.select(ExportRequest).where(ExportRequest.status == "done",
                                                                 ExportRequest.completed_at < export_cutoff)):
        exports.remove_files(req, "expired")
        removed += 1
    summary = f"anonymised={anonymised} access_log_deleted={deleted} exports_removed={removed}"
    settings.last_run_at = utcnow()
    settings.last_run_summary = summary
    audit.record("privacy.retention_applied", object_type="retention", actor_id=None, detail=summary)
    db.session.commit()
    return {"anonymised": anonymised, "access_log_deleted": deleted, "exports_removed": removed}


def active_tenant_ids() -> list[int]:
    with cross_tenant("retention"):
        ids = list(db.session.scalars(db.select(Tenant.id).filter_by(active=True).order_by(Tenant.id)))
        db.session.commit()  # end the cross-tenant transaction before any tenant's data is touched
    return ids


def apply_retention_all(today: date | None = None) -> dict[int, dict]:
    results = {}
    for tenant_id in active_tenant_ids():
        with tenant_context(tenant_id):
            try:
                results[tenant_id] = apply_retention_for_tenant(today)
            except Exception:  # noqa: BLE001 - one tenant's failure must not stop the others
                db.session.rollback()
                log.exception("retention failed for tenant %s", tenant_id)
                results[tenant_id] = {"error": True}
    return results
