"""The timing of the job pipeline, in one place (infra/README.md, "Jobs", explains each value).

Every value can be set in the app configuration or in the environment under the same name (the app
configuration wins); the fault tests shorten them. Production uses the defaults.
"""
from __future__ import annotations

import os

DEFAULTS: dict[str, str] = {
    # A row `dispatched` longer than this whose RQ job has vanished (Redis restarted empty, a flusher died
    # between its commit and the push) is pushed again. A push takes milliseconds.
    "JOB_DISPATCH_TIMEOUT": "20",
    # A worker writes a heartbeat this often while a job runs (RQ's job_monitoring_interval) ...
    "WORKER_HEARTBEAT_SECONDS": "5",
    # ... and a job whose worker's heartbeat is older than this (or whose worker process on this host is
    # gone) is not running any more: it is pushed again.
    "WORKER_DEAD_AFTER": "20",
    # Every worker runs the recovery pass (flush pending rows, reap lost jobs, revive the scheduler) at
    # start and this often (between jobs, and while idle); RQ's own maintenance runs every 10 minutes.
    "JOB_RECOVERY_SECONDS": "10",
    # Longest wait between two attempts to reach Redis after it went away (RQ's default is 60).
    "WORKER_RECONNECT_MAX": "10",
    # An effect (an e-mail) claimed but not confirmed for this long is sent again, and that is logged.
    # Must exceed the longest job timeout of a queue that sends (mail: 60 s): a claim this old belongs to
    # a run that RQ has killed or that died.
    "EFFECT_CLAIM_SECONDS": "90",
    # A job that raised this many times is `failed` (RQ tries it 1 + len(retries) times per dispatch).
    "JOB_MAX_FAILURES": "4",
    # A job that was started this many times without finishing (its workers keep dying) is `failed`.
    "JOB_MAX_RUNS": "12",
    # RQ retry intervals after an exception, in seconds.
    "JOB_RETRY_INTERVALS": "10,60,300",
    # Effects recorded as sent are kept this long (a retry never comes later than that).
    "EFFECT_RETENTION_DAYS": "30",
}


def _raw(name: str) -> str:
    from flask import current_app, has_app_context

    if has_app_context() and current_app.config.get(name) is not None:
        return str(current_app.config[name])
    return os.environ.get(name) or DEFAULTS[name]


def seconds(name: str) -> float:
    return float(_raw(name))


def number(name: str) -> int:
    return int(float(_raw(name)))


def intervals(name: str = "JOB_RETRY_INTERVALS") -> list[int]:
    return [int(part) for part in _raw(name).replace(" ", "").split(",") if part]
