"""The background worker: `python -m sleutelnet.workers.worker [QUEUE ...]`.

Creates the app once (configuration from the environment, exactly like the web process) and runs an
RQ worker on the given queues — by default all of them (default, mail, reports, reminders), in that
order of priority — together with RQ's scheduler, which puts retried and delayed jobs back on their
queue. Each job runs in a forked work horse with its own app context (`runtime.run_job`) and, for a
tenant job, inside that tenant's context.

Recovery is part of every worker (infra/README.md, "Jobs"): at start and every JOB_RECOVERY_SECONDS it
flushes pending outbox rows, reaps lost jobs (recovery.py) and restarts a scheduler that died or whose
lock a killed worker left behind; it heartbeats every WORKER_HEARTBEAT_SECONDS while a job runs, so a
killed worker's job is pushed again within WORKER_DEAD_AFTER. When Redis goes away the worker waits
for it (at most WORKER_RECONNECT_MAX seconds between tries) and carries on; it never needs a restart.

`--cron` runs the periodic scheduler of `cron_config.py` instead (one per deployment, it too survives
Redis outages); `--burst` works the queues empty and exits. Without REDIS_URL there is nothing to do:
jobs run inline in the web process right after their transaction commits.
"""
from __future__ import annotations

import argparse
import logging
import os
import sys
import time

from .queues import QUEUES

log = logging.getLogger("sleutelnet.workers")


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


def worker_class():
    """RQ's Worker with Sleutelnet's recovery pass in its maintenance (defined lazily: RQ is imported
    only when a worker actually starts)."""
    from rq import Worker

    from . import recovery, settings

    class SleutelnetWorker(Worker):
        def __init__(self, *args, **kwargs):
            every = int(settings.seconds("JOB_RECOVERY_SECONDS"))
            kwargs.setdefault("job_monitoring_interval", max(1, int(settings.seconds("WORKER_HEARTBEAT_SECONDS"))))
            kwargs.setdefault("maintenance_interval", every)
            kwargs.setdefault("worker_ttl", every + 15)  # RQ waits worker_ttl - 15 s for a job, then maintains
            super().__init__(*args, **kwargs)
            self.max_connection_wait_time = settings.seconds("WORKER_RECONNECT_MAX")
            self.stop_signalled = False

        def request_stop(self, signum, frame):
            self.stop_signalled = True  # RQ raises StopRequested when idle without recording why
            super().request_stop(signum, frame)

        def run_maintenance_tasks(self):
            from redis.exceptions import ConnectionError as RedisConnectionError

            try:
                recovery.release_dead_scheduler_locks(self.connection, self.queue_names())
            except RedisConnectionError:
                raise  # RQ's loop waits for Redis
            except Exception as exc:  # noqa: BLE001 - never let housekeeping stop the worker
                log.warning("could not check the scheduler locks: %s", exc)
            super().run_maintenance_tasks()
            scheduler = getattr(self, "scheduler", None)
            if scheduler is not None and not (scheduler._process and scheduler._process.is_alive()):
                scheduler.acquire_locks(auto_start=True)  # RQ skips this on the first pass
            recovery.recover_safely("worker maintenance")

    return SleutelnetWorker


def _wait(attempt: int) -> None:
    from . import settings

    time.sleep(min(2 ** attempt, settings.seconds("WORKER_RECONNECT_MAX")))


def run_worker(queue_names: list[str], burst: bool, logging_level: str) -> int:
    from redis.exceptions import RedisError
    from rq import Queue

    from .queues import redis_connection

    attempt = 0
    while True:
        try:
            connection = redis_connection()
            queues = [Queue(name, connection=connection) for name in queue_names]
            worker = worker_class()(queues, connection=connection)
            attempt = 0
            worker.work(burst=burst, with_scheduler=True, logging_level=logging_level)
        except RedisError as exc:  # Redis is not there (yet): wait for it
            log.warning("Redis unavailable (%s); trying again", exc)
            attempt += 1
            _wait(attempt)
            continue
        if burst or worker.stop_signalled:
            return 0
        log.warning("worker loop ended (Redis timed out?); starting again")
        _wait(1)


def run_cron(logging_level: str) -> int:
    from redis.exceptions import RedisError
    from rq.cron import CronScheduler

    from .queues import redis_connection

    attempt = 0
    while True:
        try:
            scheduler = CronScheduler(connection=redis_connection(), logging_level=logging_level)
            scheduler.load_config_from_file("sleutelnet.workers.cron_config")
            attempt = 0
            scheduler.start()  # returns on SIGTERM/SIGINT
            return 0
        except RedisError as exc:
            log.warning("cron: Redis unavailable (%s); trying again", exc)
            attempt += 1
            _wait(attempt)


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

    from ..platform.app import create_app
    from ..platform.extensions import db
    from . import runtime
    from .queues import redis_enabled

    logging.basicConfig(level=args.logging_level, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    app = create_app()
    runtime.set_app(app)
    with app.app_context():
        if not redis_enabled():
            print("REDIS_URL is not set: jobs run inline in the web process, no worker is needed.", file=sys.stderr)
            return 2
        if args.cron:
            return run_cron(args.logging_level)
        # Work horses are forked: they must open their own database connections, never reuse the
        # parent's pooled sockets (close=False leaves the parent's connections alone).
        engine = db.engine
        os.register_at_fork(after_in_child=lambda: engine.dispose(close=False))
        if "reports" in (args.queues or QUEUES):
            warm_up_pdf()
        return run_worker(args.queues or list(QUEUES), args.burst, args.logging_level)


if __name__ == "__main__":
    sys.exit(main())
