"""National benchmark bench: the per-municipality indicator jobs, the national aggregation, and the SQL
statements of the ESS overview and a coordinator's comparison page.

    DATABASE_URL=sqlite:////tmp/bench.db .venv/bin/python bench/generate.py      # 342 × 200 key persons
    DATABASE_URL=sqlite:////tmp/bench.db .venv/bin/python bench/national.py [--period 2026-Q4] [--quarters 1]

1. every active municipality's job (`national.jobs.compute_tenant`) one after the other, as one worker
   would run them: through `workers.runtime.execute`, so each runs inside its own tenant context and
   commits on its own (target: all 342 within 60 s);
2. the national aggregation with disclosure control for the quarter (target: ≤ 5 s);
3. SQL statements per request of `/ess/` and `/g/<slug>/vergelijking/` (in-process test client), once
   with the data as it is and once with the values of all but 10 municipalities removed — the counts
   must be the same (flat in the number of municipalities; tests/national/test_query_counts.py holds
   the suite to it).
Prints the timings; not part of the test suite.
"""
from __future__ import annotations

import argparse
import contextlib
import os
import statistics
import sys
import time
from datetime import date

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


@contextlib.contextmanager
def _count(engine):
    from sqlalchemy import event

    statements = []

    def before(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", before)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", before)


def _query_counts(app, slug: str) -> dict[str, int]:
    """Statements per page as an ESS advisor and as the coordinator of `slug` (accounts made if needed)."""
    from sleutelnet.platform.auth.models import User
    from sleutelnet.platform.auth.passwords import hash_password
    from sleutelnet.platform.extensions import db
    from sleutelnet.tenants.models import Membership, Tenant

    password = "Bench-national-2026"
    with app.app_context():
        tenant = db.session.scalar(db.select(Tenant).filter_by(slug=slug))
        for email, role in (("ess@national.bench", "ess_advisor"), (f"coordinator@{slug}.national.bench", None)):
            if db.session.scalar(db.select(User).filter_by(email=email)) is None:
                user = User(email=email, name="Bench", password_hash=hash_password(password), platform_role=role,
                            mfa_exempt=True)
                db.session.add(user)
                db.session.flush()
                if role is None:
                    db.session.add(Membership(tenant_id=tenant.id, user_id=user.id, role="coordinator"))
        db.session.commit()
        engine = db.engine
    out = {}
    app.config["RATELIMIT_ENABLED"] = False
    for email, url in (("ess@national.bench", "/ess/"),
                       (f"coordinator@{slug}.national.bench", f"/g/{slug}/vergelijking/")):
        client = app.test_client()
        app.config["WTF_CSRF_ENABLED"] = False
        client.post("/inloggen", data={"email": email, "password": password})
        client.get(url)
        with _count(engine) as statements:
            status = client.get(url).status_code
        out[url] = (status, len(statements))
    return out


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--period", default=None, help="quarter, e.g. 2026-Q4 (default: the current one)")
    parser.add_argument("--slug", default=None, help="municipality for the comparison page (default: the first)")
    args = parser.parse_args(argv)

    from sleutelnet.blueprints.national import aggregation, periods
    from sleutelnet.blueprints.national.models import IndicatorValue
    from sleutelnet.platform.app import create_app
    from sleutelnet.platform.extensions import db
    from sleutelnet.tenants.models import Tenant
    from sleutelnet.workers.runtime import execute

    period = args.period or periods.code_of(date.today())
    app = create_app()
    with app.app_context():
        print(f"database: {db.engine.url.render_as_string(hide_password=True)}; quarter {period}")
        tenants = db.session.execute(db.select(Tenant.id, Tenant.slug).where(Tenant.active.is_(True))
                                     .order_by(Tenant.id)).all()
        durations = []
        started = time.perf_counter()
        for tenant_id, _slug in tenants:
            t = time.perf_counter()
            execute("sleutelnet.blueprints.national.jobs.compute_tenant", {"tenant_id": tenant_id, "period": period})
            durations.append(time.perf_counter() - t)
            db.session.remove()
        per_tenant = time.perf_counter() - started
        rows = db.session.scalar(db.select(db.func.count()).select_from(IndicatorValue)
                                 .where(IndicatorValue.period == period))
        print(f"1. per-municipality jobs: {len(tenants)} municipalities in {per_tenant:.1f} s "
              f"(p50 {statistics.median(durations) * 1000:.0f} ms, max {max(durations) * 1000:.0f} ms), "
              f"{rows} indicator values; target ≤ 60 s")
        started = time.perf_counter()
        result = aggregation.aggregate(period)
        print(f"2. national aggregation: {result} in {time.perf_counter() - started:.2f} s; target ≤ 5 s")
        slug = args.slug or tenants[0][1]
    full = _query_counts(app, slug)
    with app.app_context():  # the same pages with only 10 municipalities left in the quarter
        keep = [tid for tid, s in tenants if s == slug] + [tid for tid, s in tenants if s != slug][:9]
        saved = db.session.execute(db.select(IndicatorValue.__table__).where(IndicatorValue.period == period)).all()
        db.session.execute(db.delete(IndicatorValue).where(IndicatorValue.period == period,
                                                           IndicatorValue.tenant_id.not_in(keep)))
        db.session.commit()
        aggregation.aggregate(period)
    small = _query_counts(app, slug)
    with app.app_context():  # put everything back
        db.session.execute(db.delete(IndicatorValue).where(IndicatorValue.period == period))
        db.session.execute(db.insert(IndicatorValue), [dict(r._mapping) for r in saved])
        db.session.commit()
        aggregation.aggregate(period)
    for url in full:
        print(f"3. {url}: HTTP {full[url][0]}, {full[url][1]} statements with {len(tenants)} municipalities, "
              f"{small[url][1]} with 10")
    return 0


if __name__ == "__main__":
    sys.exit(main())
