"""Periodic jobs, registered with RQ's cron scheduler.

Run exactly one scheduler per deployment (it only enqueues; the workers run the jobs):
    python -m sleutelnet.workers.worker --cron          # reads REDIS_URL like the app does
    rq cron sleutelnet.workers.cron_config --url "$REDIS_URL"   # RQ's own command, same effect
Two schedulers by accident are harmless (flushing and reaping are conditional updates), just wasteful.
The reaper also runs inside every worker (at start and every JOB_RECOVERY_SECONDS); scheduled here as
well, it keeps running where workers are started some other way (RQ's own `rq worker`).
"""
from rq import cron

from sleutelnet.blueprints.registry import FEATURES
from sleutelnet.workers.jobs import flush_outbox, reap_outbox
from sleutelnet.workers.queues import JOB_TIMEOUT

OUTBOX_FLUSH_SECONDS = 60
OUTBOX_REAP_SECONDS = 60

cron.register(flush_outbox, "default", interval=OUTBOX_FLUSH_SECONDS, job_timeout=JOB_TIMEOUT["default"],
              result_ttl=3600, failure_ttl=7 * 24 * 3600, name="outbox-flush")
cron.register(reap_outbox, "default", interval=OUTBOX_REAP_SECONDS, job_timeout=JOB_TIMEOUT["default"],
              result_ttl=3600, failure_ttl=7 * 24 * 3600, name="outbox-reap")

# every feature area's scheduled jobs, from its manifest (see platform/features.py)
for _feature in FEATURES:
    for _job in _feature.jobs:
        _timeout = _job.timeout or JOB_TIMEOUT[_job.queue]
        if _job.cron:
            cron.register(_job.func, _job.queue, cron=_job.cron, job_timeout=_timeout, result_ttl=7 * 24 * 3600,
                          failure_ttl=30 * 24 * 3600, name=_job.name)
        else:
            cron.register(_job.func, _job.queue, interval=_job.interval, job_timeout=_timeout, result_ttl=3600,
                          failure_ttl=7 * 24 * 3600, name=_job.name)
