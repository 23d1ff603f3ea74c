"""The report job (queue "reports"): render one council report from a frozen snapshot.

Idempotent by construction: the `CouncilReport` row exists before the job runs and is claimed with a
conditional update (pending/failed → running); a report that is done is never rendered again. The file
is written atomically under a name with a random token, then the row is marked done with its content hash.
Memory: RQ runs every job in a freshly forked work horse, so WeasyPrint's memory is returned after each
report; reports are bounded (one network, at most three years, a fixed set of sections).
"""
from __future__ import annotations

import json
import logging
import time

from ...platform import audit
from ...platform.extensions import db
from ...platform.files import write_atomic
from ...platform.models import utcnow
from ..network.models import Network
from .models import CouncilReport

log = logging.getLogger(__name__)


def generate_report(report_id: int, tenant_id: int) -> str:
    from . import render, services, snapshot

    claimed = db.session.execute(
        db.update(CouncilReport).where(CouncilReport.id == report_id, CouncilReport.tenant_id == tenant_id,
                                       CouncilReport.status.in_(("pending", "failed")))
        .values(status="running", started_at=utcnow(), attempts=CouncilReport.attempts + 1)
        .execution_options(synchronize_session=False)).rowcount
    db.session.commit()
    report = db.session.scalar(db.select(CouncilReport).filter_by(id=report_id))
    if report is None:
        return "missing"
    if not claimed:
        return f"already-{report.status}"
    try:
        started = time.perf_counter()
        network = db.session.scalar(db.select(Network).filter_by(id=report.network_id))
        from ...platform.i18n import in_language

        with in_language(report.language):
            data = snapshot.build(network, tenant_id, report.period_start, report.period_end)
        pdf, digest = render.pdf(data, report.language)
        write_atomic(services.file_path(report), pdf)
        elapsed = int((time.perf_counter() - started) * 1000)
    except Exception as exc:
        db.session.rollback()
        report = db.session.scalar(db.select(CouncilReport).filter_by(id=report_id))
        report.status, report.error = "failed", type(exc).__name__[:200]
        audit.record("reports.failed", object_type="council_report", object_id=report.id, result="error",
                     actor_id=report.requested_by_id)
        db.session.commit()
        log.exception("council report %s failed", report_id)
        raise
    report.status, report.error, report.generated_at = "done", None, utcnow()
    report.snapshot_json = json.dumps(data, ensure_ascii=False)
    report.content_hash, report.pdf_size, report.render_ms = digest, len(pdf), elapsed
    audit.record("reports.generated", object_type="council_report", object_id=report.id,
                 actor_id=report.requested_by_id, detail=f"sha256={digest[:16]}")
    db.session.commit()
    return "done"
