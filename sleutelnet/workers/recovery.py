"""The reaper: outbox rows whose RQ job was lost are pushed again, so every job runs to completion.

A row is looked at when it is
  * `dispatched` for longer than JOB_DISPATCH_TIMEOUT — it should have been picked up or be waiting in
    a queue by then, or
  * `running` — a worker claimed it.
Its current RQ job (`rq_job_id`) decides:
  * queued, deferred, or scheduled for a retry that is not overdue: alive, left alone — except a job a
    worker took off its queue but has not started for 2 × WORKER_HEARTBEAT_SECONDS (that worker died in
    between; RQ never looks at such a job again);
  * started by a worker that is alive: left alone;
  * missing (Redis restarted empty, the push never happened), failed with no retries left, stopped,
    canceled, started by a dead worker (no heartbeat for WORKER_DEAD_AFTER, or its process on this host
    is gone), or a retry overdue because no scheduler runs: pushed again under a new job id — unless the
    job raised JOB_MAX_FAILURES times or was started JOB_MAX_RUNS times, then it is `failed` (logged).
    A `running` row whose job is missing waits out its queue's job timeout first: its run may still be
    going (RQ kills it at that timeout).
Every step is a conditional UPDATE on the state the reaper saw, so any number of reapers (every worker at
start and every JOB_RECOVERY_SECONDS, plus the scheduled job) can run at once; the old job, should it
still turn up, finds the row handed on and does nothing (runtime.run_job).
"""
from __future__ import annotations

import logging
import os
import socket
from datetime import datetime, timedelta, timezone

from ..platform.extensions import db
from ..platform.models import utcnow
from . import settings
from .outbox import DISPATCHED, FAILED, RUNNING, OutboxJob
from .queues import JOB_TIMEOUT, flush, hand_on, redis_connection, redis_enabled

log = logging.getLogger(__name__)

ALIVE, LOST = "alive", "lost"


def _aware(value: datetime | None) -> datetime | None:
    if value is None:
        return None
    return value if value.tzinfo else value.replace(tzinfo=timezone.utc)


def _process_gone(hostname: str | None, pid: int | None) -> bool:
    """Only answerable for a process on this host (a container has its own hostname)."""
    if not hostname or not pid or hostname != socket.gethostname():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


def worker_alive(conn, worker_name: str | None, job_heartbeat: datetime | None) -> bool:
    now = utcnow()
    dead_after = timedelta(seconds=settings.seconds("WORKER_DEAD_AFTER"))
    if worker_name:
        pid, hostname, beat = conn.hmget(f"rq:worker:{worker_name}", "pid", "hostname", "last_heartbeat")
        if pid is None and hostname is None:
            return False  # the worker's key expired: it has been gone for a while
        if _process_gone(hostname.decode() if hostname else None, int(pid) if pid else None):
            return False
        if beat:
            from rq.utils import utcparse

            job_heartbeat = max(filter(None, [_aware(job_heartbeat), _aware(utcparse(beat.decode()))]))
    return job_heartbeat is None or now - _aware(job_heartbeat) < dead_after


class QueuedIds:
    """The job ids waiting in each queue's list, read once per reaper pass and only when needed."""

    def __init__(self, conn):
        self.conn, self._ids = conn, {}

    def __call__(self, queue: str) -> set[str]:
        from rq import Queue

        if queue not in self._ids:
            self._ids[queue] = {i.decode() for i in self.conn.lrange(Queue(queue, connection=self.conn).key, 0, -1)}
        return self._ids[queue]


def _stuck_for(conn, job_id: str) -> float:
    """Seconds since the reaper first saw `job_id` taken off its queue but not started."""
    key = f"sleutelnet:dequeued:{job_id}"
    conn.set(key, utcnow().timestamp(), nx=True, ex=int(max(60, 4 * settings.seconds("WORKER_DEAD_AFTER"))))
    return utcnow().timestamp() - float(conn.get(key) or utcnow().timestamp())


