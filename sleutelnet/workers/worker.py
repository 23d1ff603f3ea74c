"""The background worker: `python -m sleutelnet.workers.worker [QUEUE ...]`.

Creates the app once (configuration from the environment, exactly like the web process) and runs an
RQ worker on the given queues — by default all of them (default, mail, reports, reminders), in that
order of priority — together with RQ's scheduler, which puts retried and delayed jobs back on their
queue (without it a retry interval would never expire). Each job runs in a forked work horse with
its own app context (`runtime.run_job`) and, for a tenant job, inside that tenant's context.

`--cron` runs the periodic scheduler of `cron_config.py` instead (one per deployment); `--burst`
works the queues empty and exits. Without REDIS_URL there is nothing to do: jobs run inline in the
web process right after their transaction commits.
"""
from __future__ import annotations

import argparse
import os
import sys

from .queues import QUEUES


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m sleutelnet.workers.worker",
        description="Run a Sleutelnet background worker (RQ) or, with --cron, the periodic scheduler.",
    )
    parser.add_argument("queues", nargs="*", metavar="QUEUE",
                        help=f"queues to work on, highest priority first (default: {' '.join(QUEUES)})")
    parser.add_argument("--burst", action="store_true", help="work until the queues are empty, then exit")
    parser.add_argument("--cron", action="store_true",
                        help="run the periodic scheduler (sleutelnet/workers/cron_config.py) instead of a worker")
    parser.add_argument("--logging-level", default=os.environ.get("WORKER_LOG_LEVEL", "INFO"),
                        choices=["DEBUG", "INFO", "WARNING", "ERROR"], type=str.upper)
    return parser


def warm_up_pdf() -> None:
    """Import WeasyPrint and lay out one tiny page in the parent: its import and font set-up take about a
    second, and every forked work horse (one per report job) then inherits them instead of paying again."""
    try:
        from weasyprint import HTML

        HTML(string="<p>warm-up</p>").write_pdf()
    except Exception:  # noqa: BLE001 - an optimisation only; a real job reports its own error
        pass


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    unknown = sorted(set(args.queues) - set(QUEUES))
    if unknown:
        parser.error(f"unknown queue(s) {', '.join(unknown)}; choose from {', '.join(QUEUES)}")

    from rq import Queue, Worker

    from ..platform.app import create_app
    from ..platform.extensions import db
    from . import runtime
    from .queues import redis_connection, redis_enabled

    app = create_app()
    runtime.set_app(app)
    with app.app_context():
        if not redis_enabled():
            print("REDIS_URL is not set: jobs run inline in the web process, no worker is needed.", file=sys.stderr)
            return 2
        connection = redis_connection()
        if args.cron:
            from rq.cron import CronScheduler

            scheduler = CronScheduler(connection=connection, logging_level=args.logging_level)
            scheduler.load_config_from_file("sleutelnet.workers.cron_config")
            scheduler.start()
            return 0
        # Work horses are forked: they must open their own database connections, never reuse the
        # parent's pooled sockets (close=False leaves the parent's connections alone).
        engine = db.engine
        os.register_at_fork(after_in_child=lambda: engine.dispose(close=False))
        if "reports" in (args.queues or QUEUES):
            warm_up_pdf()
        queues = [Queue(name, connection=connection) for name in (args.queues or QUEUES)]
        worker = Worker(queues, connection=connection)
        worker.work(burst=args.burst, with_scheduler=True, logging_level=args.logging_level)
    return 0


if __name__ == "__main__":
    sys.exit(main())
