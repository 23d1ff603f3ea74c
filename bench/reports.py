"""Council-report benchmark (issue 9). Not part of the test suite.

Builds a scratch database (SQLite in a temp folder unless --database-url is given) with a sample of
municipalities from the CBS list, each with one network of 200 key persons (bench/generate.py) plus care
data (appreciation, trainings, pairs) and a completed evaluation, then measures:

1. one council report: worker time of `reports.jobs.generate_report` (snapshot + WeasyPrint PDF), median
   over --repeat runs, with the split between building the snapshot and rendering the PDF;
2. all 342 municipalities on two workers: --sample municipalities' reports rendered by a pool of two
   processes with a fresh process per report (as RQ's forked work horse does), wall time extrapolated to
   342, and the peak resident memory of one report process;
3. engagement health for a 20- and a 200-person network: SQL statements (must be equal).

    .venv/bin/python bench/reports.py                 # 8 municipalities, 16 reports on two workers
    .venv/bin/python bench/reports.py --sample 342    # the full national run (takes long on SQLite)
"""
from __future__ import annotations

import argparse
import os
import random
import resource
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from multiprocessing import get_context

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

_APP = None
TOTAL = 342


def _app(url: str):
    global _APP
    if _APP is None:
        from sleutelnet.platform.app import create_app

        _APP = create_app({"SQLALCHEMY_DATABASE_URI": url, "RATELIMIT_ENABLED": False, "REDIS_URL": None})
    return _APP


def build(url: str, municipalities: int, persons: int) -> list[tuple[int, int]]:
    """Provision and fill; returns (tenant_id, network_id) per municipality."""
    from flask_migrate import upgrade

    from bench.generate import generate_tenant
    from sleutelnet.blueprints.care.demo import seed_tenant as seed_care
    from sleutelnet.blueprints.evaluation import services as evaluation
    from sleutelnet.blueprints.network import services as network_services
    from sleutelnet.blueprints.network.models import Network
    from sleutelnet.platform.auth.passwords import hash_password
    from sleutelnet.platform.extensions import db
    from sleutelnet.platform.tenancy import cross_tenant, tenant_context
    from sleutelnet.tenants.models import Municipality
    from sleutelnet.tenants.services import provision_tenant

    app = _app(url)
    out = []
    with app.app_context():
        upgrade(revision="heads")
        with cross_tenant("maintenance"):
            codes = list(db.session.scalars(db.select(Municipality.cbs_code).order_by(Municipality.cbs_code)))
        password = hash_password("Bench-password-2026")
        for code in codes[:municipalities]:
            with cross_tenant("maintenance"):
                tenant = provision_tenant(code, origin="bench")
            generate_tenant(tenant, persons=persons, rng=random.Random(code), password_hash=password)
            with tenant_context(tenant.id):
                network = db.session.scalar(db.select(Network).order_by(Network.id))
                seed_care(network)
                network_services.save_purpose(network, goals=["awareness", "resilience", "policy"])
                ev = evaluation.start_evaluation(network.id, period_start=date.today() - timedelta(days=365),
                                                 period_end=date.today())
                evaluation.save_evaluation(ev, goals={g.goal: {"assessment": "partly", "evidence": "Bench"}
                                                      for g in ev.goals},
                                           experts="", share_decision="share", summary="", complete=True)
                db.session.commit()
                out.append((tenant.id, network.id))
    return out


def _new_report(tenant_id: int, network_id: int) -> int:
    from sleutelnet.blueprints.reports.models import CouncilReport
    from sleutelnet.platform.extensions import db
    from sleutelnet.platform.tenancy import tenant_context

    with tenant_context(tenant_id):
        report = CouncilReport(network_id=network_id, period_start=date.today() - timedelta(days=364),
                               period_end=date.today(), status="pending", language="nl",
                               file_token=os.urandom(16).hex())
        db.session.add(report)
        db.session.commit()
        return report.id


def one_report(url: str, tenant_id: int, network_id: int) -> dict:
    """Worker time of one report, split into snapshot and PDF."""
    from flask_babel import force_locale

    from sleutelnet.blueprints.network.models import Network
    from sleutelnet.blueprints.reports import jobs, render, snapshot
    from sleutelnet.platform.extensions import db
    from sleutelnet.platform.tenancy import tenant_context

    app = _app(url)
    with app.app_context():
        report_id = _new_report(tenant_id, network_id)
        with tenant_context(tenant_id):
            started, cpu = time.perf_counter(), time.process_time()
            assert jobs.generate_report(report_id, tenant_id) == "done"
            total, cpu = time.perf_counter() - started, time.process_time() - cpu
            network = db.session.get(Network, network_id)
            t0 = time.perf_counter()
            with force_locale("nl"):
                data = snapshot.build(network, tenant_id, date.today() - timedelta(days=364), date.today())
            t1 = time.perf_counter()
            render.pdf(data, "nl")
            t2 = time.perf_counter()
    return {"total": total, "cpu": cpu, "snapshot": t1 - t0, "pdf": t2 - t1}


