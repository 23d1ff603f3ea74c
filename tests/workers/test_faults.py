"""Fault tests (issue 12): the job pipeline on a real, private Redis that the tests kill, with real worker
processes that the tests kill, on this run's database (SQLite in the first CI pass, PostgreSQL with RLS
in the second). Every experiment ends with: jobs created / effects delivered / lost / duplicated
(printed; run with `-s` to see them). The guarantee under test (infra/README.md, "Jobs"): nothing is
lost, and a mail is sent twice only in the logged window — a crash between the mail leaving and the
commit that records it.
"""
from __future__ import annotations

import random
import re
import shutil
import time

import pyotp
import pytest
from rq import Queue

from sleutelnet.platform.extensions import db
from sleutelnet.workers import queues
from sleutelnet.workers.mail import mail_effect_key
from sleutelnet.workers.outbox import OutboxJob
from tests.conftest import require_service

from .faults import FAST, Cluster, PrivateRedis, WebClient, delivered, tally, wait_until

pytestmark = pytest.mark.redis
SUBJECT = "Storingstest"


@pytest.fixture(scope="module")
def private_redis():
    binary = shutil.which("redis-server")
    if binary is None:
        require_service("redis-server", "the redis-server binary is not installed (apt-get install redis-server)")
    server = PrivateRedis(binary)
    server.start()
    yield server
    server.close()


@pytest.fixture()
def cluster(app, ctx, private_redis, tmp_path):
    if private_redis.proc is None:
        private_redis.start()
    conn = private_redis.client()
    conn.flushall()
    saved = {key: app.config.get(key) for key in FAST}
    app.config.update(FAST)
    queues.set_redis_connection(conn)
    cluster = Cluster(app, private_redis, tmp_path / "mail", tmp_path)
    yield cluster
    cluster.stop_all()
    queues.set_redis_connection(None)
    app.config.update(saved)
    conn.close()


def make_mails(prefix: str, n: int) -> tuple[list[str], dict[str, int]]:
    """n committed mail jobs (not yet dispatched); returns the recipients and their outbox row ids."""
    recipients, rows = [f"{prefix}{i:02d}@example.org" for i in range(n)], {}
    for to in recipients:
        rows[to] = queues.enqueue("sleutelnet.workers.mail.send_email", queue="mail", to=to, subject=SUBJECT,
                                  body="Dit bericht hoort precies één keer aan te komen.")
    db.session.commit()
    return recipients, {to: row.id for to, row in rows.items()}


def statuses() -> dict[str, int]:
    db.session.commit()  # a fresh snapshot: the workers commit in other processes
    return dict(db.session.execute(db.select(OutboxJob.status, db.func.count()).group_by(OutboxJob.status)).all())


def in_job(worker) -> bool:
    """The worker's log says it has started a job and not finished it (yet)."""
    text = worker.log_path.read_text(errors="replace")
    return text.rfind("mail: sleutelnet.workers.runtime.run_job(") > text.rfind("Job OK (")


def all_done(total: int):
    return lambda: statuses().get("done", 0) == total


def effect_keys(row_ids: dict[str, int]) -> dict[str, str]:
    return {mail_effect_key(to, SUBJECT, scope=f"outbox-{row_id}"): to for to, row_id in row_ids.items()}


def assert_only_logged_duplicates(cluster, row_ids: dict[str, int], result: dict) -> None:
    got = delivered(cluster.mail_folder)
    duplicated = {to for to in row_ids if got[to] > 1}
    resent = {effect_keys(row_ids).get(key) for key in cluster.resent_keys()}
    assert duplicated <= resent, (duplicated, resent, cluster.logs()[-4000:])
    assert all(got[to] <= 2 for to in row_ids), got
    assert result["lost"] == 0 and result["unexpected"] == []


# --- 1. Redis dies with jobs queued, comes back empty -------------------------------------------------

