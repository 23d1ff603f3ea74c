"""Queues, dispatch after commit, and the inline fallback when there is no Redis.

Dispatch claims a `pending` row with a conditional UPDATE (`WHERE status = 'pending' AND attempts = n`,
after `FOR UPDATE SKIP LOCKED` on PostgreSQL so concurrent flushers pass each other by), commits the
claim, then pushes the job under a fresh id guarded by `SET NX`: a job id is never queued twice. A push
that fails puts the row back to `pending`; a flusher that dies after its commit leaves a `dispatched`
row without a job, which the reaper (recovery.py) pushes again.
"""
from __future__ import annotations

import json
import logging
import os

from flask import current_app
from sqlalchemy import event

from ..platform.extensions import db
from ..platform.models import utcnow
from . import settings
from .execution import resolve  # noqa: F401 - older callers name it here
from .outbox import DISPATCHED, DONE, FAILED, PENDING, RUNNING, OutboxJob, rq_job_id_for

log = logging.getLogger(__name__)

QUEUES = ("default", "mail", "reports", "reminders")
# Per-queue limits: explicit timeouts and retries for every job.
JOB_TIMEOUT = {"default": 120, "mail": 60, "reports": 600, "reminders": 120}
RETRY_INTERVALS = [10, 60, 300]  # the default of settings JOB_RETRY_INTERVALS
PUSH_GUARD_TTL = 7 * 24 * 3600

_redis_override = None  # tests may inject a Redis-compatible connection (fakeredis)
_clients: dict[tuple[str, int], object] = {}


def set_redis_connection(conn) -> None:
    global _redis_override
    _redis_override = conn


def redis_connection():
    """One client (and connection pool) per URL and process; forked work horses make their own."""
    if _redis_override is not None:
        return _redis_override
    from redis import Redis

    key = (current_app.config["REDIS_URL"], os.getpid())
    if key not in _clients:
        _clients[key] = Redis.from_url(key[0], socket_connect_timeout=2, socket_timeout=5)
    return _clients[key]


def redis_enabled() -> bool:
    return _redis_override is not None or bool(current_app.config.get("REDIS_URL"))


def redis_errors() -> tuple[type[Exception], ...]:
    from redis.exceptions import ConnectionError as RedisConnectionError
    from redis.exceptions import TimeoutError as RedisTimeoutError

    return RedisConnectionError, RedisTimeoutError


def enqueue(func_path: str, *, queue: str = "default", tenant_id: int | None = None, **kwargs) -> OutboxJob:
    """Record a job in the current transaction; it is dispatched once the transaction commits."""
    if queue not in QUEUES:
        raise ValueError(f"unknown queue {queue}")
    resolve(func_path)  # fail now, not in the worker, on a typo
    row = OutboxJob(func=func_path, queue=queue, tenant_id=tenant_id, kwargs_json=json.dumps(kwargs))
    db.session.add(row)
    db.session.info.setdefault("outbox_pending", True)
    return row


def job_kwargs(row: OutboxJob) -> dict:
    kwargs = dict(row.kwargs)
    if row.tenant_id is not None:
        kwargs["tenant_id"] = row.tenant_id
    return kwargs


def _dispatch_to_redis(row: OutboxJob, delay: float = 0) -> bool:
    """Push the row's current RQ job (to run after `delay` seconds); False when that job id was pushed
    before (nothing is queued then)."""
    from datetime import timedelta

    from rq import Queue, Retry

    conn = redis_connection()
    if not conn.set(f"sleutelnet:pushed:{row.job_id}", row.id, nx=True, ex=PUSH_GUARD_TTL):
        log.info("outbox %s: job %s was queued before; not queued again", row.id, row.job_id)
        return False
    intervals = settings.intervals()
    options = dict(kwargs={"func_path": row.func, "kwargs": job_kwargs(row), "outbox_id": row.id},
                   # the payload may hold addresses and links: keep finished and failed jobs briefly
                   # (the outbox row is the record; RQ's default for failed jobs is a year)
                   job_id=row.job_id, job_timeout=JOB_TIMEOUT[row.queue], result_ttl=600,
                   failure_ttl=7 * 24 * 3600, retry=Retry(max=len(intervals), interval=intervals))
    queue = Queue(row.queue, connection=conn)
    if delay > 0:
        queue.enqueue_in(timedelta(seconds=delay), "sleutelnet.workers.runtime.run_job", **options)
    else:
        queue.enqueue("sleutelnet.workers.runtime.run_job", **options)
    return True


def hand_on(row_id: int, from_status: str, from_job_id: str, attempts: int, why: str, delay: float = 0) -> str | None:
    """Give a dispatched or running row a new RQ job (the reaper; a run waiting for an effect), if it is
    still in the state the caller saw. Returns the new job id, or None when the row had moved on. A
    failed push leaves the row pending for the next flush."""
    new_id = rq_job_id_for(row_id, attempts + 1)
    moved = db.session.execute(
        db.update(OutboxJob).where(OutboxJob.id == row_id, OutboxJob.status == from_status,
                                   OutboxJob.rq_job_id == from_job_id)
        .values(status=DISPATCHED, rq_job_id=new_id, attempts=attempts + 1, dispatched_at=utcnow(),
                last_error=f"job {from_job_id} {why}"[:300])
    ).rowcount
    db.session.commit()
    if moved != 1:
        return None
    try:
        _dispatch_to_redis(db.session.get(OutboxJob, row_id, populate_existing=True), delay)
    except Exception as exc:  # noqa: BLE001 - Redis went away again: the row waits for the next flush
        db.session.rollback()
        db.session.execute(db.update(OutboxJob).where(OutboxJob.id == row_id, OutboxJob.rq_job_id == new_id,
                                                      OutboxJob.status == DISPATCHED)
                           .values(status=PENDING, dispatched_at=None, last_error=str(exc)[:300]))
        db.session.commit()
        if isinstance(exc, redis_errors()):
            raise
    return new_id


