"""Periodic jobs, registered with RQ's cron scheduler.

Run exactly one scheduler per deployment (it only enqueues; the workers run the jobs):
    python -m sleutelnet.workers.worker --cron          # reads REDIS_URL like the app does
    rq cron sleutelnet.workers.cron_config --url "$REDIS_URL"   # RQ's own command, same effect
Two schedulers by accident are harmless (flushing is idempotent), just wasteful.
"""
from rq import cron

from sleutelnet.blueprints.privacy.jobs import apply_retention
from sleutelnet.workers.jobs import flush_outbox
from sleutelnet.workers.queues import JOB_TIMEOUT

OUTBOX_FLUSH_SECONDS = 60

cron.register(flush_outbox, "default", interval=OUTBOX_FLUSH_SECONDS, job_timeout=JOB_TIMEOUT["default"],
              result_ttl=3600, failure_ttl=7 * 24 * 3600, name="outbox-flush")

# privacy: retention periods of every active municipality (anonymise people who left long ago, prune the
# access log, remove expired subject-access exports), nightly at 02:30 (scheduler time, UTC)
cron.register(apply_retention, "reports", cron="30 2 * * *", job_timeout=JOB_TIMEOUT["reports"],
              result_ttl=7 * 24 * 3600, failure_ttl=30 * 24 * 3600, name="privacy-retention")