def job_states(conn, job_ids: list[str]) -> dict[str, tuple[str | None, str | None, datetime | None]]:
    """(status, worker name, last heartbeat) of each RQ job, in one round trip; status None: missing."""
    from rq.job import Job
    from rq.utils import utcparse

    pipe = conn.pipeline(transaction=False)
    for job_id in job_ids:
        pipe.hmget(Job.key_for(job_id), "status", "worker_name", "last_heartbeat")
    states = {}
    for job_id, (status, worker, beat) in zip(job_ids, pipe.execute()):
        states[job_id] = (status.decode() if status else None, worker.decode() if worker else None,
                          utcparse(beat.decode()) if beat else None)
    return states


def rq_verdict(conn, job_id: str, queue: str, state=None, queued_ids: QueuedIds | None = None) -> tuple[str, str]:
    """(ALIVE | LOST, why) for an RQ job id; `state` as from job_states()."""
    from rq.job import JobStatus
    from rq.registry import ScheduledJobRegistry

    status, worker, heartbeat = state or job_states(conn, [job_id])[job_id]
    if status is None:
        return LOST, "missing"
    queued_ids = queued_ids or QueuedIds(conn)
    if status in (JobStatus.QUEUED, JobStatus.CREATED) and job_id not in queued_ids(queue):
        # taken off the queue by a worker that has not started it: normally for milliseconds; for
        # longer, that worker died in between (and RQ never looks at it again)
        if _stuck_for(conn, job_id) > 2 * settings.seconds("WORKER_HEARTBEAT_SECONDS"):
            return LOST, "taken off the queue by a worker that died before starting it"
        return ALIVE, "being taken off the queue"
    if status in (JobStatus.QUEUED, JobStatus.DEFERRED, JobStatus.CREATED):
        return ALIVE, status
    if status == JobStatus.SCHEDULED:
        due = conn.zscore(ScheduledJobRegistry(queue, connection=conn).key, job_id)
        if due is None:
            return LOST, "scheduled but not in the registry"
        overdue = utcnow().timestamp() - due > settings.seconds("JOB_DISPATCH_TIMEOUT")
        return (LOST, "retry overdue (no scheduler)") if overdue else (ALIVE, "scheduled")
    if status == JobStatus.STARTED:
        if worker_alive(conn, worker, heartbeat):
            return ALIVE, "started"
        return LOST, f"its worker {worker} is dead"
    return LOST, status  # failed (no retries left), stopped, canceled, finished without marking done


def reap(limit: int = 500) -> dict:
    """Push again the outbox jobs that were lost (module docstring). Returns counts."""
    counts = {"alive": 0, "redispatched": 0, "failed": 0}
    if not redis_enabled():
        return counts
    now = utcnow()
    cutoff = now - timedelta(seconds=settings.seconds("JOB_DISPATCH_TIMEOUT"))
    rows = db.session.execute(
        db.select(OutboxJob.id, OutboxJob.status, OutboxJob.rq_job_id, OutboxJob.attempts, OutboxJob.queue,
                  OutboxJob.runs, OutboxJob.failures, OutboxJob.claimed_at)
        .where(((OutboxJob.status == DISPATCHED) & (OutboxJob.dispatched_at < cutoff)) | (OutboxJob.status == RUNNING))
        .where(OutboxJob.rq_job_id.is_not(None))
        .order_by(OutboxJob.dispatched_at).limit(limit)
    ).all()
    db.session.commit()
    conn = redis_connection()
    queued_ids, states = QueuedIds(conn), job_states(conn, [row.rq_job_id for row in rows])
    for row in rows:
        verdict, why = rq_verdict(conn, row.rq_job_id, row.queue, states[row.rq_job_id], queued_ids)
        if verdict == LOST and why == "missing" and row.status == RUNNING:
            claimed = _aware(row.claimed_at) or now
            if now - claimed < timedelta(seconds=JOB_TIMEOUT[row.queue] + settings.seconds("JOB_DISPATCH_TIMEOUT")):
                verdict = ALIVE  # its run may still be going; RQ kills it at the job timeout
        if verdict == ALIVE:
            counts["alive"] += 1
            continue
        if row.failures >= settings.number("JOB_MAX_FAILURES") or row.runs >= settings.number("JOB_MAX_RUNS"):
            if _hand_on(row, status=FAILED, last_error=f"gave up after {row.runs} runs ({why})"):
                log.error("outbox %s: job %s lost (%s) after %d runs; status failed", row.id, row.rq_job_id, why, row.runs)
                counts["failed"] += 1
            continue
        if _redispatch(conn, row, why):
            counts["redispatched"] += 1
    return counts