def _claim_pending(row_id: int) -> OutboxJob | None:
    """pending → dispatched (Redis) or running (inline), committed; None if another process has it."""
    query = db.select(OutboxJob).filter_by(id=row_id, status=PENDING).execution_options(populate_existing=True)
    if db.session.get_bind().dialect.name == "postgresql":
        query = query.with_for_update(skip_locked=True)
    row = db.session.scalar(query)
    if row is None:
        db.session.commit()
        return None
    attempt, now = row.attempts + 1, utcnow()
    if redis_enabled():
        values = dict(status=DISPATCHED, rq_job_id=rq_job_id_for(row.id, attempt), dispatched_at=now)
    else:
        values = dict(status=RUNNING, claimed_at=now, runs=OutboxJob.runs + 1)
    claimed = db.session.execute(
        db.update(OutboxJob).where(OutboxJob.id == row_id, OutboxJob.status == PENDING,
                                   OutboxJob.attempts == row.attempts)
        .values(attempts=attempt, last_error=None, **values)
    ).rowcount
    db.session.commit()
    if claimed != 1:
        return None
    return db.session.get(OutboxJob, row_id, populate_existing=True)


def _release(row: OutboxJob, from_status: str, exc: BaseException, *, give_up: bool = False) -> None:
    """Put a claimed row back to pending (or failed), if it is still in the state this process left it."""
    db.session.rollback()
    db.session.execute(
        db.update(OutboxJob).where(OutboxJob.id == row.id, OutboxJob.status == from_status,
                                   OutboxJob.attempts == row.attempts)
        .values(status=FAILED if give_up else PENDING, dispatched_at=None, claimed_at=None,
                last_error=str(exc)[:300])
    )
    db.session.commit()


def _run_inline(row: OutboxJob) -> None:
    from .execution import execute_for_row

    execute_for_row(row.id, row.func, job_kwargs(row))


def flush(limit: int = 200) -> dict:
    """Dispatch pending outbox rows. Returns counts; safe to call at any time, from any process."""
    counts = {"dispatched": 0, "failed": 0}
    if not redis_enabled():
        _requeue_dead_inline_runs()
    ids = db.session.scalars(
        db.select(OutboxJob.id).filter_by(status=PENDING).order_by(OutboxJob.id).limit(limit)
    ).all()
    db.session.commit()
    for row_id in ids:
        row = _claim_pending(row_id)
        if row is None:  # another process has it, or has done it
            continue
        if redis_enabled():
            try:
                _dispatch_to_redis(row)
            except Exception as exc:  # noqa: BLE001 - Redis down (or refused the job): keep it pending
                log.warning("outbox %s not dispatched: %s", row_id, exc)
                _release(row, DISPATCHED, exc)
                counts["failed"] += 1
                if isinstance(exc, redis_errors()):
                    break  # Redis is down: leave the rest pending instead of waiting on it once per row
                continue
        else:
            try:
                _run_inline(row)
            except Exception as exc:  # noqa: BLE001 - the inline job failed: keep it for a later flush
                log.warning("outbox %s failed inline: %s", row_id, exc)
                _release(row, RUNNING, exc, give_up=row.attempts >= settings.number("JOB_MAX_FAILURES"))
                counts["failed"] += 1
                continue
        counts["dispatched"] += 1
    return counts


def _requeue_dead_inline_runs() -> None:
    """Without Redis a job runs inside the web process; if that process died mid-job, run it again."""
    from datetime import timedelta

    running = db.session.execute(db.select(OutboxJob.queue).where(
        OutboxJob.status == RUNNING, OutboxJob.rq_job_id.is_(None)).distinct()).scalars().all()
    for queue in running:
        cutoff = utcnow() - timedelta(seconds=JOB_TIMEOUT[queue] + settings.seconds("JOB_DISPATCH_TIMEOUT"))
        db.session.execute(
            db.update(OutboxJob).where(OutboxJob.status == RUNNING, OutboxJob.queue == queue,
                                       OutboxJob.rq_job_id.is_(None), OutboxJob.claimed_at < cutoff)
            .values(status=PENDING, last_error="the process running it inline died")
        )
    db.session.commit()


def pending_count() -> int:
    return db.session.scalar(db.select(db.func.count()).select_from(OutboxJob).filter_by(status=PENDING))


def status_counts(statuses: tuple[str, ...] = (PENDING, DISPATCHED, RUNNING, DONE, FAILED)) -> dict[str, int]:
    rows = db.session.execute(
        db.select(OutboxJob.status, db.func.count()).where(OutboxJob.status.in_(statuses)).group_by(OutboxJob.status)
    ).all()
    counts = {status: 0 for status in statuses}
    counts.update({status: n for status, n in rows})
    return counts


def init_outbox(app) -> None:
    """Flush after every commit that added outbox rows."""

    @event.listens_for(db.session, "after_commit")
    def _after_commit(session):
        if session.info.pop("outbox_pending", False):
            session.info["outbox_flush_due"] = True

    @app.after_request
    def _flush_after_request(response):
        session = db.session()
        if session.info.pop("outbox_flush_due", False):
            flush()
        return response
