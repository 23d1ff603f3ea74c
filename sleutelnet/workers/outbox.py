"""Transactional outbox: a job is written in the same database transaction as the change that causes it.

After the commit the row is pushed to RQ; if Redis is unreachable it stays pending and is flushed later
(`flask outbox flush`, the periodic flush job, or the next successful enqueue). Without REDIS_URL — the
embedded default — the job runs inline right after the commit. Nothing is lost either way.
"""
from __future__ import annotations

import json
from datetime import datetime

from sqlalchemy import DateTime, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ..platform.extensions import db
from ..platform.models import created_at_column, platform_table


class OutboxJob(db.Model):
    __tablename__ = "outbox_jobs"
    __table_args__ = platform_table("the job queue's durable buffer; each row names its tenant_id explicitly")

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    func: Mapped[str] = mapped_column(String(200), nullable=False)
    queue: Mapped[str] = mapped_column(String(40), nullable=False)
    tenant_id: Mapped[int | None] = mapped_column(Integer, index=True)
    kwargs_json: Mapped[str] = mapped_column(Text, nullable=False, default="{}")
    status: Mapped[str] = mapped_column(String(20), nullable=False, default="pending", index=True)
    attempts: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    last_error: Mapped[str | None] = mapped_column(String(300))
    created_at: Mapped[datetime] = created_at_column()
    dispatched_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    @property
    def kwargs(self) -> dict:
        return json.loads(self.kwargs_json)

    @property
    def job_id(self) -> str:
        """Deterministic RQ job id: flushing the same row twice cannot run the job twice."""
        return f"outbox-{self.id}"