def _hand_on(row, **values) -> bool:
    """Conditional step from the exact state the reaper saw (status and RQ job id)."""
    changed = db.session.execute(
        db.update(OutboxJob).where(OutboxJob.id == row.id, OutboxJob.status == row.status,
                                   OutboxJob.rq_job_id == row.rq_job_id).values(**values)
    ).rowcount
    db.session.commit()
    return changed == 1


def _redispatch(conn, row, why: str) -> bool:
    new_id = hand_on(row.id, row.status, row.rq_job_id, row.attempts, f"lost ({why}); re-dispatched")
    if new_id is None:
        return False  # another reaper, or the job itself, moved it meanwhile
    log.warning("outbox %s: job %s lost (%s); pushed again as %s", row.id, row.rq_job_id, why, new_id)
    _discard(conn, row.rq_job_id, row.queue)
    return True


def _discard(conn, job_id: str, queue: str) -> None:
    """Delete the lost job from Redis, if anything of it is left (a dead worker's started job)."""
    from rq import Queue
    from rq.exceptions import NoSuchJobError
    from rq.job import Job

    try:
        conn.lrem(f"{Queue(queue, connection=conn).key}:intermediate", 0, job_id)
        Job.fetch(job_id, connection=conn).delete(remove_from_queue=True)
    except NoSuchJobError:
        pass
    except Exception as exc:  # noqa: BLE001 - cleanup only; the old job would find the row handed on
        log.info("could not delete lost job %s: %s", job_id, exc)


def release_dead_scheduler_locks(conn, queue_names) -> list[str]:
    """A scheduler killed with its worker keeps its queue locks for a minute; free the ones whose owner
    is certainly gone (a process on this host that no longer exists), so a live worker's scheduler takes
    over at once. Elsewhere the lock expires after RQ's 61 s."""
    from rq.scheduler import SCHEDULER_KEY_TEMPLATE, RQScheduler
    from rq.scripts import release_lock

    released = []
    for name in queue_names:
        lock_key = RQScheduler.get_locking_key(name)
        owner = conn.get(lock_key)
        if owner is None:
            continue
        owner = owner.decode()
        hostname, pid = conn.hmget(SCHEDULER_KEY_TEMPLATE % owner, "hostname", "pid")
        gone = hostname is not None and _process_gone(hostname.decode(), int(pid) if pid else None)
        if gone and release_lock(conn, lock_key, owner):
            log.warning("released the scheduler lock of queue %s held by dead scheduler %s", name, owner)
            released.append(name)
    return released


_last_prune = 0.0


def recover() -> dict:
    """The recovery pass: dispatch pending rows, push lost jobs again, (hourly) forget old effects."""
    global _last_prune
    import time

    from .effects import prune

    counts = {"flush": flush(), "reap": reap()}
    if time.monotonic() - _last_prune > 3600 or not _last_prune:
        counts["effects_pruned"] = prune()
        _last_prune = time.monotonic()
    return counts


def recover_safely(reason: str) -> dict | None:
    """`recover()` for the worker loop: a database or Redis outage is logged, never fatal."""
    from rq.exceptions import StopRequested

    try:
        counts = recover()
    except StopRequested:
        raise  # SIGTERM while idle: the worker stops
    except Exception as exc:  # noqa: BLE001
        db.session.rollback()
        log.warning("recovery pass (%s) did not complete: %s", reason, exc)
        return None
    busy = counts["flush"]["dispatched"] or counts["reap"]["redispatched"] or counts["reap"]["failed"]
    (log.info if busy else log.debug)("recovery pass (%s): %s", reason, counts)
    return counts
