"""The reaper, conditional claims and the worker's recovery configuration (recovery.py, runtime.py,
worker.py), in-process: fakeredis, or the real Redis of TEST_REDIS_URL in the second CI pass. The same
mechanisms under real kills and outages: test_faults.py."""
from __future__ import annotations

import logging
import os
import socket
import subprocess
import time
from datetime import timedelta

import pytest
from rq import Queue
from rq.job import Job, JobStatus
from rq.utils import utcformat

from sleutelnet.platform.extensions import db
from sleutelnet.platform.models import utcnow
from sleutelnet.workers import queues, recovery, runtime, settings
from sleutelnet.workers.outbox import OutboxJob

from .test_workers import mails, row, send_mail, work

ATTEMPTS: list[int] = []


def always_fails() -> None:
    ATTEMPTS.append(1)
    raise ValueError("kapot")


@pytest.fixture()
def fast(app, monkeypatch):
    """Look at dispatched rows at once, retry failures at once (tests run no RQ scheduler)."""
    monkeypatch.setitem(app.config, "JOB_DISPATCH_TIMEOUT", 0)
    monkeypatch.setitem(app.config, "JOB_RETRY_INTERVALS", "0,0,0")


def dispatched_mail(**kw) -> OutboxJob:
    job_row = send_mail(**kw)
    db.session.commit()
    queues.flush()
    return row(job_row.id)


def dead_pid() -> int:
    proc = subprocess.Popen(["true"])
    proc.wait()
    return proc.pid


def start_as(conn, job_id: str, worker: str, pid: int, hostname: str | None = None, beat=None) -> None:
    """Make `job_id` look started by `worker` (a process `pid` on `hostname`)."""
    job = Job.fetch(job_id, connection=conn)
    Queue(job.origin, connection=conn).remove(job_id)
    job.worker_name = worker
    job.save()
    job.set_status(JobStatus.STARTED)
    conn.hset(f"rq:worker:{worker}", mapping={"pid": pid, "hostname": hostname or socket.gethostname(),
                                               "last_heartbeat": utcformat(beat or utcnow())})


def test_a_job_lost_with_redis_is_pushed_again_and_runs_once(app, ctx, redis_conn, mail_folder, fast, caplog):
    lost = dispatched_mail(to="verloren@example.org")
    assert lost.status == "dispatched" and lost.rq_job_id == f"outbox-{lost.id}"
    redis_conn.flushdb()  # Redis restarted without its data
    with caplog.at_level(logging.WARNING, logger="sleutelnet.workers.recovery"):
        assert recovery.reap() == {"alive": 0, "redispatched": 1, "failed": 0}
    assert f"job outbox-{lost.id} lost (missing); pushed again as outbox-{lost.id}-2" in caplog.text
    again = row(lost.id)
    assert again.status == "dispatched" and again.attempts == 2 and again.rq_job_id == f"outbox-{lost.id}-2"
    assert Job.fetch(again.rq_job_id, connection=redis_conn).origin == "mail"
    work(redis_conn)
    assert [m["To"] for m in mails(mail_folder)] == ["verloren@example.org"]
    assert row(lost.id).status == "done" and row(lost.id).runs == 1
    assert recovery.reap() == {"alive": 0, "redispatched": 0, "failed": 0}


def test_waiting_and_young_jobs_are_left_alone(app, ctx, redis_conn, mail_folder, monkeypatch):
    waiting = dispatched_mail()
    assert recovery.reap()["alive"] == 0  # dispatched < 20 s ago: not even looked at
    monkeypatch.setitem(app.config, "JOB_DISPATCH_TIMEOUT", 0)
    assert recovery.reap() == {"alive": 1, "redispatched": 0, "failed": 0}  # queued: it will run
    assert row(waiting.id).rq_job_id == f"outbox-{waiting.id}"


def test_a_job_taken_off_the_queue_by_a_worker_that_died_is_pushed_again(app, ctx, redis_conn, mail_folder, fast,
                                                                         monkeypatch):
    monkeypatch.setitem(app.config, "WORKER_HEARTBEAT_SECONDS", 0.1)  # a popped job should start within 0.2 s
    popped = dispatched_mail()
    redis_conn.lpop(Queue("mail", connection=redis_conn).key)  # a worker took it and died at once
    time.sleep(0.25)
    assert recovery.reap()["alive"] == 1  # the first look gives a live worker the time to start it
    time.sleep(0.25)
    assert recovery.reap()["redispatched"] == 1
    work(redis_conn)
    assert row(popped.id).status == "done" and len(mails(mail_folder)) == 1


