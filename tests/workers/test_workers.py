"""Background jobs: the transactional outbox, RQ dispatch, the worker, the periodic flush.

Runs against a real Redis when TEST_REDIS_URL is set (CI), otherwise against fakeredis in-process.
Jobs are executed with `rq.SimpleWorker(...).work(burst=True)`: the real RQ code path (serialisation,
job ids, timeouts, retries, results), in this process, so the job sees this test's database.
"""
from __future__ import annotations

import contextlib
import email
import os
import shutil
import signal
from email import policy

import pytest
from redis import Redis
from redis.backoff import NoBackoff
from redis.retry import Retry
from rq import Queue, SimpleWorker
from rq.job import Job
from sqlalchemy import text

from sleutelnet.platform import audit
from sleutelnet.platform.extensions import db
from sleutelnet.platform.tenancy import cross_tenant_reason, current_tenant_id, tenant_context
from sleutelnet.workers import queues
from sleutelnet.workers.outbox import OutboxJob
from sleutelnet.workers.queues import JOB_TIMEOUT, QUEUES, RETRY_INTERVALS, enqueue, flush
from tests.conftest import require_service

TEST_REDIS_URL = os.environ.get("TEST_REDIS_URL")
THIS_MODULE = __name__
INLINE_RUNS: list[dict] = []


# --- jobs used by these tests (resolved by dotted path, like any job) ---------------------------------

def report_scope(note: str = "") -> dict:
    """A tenant job: what context does it run in, and what does it see?"""
    from sleutelnet.platform.audit import AuditEvent

    seen = {
        "tenant": current_tenant_id(),
        "cross": cross_tenant_reason(),
        "note": note,
        # through the ORM guard (and on PostgreSQL through RLS as well): only this tenant's rows
        "audit_events": db.session.scalar(db.select(db.func.count()).select_from(AuditEvent)),
    }
    if db.session.get_bind().dialect.name == "postgresql":
        seen["db_tenant"] = db.session.execute(text("SELECT current_setting('app.tenant_id', true)")).scalar()
    INLINE_RUNS.append(seen)
    return seen


# --- fixtures and helpers ---------------------------------------------------------------------------

@pytest.fixture(autouse=True)
def _no_inline_runs_yet():
    INLINE_RUNS.clear()


def dead_redis() -> Redis:
    """A Redis that refuses connections, at once (no retries with back-off)."""
    return Redis(host="127.0.0.1", port=1, socket_connect_timeout=0.5, retry=Retry(NoBackoff(), 0))


@contextlib.contextmanager
def request_cycle(app):
    """The end of a web request: Flask runs the after_request hooks, among them the outbox flush."""
    with app.test_request_context("/"):
        yield
        app.process_response(app.response_class())


def work(conn, *names) -> bool:
    """Run the queued jobs with RQ's in-process worker; restores the signal handlers it installs."""
    saved = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        worker = SimpleWorker([Queue(n, connection=conn) for n in (names or QUEUES)], connection=conn)
        return worker.work(burst=True, logging_level="WARNING")
    finally:
        for sig, handler in saved.items():
            signal.signal(sig, handler)


def row(row_id: int) -> OutboxJob:
    db.session.expire_all()
    return db.session.get(OutboxJob, row_id)


def mails(folder) -> list:
    if not os.path.isdir(folder):
        return []
    out = []
    for name in sorted(os.listdir(folder)):
        with open(os.path.join(folder, name), "rb") as fh:
            out.append(email.message_from_binary_file(fh, policy=policy.default))
    return out


def queued(conn) -> dict:
    return {name: Queue(name, connection=conn).count for name in QUEUES}


def send_mail(to="iemand@example.org", subject="Onderwerp", body="Tekst") -> OutboxJob:
    job_row = enqueue("sleutelnet.workers.mail.send_email", queue="mail", to=to, subject=subject, body=body)
    db.session.flush()  # gives the row its id
    return job_row


# --- the outbox on Redis ----------------------------------------------------------------------------

