"""Transactional outbox: a job is written in the same database transaction as the change that causes it.

A row's life, every step a conditional UPDATE on the expected state (so two processes never both take
the same step, on SQLite as on PostgreSQL):

    pending ──flush──▶ dispatched ──worker claims──▶ running ──job commits──▶ done
       ▲                   │  ▲                         │
       └── push failed ────┘  └──── reaper (job lost) ──┘──▶ failed (raised JOB_MAX_FAILURES times)

Each dispatch pushes a fresh RQ job id (`outbox-<id>`, then `outbox-<id>-<attempt>`), recorded in
`rq_job_id`; only the run of that id may claim the row, so a stale copy of an older dispatch that still
turns up does nothing. Without REDIS_URL — the embedded default — the job runs inline after the commit.
See queues.py (dispatch), runtime.py (claim and finish), recovery.py (reaper), effects.py (effects).
"""
from __future__ import annotations

import json
from datetime import datetime

from sqlalchemy import DateTime, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ..platform.extensions import db
from ..platform.models import created_at_column, platform_table

PENDING, DISPATCHED, RUNNING, DONE, FAILED = "pending", "dispatched", "running", "done", "failed"


class OutboxJob(db.Model):
    __tablename__ = "outbox_jobs"
    invalidates_cache = False  # records reads or bookkeeping; shown on no cached page (tenants/cache.py)
    __table_args__ = platform_table("the job queue's durable buffer; each row names its tenant_id explicitly")

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    func: Mapped[str] = mapped_column(String(200), nullable=False)
    queue: Mapped[str] = mapped_column(String(40), nullable=False)
    tenant_id: Mapped[int | None] = mapped_column(Integer, index=True)
    kwargs_json: Mapped[str] = mapped_column(Text, nullable=False, default="{}")
    status: Mapped[str] = mapped_column(String(20), nullable=False, default=PENDING, index=True)
    attempts: Mapped[int] = mapped_column(Integer, nullable=False, default=0)  # dispatches (and inline runs)
    last_error: Mapped[str | None] = mapped_column(String(300))
    created_at: Mapped[datetime] = created_at_column()
    dispatched_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    rq_job_id: Mapped[str | None] = mapped_column(String(80))  # the RQ job of the current dispatch
    runs: Mapped[int] = mapped_column(Integer, nullable=False, default=0)  # executions started
    failures: Mapped[int] = mapped_column(Integer, nullable=False, default=0)  # executions that raised
    claimed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    claimed_by: Mapped[str | None] = mapped_column(String(120))  # host:pid of the last run
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    @property
    def kwargs(self) -> dict:
        return json.loads(self.kwargs_json)

    @property
    def job_id(self) -> str:
        """The RQ job id of the current dispatch (deterministic: a row pushed twice still runs once)."""
        return self.rq_job_id or rq_job_id_for(self.id, max(self.attempts, 1))


def rq_job_id_for(row_id: int, attempt: int) -> str:
    return f"outbox-{row_id}" if attempt <= 1 else f"outbox-{row_id}-{attempt}"