@pytest.mark.parametrize("case, expected", [
    ("pid gone", "redispatched"), ("heartbeat stale", "redispatched"), ("worker key expired", "redispatched"),
    ("alive", "alive"), ("other host, recent heartbeat", "alive"),
])
def test_a_started_job_is_pushed_again_only_when_its_worker_is_dead(app, ctx, redis_conn, mail_folder, fast, case, expected):
    job_row = dispatched_mail()
    old_id = job_row.rq_job_id
    stale = utcnow() - timedelta(seconds=60)
    args = {"pid gone": (dead_pid(), None, None), "heartbeat stale": (1, "elders", stale),
            "worker key expired": (1, None, None), "alive": (os.getpid(), None, None),
            "other host, recent heartbeat": (1, "elders", None)}[case]
    start_as(redis_conn, old_id, "w1", *args)
    if case == "worker key expired":
        redis_conn.delete("rq:worker:w1")
    assert runtime._claim(job_row.id, old_id, "w1") == "claimed"
    assert recovery.reap()[expected] == 1
    if expected == "alive":
        assert row(job_row.id).status == "running"
        return
    assert not Job.exists(old_id, connection=redis_conn)  # the dead worker's job is cleared away
    # should the old run turn up after all, it finds the row handed on and does nothing
    assert runtime._claim(job_row.id, old_id, "w1") == "superseded"
    work(redis_conn)
    assert row(job_row.id).status == "done" and len(mails(mail_folder)) == 1


def test_an_overdue_retry_without_a_scheduler_is_pushed_again(app, ctx, redis_conn, fast):
    from rq.registry import ScheduledJobRegistry

    job_row = dispatched_mail()
    job = Job.fetch(job_row.rq_job_id, connection=redis_conn)
    Queue("mail", connection=redis_conn).remove(job.id)
    ScheduledJobRegistry("mail", connection=redis_conn).schedule(job, utcnow() - timedelta(seconds=5))
    job.set_status(JobStatus.SCHEDULED)
    assert runtime._claim(job_row.id, job.id, "w1") == "claimed"
    assert recovery.rq_verdict(redis_conn, job.id, "mail") == ("lost", "retry overdue (no scheduler)")
    assert recovery.reap()["redispatched"] == 1


def test_a_job_that_keeps_failing_ends_failed_and_stays_failed(app, ctx, redis_conn, fast, caplog):
    ATTEMPTS.clear()
    job_row = queues.enqueue(f"{__name__}.always_fails", queue="default")
    db.session.commit()
    queues.flush()
    with caplog.at_level(logging.ERROR, logger="sleutelnet.workers.runtime"):
        work(redis_conn)
    failed = row(job_row.id)
    assert len(ATTEMPTS) == 4 and failed.failures == 4 and failed.runs == 4
    assert failed.status == "failed" and "ValueError: kapot" in failed.last_error
    assert "failed 4 times; given up" in caplog.text
    assert recovery.reap()["redispatched"] == 0 and row(job_row.id).status == "failed"


def test_the_reaper_gives_up_on_a_job_whose_workers_keep_dying(app, ctx, redis_conn, fast, monkeypatch):
    monkeypatch.setitem(app.config, "JOB_MAX_RUNS", 2)
    job_row = dispatched_mail()
    for _ in range(2):
        current = row(job_row.id).rq_job_id
        start_as(redis_conn, current, "w1", dead_pid())
        assert runtime._claim(job_row.id, current, "w1") == "claimed"
        counts = recovery.reap()
    assert counts["failed"] == 1 and row(job_row.id).status == "failed" and row(job_row.id).runs == 2


def test_claims_are_conditional(app, ctx, redis_conn):
    job_row = dispatched_mail()
    assert queues._claim_pending(job_row.id) is None  # already dispatched: a second flusher gets nothing
    assert runtime._claim(job_row.id, "outbox-999", "w1") == "superseded"  # not this row's job
    assert runtime._claim(job_row.id, job_row.rq_job_id, "w1") == "claimed"
    assert runtime._claim(job_row.id, job_row.rq_job_id, "w2") == "claimed"  # RQ's retry of the same job
    assert runtime._mark_done(job_row.id, OutboxJob.rq_job_id == job_row.rq_job_id)
    assert runtime._claim(job_row.id, job_row.rq_job_id, "w1") == "already-done"


def test_a_job_id_is_never_queued_twice(app, ctx, redis_conn):
    job_row = send_mail()
    db.session.commit()
    assert queues._dispatch_to_redis(job_row) is True
    assert queues._dispatch_to_redis(job_row) is False
    assert Queue("mail", connection=redis_conn).count == 1


def test_without_redis_a_job_whose_process_died_runs_again(app, ctx, mail_folder):
    job_row = send_mail(to="inline@example.org")
    db.session.commit()
    db.session.execute(db.update(OutboxJob).filter_by(id=job_row.id)
                       .values(status="running", claimed_at=utcnow() - timedelta(minutes=5), attempts=1))
    db.session.commit()
    queues.flush()
    assert row(job_row.id).status == "done" and [m["To"] for m in mails(mail_folder)] == ["inline@example.org"]