def test_redis_restarted_empty_delivers_every_mail_once(app, cluster):
    queued, rows = make_mails("wachtrij", 8)
    assert queues.flush() == {"dispatched": 8, "failed": 0}
    assert Queue("mail", connection=queues.redis_connection()).count == 8
    cluster.redis.kill()  # no persistence: the 8 queued jobs are gone with it

    during, more_rows = make_mails("storing", 4)  # jobs created during the outage stay pending
    assert queues.flush() == {"dispatched": 0, "failed": 1}
    assert statuses() == {"dispatched": 8, "pending": 4}

    cluster.worker()  # starts while Redis is down and waits for it
    time.sleep(0.5)
    cluster.redis.start()  # empty
    wait_until(all_done(12), 30, 0.2, "all 12 jobs done")
    result = tally("redis restarted empty", queued + during, cluster.mail_folder, len(cluster.resent_keys()),
                   cluster.recoveries())
    assert result["delivered"] == 12 and result["lost"] == 0 and result["duplicated"] == 0, result
    db.session.commit()
    attempts = {r.id: r.attempts for r in db.session.scalars(db.select(OutboxJob))}
    assert all(attempts[rows[to]] == 2 for to in queued)  # the reaper pushed each lost job once more
    assert "lost (missing); pushed again" in cluster.logs()


# --- 2. login, 2FA and password reset while Redis is down --------------------------------------------

def test_login_2fa_and_reset_work_during_a_redis_outage(app, world, cluster):
    from sleutelnet.platform.auth.models import User
    from tests.conftest import PASSWORD

    secret = pyotp.random_base32()
    official = db.session.get(User, world.ids["official_a"])
    official.totp_secret, official.totp_enabled = secret, True
    db.session.commit()
    web = cluster.spawn("tests.workers.fault_web", LOGIN_RATE_LIMIT="6 per minute")
    cluster.worker()  # it rides out the outage and sends the reset mail once Redis is back
    port = int(wait_until(lambda: re.search(r"PORT (\d+)", web.log_path.read_text()), 30, 0.1, "the web server")[1])
    cluster.redis.kill()

    coordinator, second, anonymous = WebClient(port), WebClient(port), WebClient(port)
    coordinator.get("/inloggen")
    assert coordinator.post("/inloggen", {"email": "coordinator@utrecht.example", "password": PASSWORD})[0] == 302
    assert coordinator.get("/")[0] in (200, 302)
    assert coordinator.get(f"/g/{world.slugs['a']}/")[0] == 200

    second.get("/inloggen")
    status, _, headers = second.post("/inloggen", {"email": "official@utrecht.example", "password": PASSWORD})
    assert status == 302 and headers["Location"].endswith("/inloggen/code")
    second.get("/inloggen/code")
    assert second.post("/inloggen/code", {"code": pyotp.TOTP(secret).now()})[0] == 302
    assert second.get("/account/")[0] == 200

    anonymous.get("/wachtwoord-vergeten")
    assert anonymous.post("/wachtwoord-vergeten", {"email": "viewer@utrecht.example"})[0] == 302
    anonymous.get("/inloggen")
    wrong = [anonymous.post("/inloggen", {"email": "viewer@utrecht.example", "password": "fout"})[0]
             for _ in range(5)]
    # 6 logins per minute: the two above and four wrong ones pass, then the in-process counters say no
    assert wrong == [200, 200, 200, 200, 429], wrong

    status, text, _ = anonymous.get("/healthz")
    assert status == 200 and '"status":"degraded"' in text.replace(" ", "")
    assert '"rate_limits":"memory-fallback"' in text.replace(" ", "") and '"redis":"error"' in text.replace(" ", "")
    every = coordinator.statuses + second.statuses + anonymous.statuses
    assert all(code < 500 for _, _, code in every), every

    # the reset mail waits in the outbox and goes out by itself once Redis is back
    assert statuses() == {"pending": 1}
    cluster.redis.start()
    wait_until(all_done(1), 20, 0.2, "the reset mail")
    result = tally("login/2FA/reset during a Redis outage", ["viewer@utrecht.example"], cluster.mail_folder, 0)
    assert result["delivered"] == 1 and result["duplicated"] == 0
    print(f"FAULT outage requests: {len(every)} requests, 5xx: 0, 429: {sum(c == 429 for *_, c in every)}")


# --- 3. workers killed (-9) at random points ---------------------------------------------------------