def test_commit_dispatches_rq_job_with_id_timeout_and_retry(app, ctx, redis_conn, mail_folder):
    with request_cycle(app):
        job_row = send_mail(to="ontvanger@example.org", subject="Hallo")
        db.session.commit()
        row_id = job_row.id
        assert queued(redis_conn)["mail"] == 0  # nothing leaves before the request is over
    dispatched = row(row_id)
    assert dispatched.status == "dispatched" and dispatched.attempts == 1 and dispatched.dispatched_at

    job = Job.fetch(f"outbox-{row_id}", connection=redis_conn)
    assert job.origin == "mail"
    assert job.func_name == "sleutelnet.workers.runtime.run_job"
    assert job.timeout == JOB_TIMEOUT["mail"]
    assert job.retries_left == len(RETRY_INTERVALS) and job.retry_intervals == RETRY_INTERVALS
    assert job.kwargs["outbox_id"] == row_id

    assert work(redis_conn, "mail")
    assert job.get_status(refresh=True) == "finished"
    [msg] = mails(mail_folder)
    assert msg["To"] == "ontvanger@example.org" and msg["Subject"] == "Hallo"
    done = row(row_id)
    assert done.status == "done" and done.kwargs_json == "{}"  # the payload (an address) is gone


def test_dispatching_twice_runs_the_job_once(app, ctx, redis_conn, mail_folder):
    """Deterministic job ids: a row that reaches Redis twice (a flush that crashed before its commit,
    two flushers) is still executed once."""
    job_row = send_mail()
    db.session.commit()
    queues._dispatch_to_redis(job_row)
    queues._dispatch_to_redis(job_row)
    work(redis_conn, "mail")
    assert len(mails(mail_folder)) == 1
    assert row(job_row.id).status == "done"


def test_invitation_mail_goes_through_the_queue(app, world, login, redis_conn, mail_folder):
    """End to end through a real request: the team invite commits, the request flushes, a worker sends."""
    b = login("coordinator_a")
    with app.test_request_context():
        from flask import url_for

        url = url_for("tenant.team.invite", tenant_slug=world.slugs["a"])
    response = b.post(url, {"email": "nieuwe.collega@example.org", "role": "official"})
    assert response.status_code == 302, response.get_data(as_text=True)[:300]
    [job_row] = db.session.scalars(db.select(OutboxJob)).all()
    assert job_row.status == "dispatched" and job_row.tenant_id == world.tenant_ids["a"]
    assert queued(redis_conn)["mail"] == 1
    work(redis_conn)
    [msg] = mails(mail_folder)
    assert msg["To"] == "nieuwe.collega@example.org"
    assert "/uitnodiging/" in msg.get_body(preferencelist=("plain",)).get_content()
    assert row(job_row.id).status == "done" and row(job_row.id).kwargs_json == "{}"


def test_redis_down_keeps_the_job_pending_until_a_later_flush(app, ctx, redis_conn, mail_folder):
    queues.set_redis_connection(dead_redis())
    with request_cycle(app):
        first, second = send_mail(to="een@example.org"), send_mail(to="twee@example.org")
        db.session.commit()
        ids = [first.id, second.id]
    for row_id in ids:
        pending = row(row_id)
        assert pending.status == "pending" and pending.dispatched_at is None
        assert "@example.org" in pending.kwargs_json  # nothing lost
    assert row(ids[0]).attempts == 1 and "127.0.0.1:1" in row(ids[0]).last_error
    assert row(ids[1]).attempts == 0  # after the first connection error the flush stops trying
    assert queued(redis_conn)["mail"] == 0

    queues.set_redis_connection(redis_conn)  # Redis is back; the periodic flush (or any request) runs
    assert flush() == {"dispatched": 2, "failed": 0}
    assert [row(i).status for i in ids] == ["dispatched", "dispatched"]
    work(redis_conn)
    assert sorted(m["To"] for m in mails(mail_folder)) == ["een@example.org", "twee@example.org"]
    assert [row(i).status for i in ids] == ["done", "done"]


def test_rolled_back_transaction_enqueues_nothing(app, ctx, redis_conn, mail_folder):
    with request_cycle(app):
        send_mail()
        db.session.flush()
        db.session.rollback()
    assert db.session.scalar(db.select(db.func.count()).select_from(OutboxJob)) == 0
    assert flush() == {"dispatched": 0, "failed": 0}
    assert queued(redis_conn) == {name: 0 for name in QUEUES}
    assert not work(redis_conn)
    assert mails(mail_folder) == []