def test_settings_come_from_config_then_environment_then_defaults(app, ctx, monkeypatch):
    assert settings.seconds("JOB_RECOVERY_SECONDS") == 10 and settings.intervals() == queues.RETRY_INTERVALS
    monkeypatch.setenv("JOB_RECOVERY_SECONDS", "3")
    assert settings.seconds("JOB_RECOVERY_SECONDS") == 3
    monkeypatch.setitem(app.config, "JOB_RECOVERY_SECONDS", 2)
    assert settings.seconds("JOB_RECOVERY_SECONDS") == 2


def test_the_worker_recovers_at_start_and_often(app, ctx, redis_conn, monkeypatch):
    from sleutelnet.workers.worker import worker_class

    worker = worker_class()([Queue("mail", connection=redis_conn)], connection=redis_conn)
    # a killed job's worker is noticed within seconds, recovery runs every 10 s instead of RQ's 10 min
    assert worker.job_monitoring_interval == 5 and worker.maintenance_interval == 10
    assert worker.dequeue_timeout == 10 and worker.max_connection_wait_time == 10
    passes = []
    monkeypatch.setattr(recovery, "recover_safely", passes.append)
    monkeypatch.setattr(recovery, "release_dead_scheduler_locks", lambda conn, names: passes.append("locks"))
    worker.run_maintenance_tasks()
    assert passes == ["locks", "worker maintenance"]


def test_the_worker_and_cron_loops_wait_for_redis(app, ctx, monkeypatch):
    from redis.exceptions import ConnectionError as RedisConnectionError

    from sleutelnet.workers import worker as entry

    calls = []

    class FlakyWorker:
        def __init__(self, *args, **kwargs):
            calls.append("worker")
            if len(calls) == 1:
                raise RedisConnectionError("Redis is down")
            self.stop_signalled = True

        def work(self, **kwargs):
            calls.append("work")

    monkeypatch.setattr(entry, "worker_class", lambda: FlakyWorker)
    monkeypatch.setattr(entry, "_wait", lambda attempt: calls.append(f"wait {attempt}"))
    monkeypatch.setitem(app.config, "REDIS_URL", "redis://127.0.0.1:1/0")
    assert entry.run_worker(["mail"], burst=False, logging_level="WARNING") == 0
    assert calls == ["worker", "wait 1", "worker", "work"]

    class FlakyCron:
        starts = 0

        def __init__(self, **kwargs):
            pass

        def load_config_from_file(self, path):
            pass

        def start(self):
            FlakyCron.starts += 1
            if FlakyCron.starts == 1:
                raise RedisConnectionError("Redis is down")

    import rq.cron

    monkeypatch.setattr(rq.cron, "CronScheduler", FlakyCron)
    assert entry.run_cron("WARNING") == 0 and FlakyCron.starts == 2


def test_cron_schedules_the_reaper(app, ctx, redis_conn):
    from rq.cron import CronScheduler

    from sleutelnet.workers.jobs import reap_outbox

    scheduler = CronScheduler(connection=redis_conn, logging_level="WARNING")
    scheduler.load_config_from_file("sleutelnet.workers.cron_config")
    [reaper] = [job for job in scheduler.get_jobs() if job.func is reap_outbox]
    assert reaper.name == "outbox-reap" and reaper.interval <= 60
    assert reap_outbox()["reap"] == {"alive": 0, "redispatched": 0, "failed": 0}


def test_a_job_waiting_for_an_effect_runs_again_when_the_claim_expires(app, ctx, redis_conn, mail_folder, fast):
    from rq.registry import ScheduledJobRegistry

    from sleutelnet.workers.effects import Effect
    from sleutelnet.workers.mail import mail_effect_key

    job_row = dispatched_mail(to="wacht@example.org")
    key = mail_effect_key("wacht@example.org", "Onderwerp", scope=f"outbox-{job_row.id}")
    # another run claimed this mail 80 s ago and never confirmed it: it may be sending right now
    db.session.add(Effect(key=key, kind="mail:mail", status="claimed", token="ander", attempts=1,
                          claimed_at=utcnow() - timedelta(seconds=80), claimed_by="elders:1"))
    db.session.commit()
    work(redis_conn)
    waiting = row(job_row.id)
    assert waiting.status == "dispatched" and waiting.rq_job_id == f"outbox-{job_row.id}-2" and waiting.failures == 0
    due = ScheduledJobRegistry("mail", connection=redis_conn).get_scheduled_time(
        Job.fetch(waiting.rq_job_id, connection=redis_conn))
    assert 8 <= (due - utcnow()).total_seconds() <= 11  # at the end of the 90 s claim, not RQ's next retry
    assert mails(mail_folder) == [] and recovery.reap()["alive"] == 1
