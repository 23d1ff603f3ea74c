"""On real Redis with real RQ workers in separate (forked) processes: two sweeps at once send nothing twice,
and a worker killed with SIGKILL in the middle of a sweep loses nothing once RQ retries the job.

Uses the Redis of TEST_REDIS_URL, or else a private redis-server on a free port (both CI passes); without
either it skips with the reason on a developer machine and fails in CI (`require_service`)."""
from __future__ import annotations

import os
import signal
import time
from datetime import timedelta

import pytest
from redis import Redis
from redis.exceptions import RedisError
from rq import Queue, SimpleWorker
from rq.job import Job
from rq.registry import FailedJobRegistry, ScheduledJobRegistry, StartedJobRegistry

from sleutelnet.blueprints.reminders import dispatch
from sleutelnet.blueprints.reminders.models import Notification, ReminderDispatch
from sleutelnet.platform.extensions import db
from sleutelnet.workers import queues
from sleutelnet.workers.outbox import OutboxJob
from sleutelnet.workers.queues import enqueue, flush
from tests.conftest import require_service

from .conftest import TODAY, count, mail_jobs

SWEEP = "sleutelnet.blueprints.reminders.jobs.sweep_tenant"


SERVER: dict = {}  # the URL of the Redis in use (the forked workers connect to it themselves)


@pytest.fixture(scope="module")
def redis_url():
    url = os.environ.get("TEST_REDIS_URL")
    if url:
        SERVER["url"] = url
        yield url
        return
    import shutil

    from tests.workers.faults import PrivateRedis

    binary = shutil.which("redis-server")
    if binary is None:
        require_service("Redis", "set TEST_REDIS_URL or install redis-server to run the reminder tests on a real "
                                 "Redis with real workers")
    server = PrivateRedis(binary)
    server.start()
    SERVER["url"] = server.url
    yield server.url
    server.close()


@pytest.fixture()
def redis_conn(ctx, redis_url):
    conn = Redis.from_url(redis_url)
    try:
        conn.ping()
    except RedisError as exc:
        require_service("Redis", f"TEST_REDIS_URL does not answer: {exc}")
    conn.flushdb()
    queues.set_redis_connection(conn)
    yield conn
    queues.set_redis_connection(None)
    conn.flushdb()
    conn.close()


def _worker_process(conn) -> int:
    """Fork a process that works the reminders queue with RQ's worker (it inherits the test feature)."""
    pid = os.fork()
    if pid == 0:  # child
        code = 0
        try:
            db.engine.dispose(close=False)  # own database connections, never the parent's sockets
            child_conn = Redis.from_url(SERVER["url"])  # a connection of its own to the same server
            worker = SimpleWorker([Queue("reminders", connection=child_conn)], connection=child_conn)
            worker.work(burst=True, logging_level="WARNING")
        except BaseException:  # noqa: BLE001
            code = 1
        finally:
            os._exit(code)
    return pid


def _enqueue_sweeps(tenant_id: int, n: int) -> None:
    for _ in range(n):
        enqueue(SWEEP, queue="reminders", tenant_id=tenant_id, today=TODAY.isoformat())
    db.session.commit()
    assert flush()["dispatched"] == n


def _items(world, n):
    users = [world.ids["coordinator_a"], world.ids["official_a"]]
    return [(i, TODAY + timedelta(days=1), 1, users, [f"sleutel{i}@example.org"]) for i in range(1, n + 1)]


def _slow_mail(monkeypatch, seconds):
    real_mail = dispatch._MailBatch.add

    def slow_mail(self, *args, **kwargs):
        time.sleep(seconds)
        return real_mail(self, *args, **kwargs)

    monkeypatch.setattr(dispatch._MailBatch, "add", slow_mail)
    return real_mail


def test_two_sweeps_at_once_send_nothing_twice(app, world, test_kind, redis_conn, monkeypatch):
    a = world.tenant_ids["a"]
    test_kind.items[a] = _items(world, 40)
    test_kind.delay = 0.5  # both workers are inside the sweep at the same time
    monkeypatch.setattr(dispatch, "BATCH", 10)  # ... and both deliver while the other one does
    _slow_mail(monkeypatch, 0.005)
    _enqueue_sweeps(a, 2)
    pids = [_worker_process(redis_conn) for _ in range(2)]
    codes = [os.waitpid(pid, 0)[1] for pid in pids]
    assert codes == [0, 0]
    q = Queue("reminders", connection=redis_conn)
    assert q.count == 0 and FailedJobRegistry(queue=q).count == 0
    assert ScheduledJobRegistry(queue=q).count == 0  # no job failed and waits for a retry
    db.session.expire_all()
    sweeps = db.session.scalars(db.select(OutboxJob).filter_by(func=SWEEP)).all()
    assert [r.status for r in sweeps] == ["done", "done"]  # both ran to the end
    assert count(ReminderDispatch, a) == 40
    assert count(ReminderDispatch, a, status="sent") == 40
    assert count(Notification, a) == 80
    mails = mail_jobs(a)
    assert len(mails) == 40 * 3
    assert len({(m.kwargs["to"], m.kwargs["subject"]) for m in mails}) == len(mails)


def test_a_worker_killed_mid_sweep_loses_nothing_once_the_job_is_retried(app, world, test_kind, redis_conn,
                                                                         monkeypatch):
    a = world.tenant_ids["a"]
    test_kind.items[a] = _items(world, 60)
    monkeypatch.setattr(dispatch, "BATCH", 5)  # inherited by the forked worker: many small transactions
    real_mail = _slow_mail(monkeypatch, 0.02)
    _enqueue_sweeps(a, 1)
    pid = _worker_process(redis_conn)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:  # wait until some, not all, reminders are delivered
        sent = count(ReminderDispatch, a, status="sent")
        if sent >= 10:
            break
        time.sleep(0.02)
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    sent = count(ReminderDispatch, a, status="sent")
    assert 10 <= sent < 60, sent  # killed in the middle
    assert count(ReminderDispatch, a) == 60  # every reminder was recorded before sending began
    assert count(Notification, a) == sent * 2  # delivered batches are complete, the killed one left nothing

    # RQ notices the dead worker's job (its heartbeat expires) and retries it: simulate the expiry
    q = Queue("reminders", connection=redis_conn)
    StartedJobRegistry(queue=q).cleanup(timestamp=time.time() + 3600)
    retried = ScheduledJobRegistry(queue=q).get_job_ids() or FailedJobRegistry(queue=q).get_job_ids()
    assert len(retried) == 1
    q.enqueue_job(Job.fetch(retried[0], connection=redis_conn))
    ScheduledJobRegistry(queue=q).remove(retried[0])
    monkeypatch.setattr(dispatch._MailBatch, "add", real_mail)
    worker = SimpleWorker([q], connection=redis_conn)
    saved = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        worker.work(burst=True, logging_level="WARNING")
    finally:
        for sig, handler in saved.items():
            signal.signal(sig, handler)
    assert count(ReminderDispatch, a, status="sent") == 60
    assert count(Notification, a) == 120
    mails = mail_jobs(a)
    assert len(mails) == 60 * 3
    assert len({(m.kwargs["to"], m.kwargs["subject"]) for m in mails}) == len(mails)
