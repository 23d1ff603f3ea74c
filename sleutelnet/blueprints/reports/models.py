"""Council reports (raadsinformatiebrief, ESS guide §3.4): a frozen snapshot per network and period.

The row is the unit of work of the job: it exists (status "pending") before anything is rendered, and the
job claims it with a conditional update, so a redelivered or duplicate job never renders twice. The
snapshot holds aggregates only — no names, no e-mail, no free text about key persons — with every count
below 5 already replaced by "< 5"; the PDF is rendered from it and its SHA-256 is stored as content hash.
"""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, DateTime, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ...platform.extensions import db
from ...platform.models import created_at_column, id_column, ref_column, tenant_fk, user_column
from ...platform.tenancy import TenantScoped

STATUSES = ("pending", "running", "done", "failed")


class CouncilReport(TenantScoped, db.Model):
    __tablename__ = "council_reports"
    __table_args__ = (UniqueConstraint("tenant_id", "id"), UniqueConstraint("tenant_id", "file_token"),
                      tenant_fk("network_id", "networks"))

    id: Mapped[int] = id_column()
    network_id: Mapped[int] = ref_column()
    period_start: Mapped[date] = mapped_column(Date, nullable=False)
    period_end: Mapped[date] = mapped_column(Date, nullable=False)  # inclusive
    language: Mapped[str] = mapped_column(String(5), nullable=False, default="nl")
    status: Mapped[str] = mapped_column(String(10), nullable=False, default="pending")
    file_token: Mapped[str] = mapped_column(String(64), nullable=False)
    requested_by_id: Mapped[int | None] = user_column()
    requested_at: Mapped[datetime] = created_at_column()
    started_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    generated_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    snapshot_json: Mapped[str | None] = mapped_column(Text)
    content_hash: Mapped[str | None] = mapped_column(String(64))  # SHA-256 of the PDF
    pdf_size: Mapped[int | None] = mapped_column(Integer)
    render_ms: Mapped[int | None] = mapped_column(Integer)
    attempts: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    error: Mapped[str | None] = mapped_column(String(200))  # an exception class name, never data
