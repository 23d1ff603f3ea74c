"""Job functions of the privacy area (run by RQ workers, or inline after the commit without Redis).

- `generate_export(export_id, tenant_id)` — queue "reports", enqueued with an explicit tenant_id; runs in
  that tenant's context (set by `workers.runtime.execute`). Idempotent: the `ExportRequest` row is the unit
  of work, and a request that is done (or whose person was erased meanwhile) is left alone.
- `apply_retention()` — scheduled daily; visits every active tenant in turn (see retention.py).
"""
from __future__ import annotations

import logging

from ...platform import audit
from ...platform.extensions import db
from ...platform.files import write_atomic
from ...platform.models import utcnow
from .models import ExportRequest

log = logging.getLogger(__name__)


def generate_export(export_id: int, tenant_id: int) -> str:
    from . import exports

    req = db.session.scalar(db.select(ExportRequest).filter_by(id=export_id))
    if req is None or req.tenant_id != tenant_id:
        return "missing"
    if req.status != "pending" and req.status != "failed":
        return f"already-{req.status}"
    if exports.is_erased(req.person_id):
        req.status = "erased"
        db.session.commit()
        return "erased"
    req.attempts += 1
    db.session.commit()
    try:
        json_bytes, pdf_bytes = exports.build_files(req.person_id)
        write_atomic(exports.file_path(req, "json"), json_bytes)
        write_atomic(exports.file_path(req, "pdf"), pdf_bytes)
    except Exception as exc:
        db.session.rollback()
        req = db.session.scalar(db.select(ExportRequest).filter_by(id=export_id))
        req.status = "failed"
        req.error = type(exc).__name__[:200]
        audit.record("privacy.export_failed", object_type="keyperson", object_id=req.person_id, result="error",
                     actor_id=req.requested_by_id, detail=f"export={req.id}")
        db.session.commit()
        log.exception("export %s failed", export_id)
        raise
    req.status = "done"
    req.error = None
    req.completed_at = utcnow()
    req.json_size, req.pdf_size = len(json_bytes), len(pdf_bytes)
    audit.record("privacy.export_generated", object_type="keyperson", object_id=req.person_id,
                 actor_id=req.requested_by_id, detail=f"export={req.id}")
    db.session.commit()
    return "done"


def apply_retention() -> dict:
    """Scheduled (cron_config.py, daily): anonymise people who left long ago, prune old access-log rows and
    expired export files, tenant by tenant. Runs in its own app context, so it works from a worker, from
    `rq cron`, or called directly (`flask privacy retention` does the same)."""
    from ...workers.execution import app_instance
    from .retention import apply_retention_all

    with app_instance().app_context():
        return apply_retention_all()
