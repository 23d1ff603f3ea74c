"""What a worker process runs: an app context per process, the tenant context per job, and the claim
that makes one run — and only one — the owner of an outbox row."""
from __future__ import annotations

import logging

from ..platform.extensions import db
from ..platform.models import utcnow
from ..platform.uow import unit_of_work
# execute/set_app/app_instance live in execution.py (no import cycle); re-exported for older callers
from .execution import (_mark_done, _running, app_instance, current_outbox_id, execute,  # noqa: F401
                        execute_for_row, set_app)
from .outbox import DISPATCHED, DONE, FAILED, PENDING, RUNNING, OutboxJob

log = logging.getLogger(__name__)

def _claim(outbox_id: int, job_id: str, worker: str) -> str:
    """Make this run the owner of the row: "claimed", or why not ("already-done", "superseded", ...)."""
    mine = OutboxJob.rq_job_id == job_id
    legacy = OutboxJob.rq_job_id.is_(None) & OutboxJob.status.in_((PENDING, DISPATCHED))  # pushed by hand
    claimed = db.session.execute(
        db.update(OutboxJob)
        .where(OutboxJob.id == outbox_id, OutboxJob.status.in_((PENDING, DISPATCHED, RUNNING)), mine | legacy)
        .values(status=RUNNING, rq_job_id=job_id, runs=OutboxJob.runs + 1, claimed_at=utcnow(), claimed_by=worker)
    ).rowcount
    db.session.commit()
    if claimed == 1:
        return "claimed"
    row = db.session.get(OutboxJob, outbox_id, populate_existing=True)
    db.session.commit()
    if row is None:
        return "missing"
    if row.status in (DONE, FAILED):
        return f"already-{row.status}"
    return "superseded"  # the reaper pushed a newer job for this row; that one does the work


def _record_failure(outbox_id: int, job_id: str, exc: BaseException) -> None:
    from . import settings
    from .effects import EffectInFlight

    db.session.rollback()
    row = db.session.get(OutboxJob, outbox_id, populate_existing=True)
    if row is None or row.rq_job_id != job_id or row.status != RUNNING:
        db.session.commit()
        return
    counts = not isinstance(exc, EffectInFlight)  # waiting for another run's effect is not a failure
    failures = row.failures + (1 if counts else 0)
    give_up = failures >= settings.number("JOB_MAX_FAILURES")
    db.session.execute(
        db.update(OutboxJob).where(OutboxJob.id == outbox_id, OutboxJob.rq_job_id == job_id,
                                   OutboxJob.status == RUNNING)
        .values(failures=failures, last_error=f"{type(exc).__name__}: {exc}"[:300],
                status=FAILED if give_up else RUNNING)
    )
    db.session.commit()
    if give_up:
        log.error("outbox %s failed %d times; given up (status failed): %s", outbox_id, failures, exc)


def _defer(outbox_id: int, job_id: str, exc: BaseException) -> bool:
    """An effect of this job is claimed by another run that may still be sending it: instead of spending
    one of RQ's retries (10 s, 60 s, 5 min), hand the row to a new job that runs when the claim expires."""
    from .effects import EffectInFlight
    from .queues import hand_on

    if not isinstance(exc, EffectInFlight):
        return False
    db.session.rollback()
    row = db.session.get(OutboxJob, outbox_id, populate_existing=True)
    db.session.commit()
    if row is None or row.status != RUNNING or row.rq_job_id != job_id:
        return False
    try:
        new_id = hand_on(outbox_id, RUNNING, job_id, row.attempts, f"waits {exc.retry_after:.0f}s for an effect "
                         "claimed by another run", delay=exc.retry_after)
    except Exception:  # noqa: BLE001 - Redis trouble: fall back on RQ's own retry
        log.warning("outbox %s: could not defer job %s", outbox_id, job_id, exc_info=True)
        return False
    log.info("outbox %s: %s; runs again as %s in %.0fs", outbox_id, exc, new_id, exc.retry_after)
    return new_id is not None


def run_job(func_path: str, kwargs: dict, outbox_id: int | None = None):
    """Entry point RQ calls: claim the row, run the job, mark the row done in the job's transaction."""
    from rq import get_current_job

    from .effects import worker_identity

    app = app_instance()
    with app.app_context():
        job = get_current_job()
        job_id = job.id if job is not None else None
        if outbox_id is not None and job_id is not None:
            state = _claim(outbox_id, job_id, worker_identity())
            if state != "claimed":
                log.info("outbox %s: job %s not run (%s)", outbox_id, job_id, state)
                return state
        marked = True
        try:
            with _running(outbox_id), unit_of_work():  # the work and the done-mark commit together
                result = execute(func_path, kwargs)
                if outbox_id is not None and job_id is not None:
                    marked = _mark_done(outbox_id, OutboxJob.rq_job_id == job_id)
        except BaseException as exc:
            if outbox_id is not None and job_id is not None:
                if _defer(outbox_id, job_id, exc):
                    return "deferred"
                _record_failure(outbox_id, job_id, exc)
            else:
                db.session.rollback()
            raise
        if not marked:
            log.warning("outbox %s: job %s finished after the row was handed to a newer job", outbox_id, job_id)
        if db.session.info.pop("outbox_flush_due", False):
            from .queues import flush

            flush()  # jobs this job enqueued go out now, not at the next periodic flush
        return result