def test_tenant_jobs_run_in_their_tenant_context(app, world, redis_conn, mail_folder):
    from sleutelnet.platform.audit import AuditEvent

    a, b = world.tenant_ids["a"], world.tenant_ids["b"]
    own_events = {}
    for tenant_id, events in ((a, 2), (b, 1)):
        with tenant_context(tenant_id):
            for _ in range(events):
                audit.record("test.event")
            db.session.commit()
            own_events[tenant_id] = db.session.scalar(db.select(db.func.count()).select_from(AuditEvent))
    assert own_events[a] != own_events[b]
    with request_cycle(app):
        for tenant_id in (a, b):
            enqueue(f"{THIS_MODULE}.report_scope", queue="reports", tenant_id=tenant_id, note=str(tenant_id))
        enqueue(f"{THIS_MODULE}.report_scope", queue="default", note="platform")
        db.session.commit()
    rows = db.session.scalars(db.select(OutboxJob).order_by(OutboxJob.id)).all()
    assert [r.status for r in rows] == ["dispatched"] * 3
    assert queued(redis_conn)["reports"] == 2
    work(redis_conn)
    results = [Job.fetch(r.job_id, connection=redis_conn).return_value() for r in rows[:2]]
    expected = [{"tenant": a, "cross": None, "note": str(a), "audit_events": own_events[a]},
                {"tenant": b, "cross": None, "note": str(b), "audit_events": own_events[b]}]
    if db.engine.dialect.name == "postgresql":
        expected[0]["db_tenant"], expected[1]["db_tenant"] = str(a), str(b)
    assert results == expected
    # a job without a tenant has no tenant context: tenant data is refused, not silently unscoped
    platform_job = Job.fetch(rows[2].job_id, connection=redis_conn)
    assert platform_job.get_status(refresh=True) in ("failed", "scheduled")  # scheduled = waiting to retry
    assert [r["note"] for r in INLINE_RUNS] == [str(a), str(b)]  # it never got past its first query


def test_without_redis_jobs_run_inline_after_commit(app, world, mail_folder):
    assert not queues.redis_enabled()
    a = world.tenant_ids["a"]
    with request_cycle(app):
        mail_row = send_mail(to="inline@example.org")
        tenant_row = enqueue(f"{THIS_MODULE}.report_scope", queue="reports", tenant_id=a, note="inline")
        db.session.commit()
        ids = [mail_row.id, tenant_row.id]
        assert INLINE_RUNS == []  # not inside the transaction: after it
    assert [m["To"] for m in mails(mail_folder)] == ["inline@example.org"]
    assert [(r["tenant"], r["note"]) for r in INLINE_RUNS] == [(a, "inline")]
    for row_id in ids:
        assert row(row_id).status == "done" and row(row_id).kwargs_json == "{}"


def test_failing_inline_job_is_rolled_back_and_kept_for_retry(app, world, mail_folder):
    """A job that breaks its own transaction must not take the outbox bookkeeping (or the request) down,
    nor have its half-done work committed with it."""
    with request_cycle(app):
        bad = enqueue(f"{THIS_MODULE}.write_then_fail", queue="default")
        db.session.flush()
        bad_id = bad.id
        good_id = send_mail(to="toch@example.org").id
        db.session.commit()
    failed = row(bad_id)
    assert failed.status == "pending" and failed.attempts == 1 and "unique" in failed.last_error.lower()
    assert row(good_id).status == "done"
    assert [m["To"] for m in mails(mail_folder)] == ["toch@example.org"]
    from sleutelnet.platform.auth.models import User

    assert db.session.scalar(db.select(User).filter_by(name="half-done")) is None


def write_then_fail() -> None:
    from sleutelnet.platform.auth.models import User

    db.session.add(User(email="half-done@example.org", name="half-done"))
    db.session.add(User(email="half-done@example.org", name="half-done"))  # unique e-mail: the flush fails
    db.session.flush()


# --- the periodic flush -----------------------------------------------------------------------------

