"""Reminder-sweep bench: all 342 municipalities, each with a year of meetings-like reminders, on one worker.

    .venv/bin/python bench/reminders.py [--tenants 342] [--meetings 52] [--database-url URL --owner-url URL]

PostgreSQL (as in bench/README.md: migrate as the owner, run as the non-owner app role, so RLS applies):
    createdb -h 127.0.0.1 -U postgres sleutelnet_bench_reminders
    MIGRATION_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/sleutelnet_bench_reminders \
    DATABASE_URL=postgresql://sleutelnet_app@127.0.0.1:5432/sleutelnet_bench_reminders .venv/bin/flask db upgrade heads
    .venv/bin/python bench/reminders.py --database-url postgresql://sleutelnet_app@127.0.0.1:5432/sleutelnet_bench_reminders \
        --owner-url postgresql://postgres@127.0.0.1:5432/sleutelnet_bench_reminders

Builds a scratch SQLite database (or uses `--database-url`, migrated, e.g. PostgreSQL with the owner
account), provisions the municipalities with three members each (a coordinator, two officials) and installs
a synthetic reminder kind ("bench.meeting"): per municipality a year of weekly meetings, each reminded 7
days and 1 day before (the meetings helper's defaults) to the three members in-app and by e-mail, and
7 days before to one external address (an RSVP-like invitation). Then it measures:

1. catch-up: the first sweep ever, on one worker (one process, municipality after municipality, exactly
   what one RQ worker does with the 342 jobs of the national cron): every reminder of the past half
   year is due at once — the worst case (~100 reminders, ~400 mails per municipality);
2. daily: the next day's sweep over the same year of meetings — the steady state;
3. twice at once: the catch-up sweep by two processes simultaneously (same municipalities, same order);
4. SIGKILL: a process killed mid-sweep, then the sweep run again (RQ's retry);
and for 3 and 4 counts duplicates: notifications per (dispatch, user) and mails per (address, subject)
must be unique, and the totals must equal those of the single run (nothing lost). Target: (1) ≤ 30 s.
"""
from __future__ import annotations

import argparse
import os
import signal
import sys
import tempfile
import time
from datetime import date, timedelta

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

KIND = "bench.meeting"
OFFSETS = (7, 1)
TENANT_USERS: dict[int, tuple[int, ...]] = {}
SLUGS: dict[int, str] = {}
MEETINGS = 52
TODAY = date.today()