def test_workers_killed_at_random_points_lose_nothing(app, cluster):
    """Four workers; one that has just started a job gets `kill -9` a random 0–300 ms later — mostly with
    its work horse (the machine died), sometimes alone (the horse finishes as an orphan) — and again,
    until one is left: it must finish everything the others dropped."""
    seed = random.randrange(10**6)
    rng = random.Random(seed)
    recipients, rows = make_mails("willekeurig", 20)
    assert queues.flush()["dispatched"] == 20
    workers = [cluster.worker(FAULT_SEND_DELAY="0.05", JOB_RECOVERY_SECONDS="3") for _ in range(4)]
    kills, deadline = 0, time.monotonic() + 25
    while len(workers) > 1 and statuses().get("done", 0) < 20 and time.monotonic() < deadline:
        busy = [w for w in workers if in_job(w)]
        if not busy:
            time.sleep(0.02)
            continue
        victim = rng.choice(busy)
        time.sleep(rng.uniform(0, 0.3))
        victim.kill(tree=rng.random() < 0.75)
        kills += 1
        workers.remove(victim)
    wait_until(all_done(20), 30, 0.2, "all 20 jobs done")
    result = tally(f"{kills} random worker SIGKILLs (seed {seed})", recipients, cluster.mail_folder,
                   len(cluster.resent_keys()), cluster.recoveries())
    assert kills >= 2, kills
    assert_only_logged_duplicates(cluster, rows, result)
    assert result["duplicated"] <= kills


# --- 4. SIGKILL exactly between the send and the commit that records it -------------------------------

def test_kill_between_send_and_commit_resends_once_and_logs_it(app, cluster, tmp_path):
    recipients, rows = make_mails("grens", 5)
    markers = tmp_path / "markers"
    markers.mkdir()
    # the whole worker (its sibling recovers the job) and only the work horse (RQ's retry recovers it)
    plan = {recipients[0]: "group", recipients[1]: "horse"}
    assert queues.flush()["dispatched"] == 5
    env = {"FAULT_KILL_AFTER_SEND": ",".join(f"{to}:{how}" for to, how in plan.items()), "FAULT_MARKERS": str(markers)}
    workers = [cluster.worker(**env) for _ in range(2)]
    deadline = time.monotonic() + 40
    while statuses().get("done", 0) < 5:  # a supervisor: a worker that died is started again
        assert time.monotonic() < deadline, (statuses(), cluster.logs()[-4000:])
        workers = [w if w.alive() else cluster.worker(**env) for w in workers]
        time.sleep(0.2)
    result = tally("SIGKILL at the send/commit boundary", recipients, cluster.mail_folder, len(cluster.resent_keys()),
                   cluster.recoveries())
    assert_only_logged_duplicates(cluster, rows, result)
    got = delivered(cluster.mail_folder)
    # each killed send went out again exactly once, after its claim timed out, and that was logged
    assert {to: got[to] for to in plan} == {to: 2 for to in plan}
    assert all(got[to] == 1 for to in recipients[3:])
    assert sorted(effect_keys(rows)[k] for k in cluster.resent_keys()) == sorted(plan)
    assert cluster.recoveries() >= 1  # the dead worker's job was pushed again by its sibling's reaper


# --- 5. two flushers and three workers at once ---------------------------------------------------------

def test_two_flushers_and_three_workers_send_each_mail_once(app, cluster):
    recipients, rows = make_mails("gelijktijdig", 24)
    start = f"{time.time() + 3:.3f}"
    for _ in range(3):
        cluster.worker()
    for _ in range(2):
        cluster.spawn("tests.workers.fault_flusher", FAULT_START=start)
    wait_until(all_done(24), 40, 0.2, "all 24 jobs done")
    result = tally("2 flushers + 3 workers", recipients, cluster.mail_folder, len(cluster.resent_keys()),
                   cluster.recoveries())
    assert result["delivered"] == 24 and result["duplicated"] == 0 and result["lost"] == 0, result
    db.session.commit()
    # every row was dispatched exactly once: the conditional claim let one flusher (or worker) win it
    assert {r.attempts for r in db.session.scalars(db.select(OutboxJob))} == {1}
    assert "FLUSHER dispatched" in cluster.logs()