def test_cron_config_registers_the_periodic_outbox_flush(app, ctx, redis_conn, mail_folder):
    from rq.cron import CronScheduler

    from sleutelnet.workers.jobs import flush_outbox

    queues.set_redis_connection(dead_redis())
    with request_cycle(app):
        row_id = send_mail(to="later@example.org").id
        db.session.commit()
    assert row(row_id).status == "pending"
    queues.set_redis_connection(redis_conn)

    scheduler = CronScheduler(connection=redis_conn, logging_level="WARNING")
    scheduler.load_config_from_file("sleutelnet.workers.cron_config")
    [cron_job] = [job for job in scheduler.get_jobs() if job.func is flush_outbox]
    assert cron_job.queue_name == "default" and cron_job.name == "outbox-flush"
    assert cron_job.interval and cron_job.interval <= 300 and cron_job.job_options["job_timeout"]
    assert cron_job in scheduler.enqueue_jobs()  # what the scheduler process does every interval
    work(redis_conn, "default")  # the flush job runs and dispatches the pending row to `mail`
    assert row(row_id).status == "dispatched"
    work(redis_conn, "mail")
    assert [m["To"] for m in mails(mail_folder)] == ["later@example.org"]
    assert row(row_id).status == "done"


def test_flush_outbox_job_brings_its_own_app_context(app, ctx, redis_conn):
    from sleutelnet.workers.jobs import flush_outbox

    row_id = send_mail().id
    db.session.commit()
    assert flush_outbox() == {"dispatched": 1, "failed": 0}  # called the way RQ calls it: plainly
    assert row(row_id).status == "dispatched"


# --- the real worker process ------------------------------------------------------------------------

@pytest.fixture()
def process_redis(ctx):
    """A Redis a separate worker process can reach: TEST_REDIS_URL, or else a private redis-server on a free
    port (so the test runs in both CI passes). Yields (connection, url)."""
    server = None
    url = TEST_REDIS_URL
    if not url:
        from .faults import PrivateRedis

        binary = shutil.which("redis-server")
        if binary is None:
            require_service("redis-server", "a separate worker process needs a real Redis (apt-get install redis-server)")
        server = PrivateRedis(binary)
        server.start()
        url = server.url
    conn = Redis.from_url(url)
    conn.flushdb()
    queues.set_redis_connection(conn)
    yield conn, url
    queues.set_redis_connection(None)
    conn.close()
    if server is not None:
        server.close()


@pytest.mark.redis
def test_worker_process_runs_queued_jobs(app, world, process_redis, mail_folder):
    """`python -m sleutelnet.workers.worker --burst` as its own process (forked work horses, scheduler),
    on this test's database and Redis: the jobs run, in their tenant, and the rows end `done`."""
    import subprocess
    import sys
    from pathlib import Path

    redis_conn, redis_url = process_redis
    a = world.tenant_ids["a"]
    with request_cycle(app):
        ids = [send_mail(to="proces@example.org").id]
        tenant_job = enqueue(f"{THIS_MODULE}.report_scope", queue="reports", tenant_id=a, note="process")
        db.session.flush()
        ids.append(tenant_job.id)
        db.session.commit()
    assert [row(i).status for i in ids] == ["dispatched", "dispatched"]
    root = Path(__file__).resolve().parents[2]
    env = dict(os.environ, DATABASE_URL=app.config["SQLALCHEMY_DATABASE_URI"], REDIS_URL=redis_url,
               MAIL_FOLDER=app.config["MAIL_FOLDER"], SLEUTELNET_ENV="development")
    result = subprocess.run([sys.executable, "-m", "sleutelnet.workers.worker", "--burst", "--logging-level", "WARNING"],
                            cwd=root, env=env, capture_output=True, text=True, timeout=180)
    assert result.returncode == 0, result.stderr[-3000:]
    assert [m["To"] for m in mails(mail_folder)] == ["proces@example.org"]
    assert [row(i).status for i in ids] == ["done", "done"]
    seen = Job.fetch(f"outbox-{ids[1]}", connection=redis_conn).return_value()
    assert (seen["tenant"], seen["note"]) == (a, "process")