def _worker(url: str, tenant_id: int, network_id: int) -> tuple[float, float, int]:
    """One report in a fresh process (one task per child): (wall s, CPU s, peak RSS in KiB)."""
    from sleutelnet.blueprints.reports import jobs
    from sleutelnet.platform.tenancy import tenant_context

    app = _app(url)
    with app.app_context():
        report_id = _new_report(tenant_id, network_id)
        started, cpu = time.perf_counter(), time.process_time()
        with tenant_context(tenant_id):
            jobs.generate_report(report_id, tenant_id)
        return (time.perf_counter() - started, time.process_time() - cpu,
                resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


def query_counts(url: str) -> dict:
    from sqlalchemy import event

    from bench.generate import generate_tenant
    from sleutelnet.blueprints.health import engagement
    from sleutelnet.blueprints.network.models import Network
    from sleutelnet.platform.extensions import db
    from sleutelnet.platform.tenancy import cross_tenant, tenant_context
    from sleutelnet.tenants.services import provision_tenant

    app = _app(url)
    counts = {}
    with app.app_context():
        for code, persons in (("GM1960", 20), ("GM1961", 200)):
            with cross_tenant("maintenance"):
                tenant = provision_tenant(code, origin="bench")
            generate_tenant(tenant, persons=persons, rng=random.Random(code), password_hash="x")
            with tenant_context(tenant.id):
                network_id = db.session.scalar(db.select(Network.id))
                statements = []
                listener = lambda *a, **k: statements.append(1)  # noqa: E731
                event.listen(db.engine, "before_cursor_execute", listener)
                try:
                    result = engagement.compute(network_id)
                finally:
                    event.remove(db.engine, "before_cursor_execute", listener)
                counts[persons] = (len(statements), len(result.persons))
    return counts


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--municipalities", type=int, default=8)
    parser.add_argument("--persons", type=int, default=200)
    parser.add_argument("--sample", type=int, default=16, help="reports rendered on two workers")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--database-url")
    args = parser.parse_args(argv)
    folder = tempfile.mkdtemp(prefix="sleutelnet-bench-reports-")
    os.environ["SLEUTELNET_INSTANCE"] = folder
    url = args.database_url or f"sqlite:///{folder}/reports.db"
    t = time.perf_counter()
    targets = build(url, args.municipalities, args.persons)
    print(f"built {len(targets)} municipalities x {args.persons} key persons in {time.perf_counter() - t:.1f} s")

    runs = [one_report(url, *targets[i % len(targets)]) for i in range(args.repeat)]
    med = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
    print(f"1. one report (median of {args.repeat}): worker time {med['total']:.2f} s wall, {med['cpu']:.2f} s CPU "
          f"(snapshot {med['snapshot']:.2f} s, PDF {med['pdf']:.2f} s wall); target <= 1.5 s")

    _app(url)  # loaded before forking, like an RQ worker, which also warms WeasyPrint up once
    from sleutelnet.workers.worker import warm_up_pdf

    warm_up_pdf()
    from sleutelnet.platform.extensions import db

    with _app(url).app_context():
        db.engine.dispose()  # no shared connections across fork
    ctx = get_context("fork")
    started = time.perf_counter()
    with ctx.Pool(2, maxtasksperchild=1) as pool:
        results = pool.starmap(_worker, [(url, *targets[i % len(targets)]) for i in range(args.sample)])
    wall = time.perf_counter() - started
    per_report = [r[0] for r in results]
    cpu = [r[1] for r in results]
    peak = max(r[2] for r in results) / 1024
    estimate = wall / args.sample * TOTAL
    label = "measured" if args.sample >= TOTAL else f"estimated from {args.sample} reports"
    print(f"2. {args.sample} reports on two workers (fresh process per report): wall {wall:.1f} s, "
          f"median {statistics.median(per_report):.2f} s wall / {statistics.median(cpu):.2f} s CPU per report; all {TOTAL} municipalities: "
          f"{estimate / 60:.1f} min ({label}); target <= 5 min")
    print(f"   peak resident memory of one report process: {peak:.0f} MiB (each report in its own process)")
    print(f"   CPU-bound estimate: {sum(cpu) / len(cpu) * TOTAL / 2 / 60:.1f} min for {TOTAL} reports on two "
          "otherwise idle cores")
    counts = query_counts(url)
    flat = "flat" if counts[20][0] == counts[200][0] else "NOT flat"
    print(f"3. engagement health: {counts[20][0]} SQL statements for {counts[20][1]} active persons, "
          f"{counts[200][0]} for {counts[200][1]} ({flat})")
    print(f"   load average during the run: {os.getloadavg()[0]:.1f} (2 vCPUs shared)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
