"""Queues, enqueueing after commit, and the inline fallback when there is no Redis."""
from __future__ import annotations

import json
import logging

from flask import current_app
from sqlalchemy import event

from ..platform.extensions import db
from ..platform.models import utcnow
from .execution import execute, resolve
from .outbox import OutboxJob

log = logging.getLogger(__name__)

QUEUES = ("default", "mail", "reports", "reminders")
# Per-queue limits: explicit timeouts and retries for every job.
JOB_TIMEOUT = {"default": 120, "mail": 60, "reports": 600, "reminders": 120}
RETRY_INTERVALS = [10, 60, 300]

_redis_override = None  # tests may inject a Redis-compatible connection (fakeredis)


def set_redis_connection(conn) -> None:
    global _redis_override
    _redis_override = conn


def redis_connection():
    if _redis_override is not None:
        return _redis_override
    from redis import Redis

    return Redis.from_url(current_app.config["REDIS_URL"], socket_connect_timeout=2, socket_timeout=5)


def redis_enabled() -> bool:
    return _redis_override is not None or bool(current_app.config.get("REDIS_URL"))


def enqueue(func_path: str, *, queue: str = "default", tenant_id: int | None = None, **kwargs) -> OutboxJob:
    """Record a job in the current transaction; it is dispatched once the transaction commits."""
    if queue not in QUEUES:
        raise ValueError(f"unknown queue {queue}")
    resolve(func_path)  # fail now, not in the worker, on a typo
    row = OutboxJob(func=func_path, queue=queue, tenant_id=tenant_id, kwargs_json=json.dumps(kwargs))
    db.session.add(row)
    db.session.info.setdefault("outbox_pending", True)
    return row


def _dispatch_to_redis(row: OutboxJob) -> None:
    from rq import Queue, Retry

    q = Queue(row.queue, connection=redis_connection())
    kwargs = dict(row.kwargs)
    if row.tenant_id is not None:
        kwargs["tenant_id"] = row.tenant_id
    q.enqueue_call(
        "sleutelnet.workers.runtime.run_job",
        kwargs={"func_path": row.func, "kwargs": kwargs, "outbox_id": row.id},
        job_id=row.job_id, timeout=JOB_TIMEOUT[row.queue],
        retry=Retry(max=len(RETRY_INTERVALS), interval=RETRY_INTERVALS),
    )


def _run_inline(row: OutboxJob) -> None:
    kwargs = dict(row.kwargs)
    if row.tenant_id is not None:
        kwargs["tenant_id"] = row.tenant_id
    execute(row.func, kwargs)


def flush(limit: int = 200) -> dict:
    """Dispatch pending outbox rows. Returns counts; safe to call at any time, from any process.

    Each row is claimed with `FOR UPDATE SKIP LOCKED` (PostgreSQL; SQLite serialises writers anyway),
    so two flushers — a web process and the periodic job — never dispatch the same row. The row is
    marked `dispatched` and flushed *before* the job reaches Redis: the worker's `done` can then only
    land after this commit, never be overwritten by it.
    """
    from redis.exceptions import ConnectionError as RedisConnectionError
    from redis.exceptions import TimeoutError as RedisTimeoutError

    counts = {"dispatched": 0, "failed": 0}
    ids = db.session.scalars(
        db.select(OutboxJob.id).filter_by(status="pending").order_by(OutboxJob.id).limit(limit)
    ).all()
    for row_id in ids:
        row = db.session.scalar(
            db.select(OutboxJob).filter_by(id=row_id, status="pending")
            .with_for_update(skip_locked=True).execution_options(populate_existing=True)
        )
        if row is None:  # another process has it, or has done it
            continue
        row.attempts += 1
        try:
            if redis_enabled():
                row.status, row.dispatched_at, row.last_error = "dispatched", utcnow(), None
                db.session.flush()
                _dispatch_to_redis(row)
            else:
                _run_inline(row)
                row.status, row.dispatched_at, row.last_error = "done", utcnow(), None
                row.kwargs_json = "{}"
            db.session.commit()
            counts["dispatched"] += 1
        except Exception as exc:  # noqa: BLE001 - Redis down or inline job failed: keep it pending
            log.warning("outbox %s not dispatched: %s", row_id, exc)
            # Undo whatever a failed inline job left in the session (a failed flush would otherwise
            # make the commit below raise), then record the attempt on a fresh copy of the row.
            db.session.rollback()
            row = db.session.get(OutboxJob, row_id)
            row.attempts += 1
            row.last_error = str(exc)[:300]
            if not redis_enabled() and row.attempts >= len(RETRY_INTERVALS) + 1:
                row.status = "failed"
            db.session.commit()
            counts["failed"] += 1
            if isinstance(exc, (RedisConnectionError, RedisTimeoutError)):
                break  # Redis is down: leave the rest pending instead of waiting on it once per row
    return counts


def pending_count() -> int:
    return db.session.scalar(db.select(db.func.count()).select_from(OutboxJob).filter_by(status="pending"))


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