def find_due(tenant_id: int, today: date):
    """A year of weekly meetings (half past, half ahead); a reminder is due once its day has come (a sweep
    that did not run for a while catches up, like the real kinds; the catch-up run sees half a year)."""
    from sleutelnet.platform.features import Due

    first = TODAY - timedelta(days=7 * (MEETINGS // 2)) + timedelta(days=tenant_id % 7)
    users = TENANT_USERS[tenant_id]
    for n in range(MEETINGS):
        meeting_on = first + timedelta(days=7 * n)
        for offset in OFFSETS:
            if meeting_on - timedelta(days=offset) <= today:
                yield Due(kind=KIND, subject_type="meeting", subject_id=tenant_id * 1000 + n,
                          reference_date=meeting_on, offset_days=offset, user_ids=users,
                          emails=(f"sleutelpersoon{n}@{SLUGS[tenant_id]}.bench",) if offset == 7 else (),
                          url=f"/g/{SLUGS[tenant_id]}/bijeenkomsten/{n}",
                          title=f"Bijeenkomst op {meeting_on:%d-%m-%Y} ({offset} dag(en) van tevoren)")


def install_kind():
    from sleutelnet.platform import features
    from sleutelnet.platform.features import Feature, ReminderKind

    bench = Feature(name="bench_reminders", reminder_kinds=(ReminderKind(KIND, "Bench meeting", find_due),))
    features._installed = features._installed + (bench,)


def setup(app, tenants: int) -> list[int]:
    from datetime import datetime, timezone

    from sleutelnet.platform.auth.models import User
    from sleutelnet.platform.extensions import db
    from sleutelnet.platform.tenancy import cross_tenant
    from sleutelnet.tenants.models import Membership, Municipality, Tenant
    from sleutelnet.tenants.reference import load_municipalities
    from sleutelnet.tenants.services import provision_tenant

    with app.app_context(), cross_tenant("maintenance"):
        if not db.session.scalar(db.select(db.func.count()).select_from(Municipality)):
            load_municipalities()
            db.session.commit()
        codes = db.session.scalars(db.select(Municipality.cbs_code).order_by(Municipality.cbs_code)).all()[:tenants]
        existing = {t.cbs_code: t for t in db.session.scalars(db.select(Tenant))}
        now = datetime.now(timezone.utc)
        for code in codes:
            tenant = existing.get(code) or provision_tenant(code, origin="bench")
            users = db.session.scalars(db.select(Membership.user_id).filter_by(tenant_id=tenant.id)).all()
            if not users:
                for i, role in enumerate(("coordinator", "official", "official")):
                    user = User(email=f"{role}{i}@{tenant.slug}.bench", name=f"{role} {i} {tenant.name}",
                                password_hash="!", active=True, created_at=now)
                    db.session.add(user)
                    db.session.flush()
                    db.session.add(Membership(tenant_id=tenant.id, user_id=user.id, role=role, active=True))
                    users.append(user.id)
            TENANT_USERS[tenant.id] = tuple(users)
            SLUGS[tenant.id] = tenant.slug
        db.session.commit()
        ids = db.session.scalars(db.select(Tenant.id).where(Tenant.cbs_code.in_(codes)).order_by(Tenant.id)).all()
    return list(ids)


RETRIES = 3  # like the jobs' RQ Retry(max=3): e.g. SQLite's "database is locked" when two sweeps collide


def sweep_all(app, tenant_ids: list[int], today: date) -> dict:
    """What one worker does with the national cron's jobs: one sweep per municipality, in turn."""
    from sleutelnet.platform.extensions import db
    from sleutelnet.workers.runtime import execute

    totals: dict[str, int] = {"retries": 0}
    with app.app_context():
        for tid in tenant_ids:
            for attempt in range(RETRIES + 1):
                try:
                    result = execute("sleutelnet.blueprints.reminders.jobs.sweep_tenant",
                                     {"tenant_id": tid, "today": today.isoformat()})
                    break
                except Exception:  # noqa: BLE001 - the job failed: RQ would retry it
                    db.session.rollback()
                    if attempt == RETRIES:
                        raise
                    totals["retries"] += 1
                    time.sleep(0.2)
            for key, value in result.items():
                totals[key] = totals.get(key, 0) + value
    return totals


def census(app) -> dict:
    """Totals and duplicates, read as the owner (all municipalities at once)."""
    from sqlalchemy import create_engine, text

    engine = create_engine(app.config["OWNER_DATABASE_URL"])
    with engine.connect() as conn:
        one = lambda sql: conn.execute(text(sql)).scalar()  # noqa: E731
        out = {
            "dispatches": one("SELECT count(*) FROM reminder_dispatches"),
            "pending": one("SELECT count(*) FROM reminder_dispatches WHERE status = 'pending'"),
            "notifications": one("SELECT count(*) FROM notifications"),
            "duplicate notifications": one("SELECT count(*) - count(DISTINCT dispatch_id || '-' || user_id) "
                                           "FROM notifications"),
            "mails": one("SELECT count(*) FROM outbox_jobs WHERE func = 'sleutelnet.workers.mail.send_email'"),
            "duplicate mails": one("SELECT count(*) - count(DISTINCT kwargs_json) FROM outbox_jobs "
                                   "WHERE func = 'sleutelnet.workers.mail.send_email'"),
        }
    engine.dispose()
    return out


def reset(app) -> None:
    from sqlalchemy import create_engine, text

    engine = create_engine(app.config["OWNER_DATABASE_URL"])
    with engine.begin() as conn:
        for table in ("notifications", "reminder_dispatches", "outbox_jobs"):
            conn.execute(text(f"DELETE FROM {table}"))
    engine.dispose()


def forked(app, tenant_ids, today) -> int:
    pid = os.fork()
    if pid == 0:
        code = 0
        try:
            from sleutelnet.platform.extensions import db

            with app.app_context():
                db.engine.dispose(close=False)
            sweep_all(app, tenant_ids, today)
        except BaseException as exc:  # noqa: BLE001
            print(f"  [{os.getpid()}] sweep failed: {type(exc).__name__}: {exc}", file=sys.stderr)
            code = 1
        os._exit(code)
    return pid


def main(argv=None) -> int:
    global MEETINGS
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tenants", type=int, default=342)
    parser.add_argument("--meetings", type=int, default=52, help="meetings per municipality per year")
    parser.add_argument("--database-url", help="a migrated database (the app's account); default: scratch SQLite")
    parser.add_argument("--owner-url", help="owner account of that database, to count and reset (default: the same)")
    args = parser.parse_args(argv)
    MEETINGS = args.meetings

    from sleutelnet.platform.app import create_app

    folder = tempfile.mkdtemp(prefix="sleutelnet-bench-reminders-")
    url = args.database_url or f"sqlite:///{folder}/bench.db"
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "REDIS_URL": None, "MAIL_FOLDER": f"{folder}/mail",
                      "RATELIMIT_STORAGE_URI": "memory://"})
    app.config["OWNER_DATABASE_URL"] = args.owner_url or url
    if not args.database_url:
        from flask_migrate import upgrade

        with app.app_context():
            upgrade(revision="heads")
    install_kind()
    started = time.perf_counter()
    tenant_ids = setup(app, args.tenants)
    reset(app)
    print(f"database: {url.split('@')[-1]}; {len(tenant_ids)} municipalities, {MEETINGS} meetings a year each, "
          f"set up in {time.perf_counter() - started:.1f} s")

    started = time.perf_counter()
    single = sweep_all(app, tenant_ids, TODAY)
    catch_up = time.perf_counter() - started
    expected = census(app)
    print(f"1. catch-up sweep, one worker: {catch_up:.1f} s (target <= 30 s) — {single}")
    print(f"   {expected}")
    started = time.perf_counter()
    daily = sweep_all(app, tenant_ids, TODAY + timedelta(days=1))
    print(f"2. next day's sweep, one worker: {time.perf_counter() - started:.1f} s — {daily}")
    expected_after_day = census(app)

    reset(app)
    started = time.perf_counter()
    pids = [forked(app, tenant_ids, TODAY) for _ in range(2)]
    codes = [os.waitpid(pid, 0)[1] for pid in pids]
    both = census(app)
    print(f"3. two sweeps at once: {time.perf_counter() - started:.1f} s, exit codes {codes} — {both}")
    ok3 = (both["duplicate notifications"] == 0 and both["duplicate mails"] == 0 and both["pending"] == 0
           and both["notifications"] == expected["notifications"] and both["mails"] == expected["mails"])

    reset(app)
    pid = forked(app, tenant_ids, TODAY)
    time.sleep(max(1.0, catch_up * 0.4))
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    killed = census(app)
    started = time.perf_counter()
    sweep_all(app, tenant_ids, TODAY)  # the retried job
    retried = census(app)
    print(f"4. SIGKILL after {max(1.0, catch_up * 0.4):.1f} s: {killed['notifications']} notifications were "
          f"delivered; retry took {time.perf_counter() - started:.1f} s — {retried}")
    ok4 = (retried["duplicate notifications"] == 0 and retried["duplicate mails"] == 0 and retried["pending"] == 0
           and retried["notifications"] == expected["notifications"] and retried["mails"] == expected["mails"])
    sweep_all(app, tenant_ids, TODAY + timedelta(days=1))
    ok2 = census(app) == expected_after_day
    verdict = "OK" if (ok2 and ok3 and ok4 and catch_up <= 30) else "NOT OK"
    print(f"{verdict}: catch-up {catch_up:.1f} s; duplicates 0 and nothing lost when run twice at once: {ok3}, "
          f"after SIGKILL + retry: {ok4}; next day identical after the kill: {ok2}")
    return 0 if verdict == "OK" else 1


if __name__ == "__main__":
    sys.exit(main())
