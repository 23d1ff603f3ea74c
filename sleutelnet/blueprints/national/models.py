"""Tables of the national benchmarks: the boundary between the municipalities and the ESS.

Tenant-owned (a municipality's own choices, read only inside its own context):
- `benchmark_opt_ins`: per indicator, whether the municipality contributes (no row: the indicator's default);
- `benchmark_notes`: a coordinator's short note (≤ 280 characters) on its own figure of an indicator.

Platform tables (the national side; no personal data, ids and numbers only):
- `national_indicator_values`: written by the per-tenant job, one value per municipality, quarter and
  indicator, with the number of key persons behind it (for disclosure control). Read only by the national
  aggregation and, for its own row only, by the municipality itself — never by an ESS page;
- `national_cells`: the published (or suppressed) statistics per quarter, indicator and peer group: what
  the ESS pages, the CSV and the report read. A suppressed cell stores no value at all;
- `national_positions`: per municipality, quarter and indicator the third (lower/middle/upper) its value
  falls in among its 10 most similar municipalities — shown to that municipality only;
- `national_periods`: the quarters computed, and whether a quarter is closed (figures final);
- `national_reports`: the quarterly report PDF, rendered by a job on the `reports` queue.
"""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, DateTime, Float, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ...platform.crypto import EncryptedText
from ...platform.extensions import db
from ...platform.models import created_at_column, platform_table, updated_at_column
from ...platform.tenancy import TenantScoped

NOTE_MAX = 280


class OptIn(TenantScoped, db.Model):
    __tablename__ = "benchmark_opt_ins"
    __table_args__ = (UniqueConstraint("tenant_id", "indicator", name="uq_benchmark_opt_ins_indicator"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    indicator: Mapped[str] = mapped_column(String(60), nullable=False)
    opted_in: Mapped[bool] = mapped_column(Boolean, nullable=False)
    updated_at: Mapped[datetime] = updated_at_column()
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))


class Note(TenantScoped, db.Model):
    """A remark on the municipality's own figure (e.g. "new network since May"). Meant to be about no
    person, but free text: encrypted at rest like every free-text field, never shown outside the tenant."""

    __tablename__ = "benchmark_notes"
    __table_args__ = (UniqueConstraint("tenant_id", "indicator", name="uq_benchmark_notes_indicator"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    indicator: Mapped[str] = mapped_column(String(60), nullable=False)
    body: Mapped[str] = mapped_column(EncryptedText, nullable=False)  # at most NOTE_MAX characters (form)
    updated_at: Mapped[datetime] = updated_at_column()
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))


class IndicatorValue(db.Model):
    __tablename__ = "national_indicator_values"
    __table_args__ = (
        UniqueConstraint("tenant_id", "period", "indicator", name="uq_national_indicator_values_cell"),
        Index("ix_national_indicator_values_period", "period", "indicator"),
        platform_table("the national boundary: each municipality's job writes its own indicator values here "
                       "(numbers only); read by the national aggregation, never by an ESS page"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    tenant_id: Mapped[int] = mapped_column(ForeignKey("tenants.id"), nullable=False)
    period: Mapped[str] = mapped_column(String(7), nullable=False)  # "2026-Q3"
    indicator: Mapped[str] = mapped_column(String(60), nullable=False)
    value: Mapped[float] = mapped_column(Float, nullable=False)
    n_persons: Mapped[int] = mapped_column(Integer, nullable=False)
    computed_at: Mapped[datetime] = created_at_column()


class Cell(db.Model):
    __tablename__ = "national_cells"
    __table_args__ = (
        UniqueConstraint("period", "indicator", "group_kind", "group_code", name="uq_national_cells_cell"),
        platform_table("published national statistics after disclosure control; no municipality's own value"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    period: Mapped[str] = mapped_column(String(7), nullable=False)
    indicator: Mapped[str] = mapped_column(String(60), nullable=False)
    group_kind: Mapped[str] = mapped_column(String(20), nullable=False)  # groups.KINDS
    group_code: Mapped[str] = mapped_column(String(40), nullable=False)
    group_name: Mapped[str] = mapped_column(String(120), nullable=False)
    n_municipalities: Mapped[int] = mapped_column(Integer, nullable=False)  # rounded to base 5
    status: Mapped[str] = mapped_column(String(12), nullable=False)  # published | suppressed
    reason: Mapped[str | None] = mapped_column(String(30))  # why suppressed (platform.disclosure)
    mean: Mapped[float | None] = mapped_column(Float)
    median: Mapped[float | None] = mapped_column(Float)
    p25: Mapped[float | None] = mapped_column(Float)
    p75: Mapped[float | None] = mapped_column(Float)

    @property
    def published(self) -> bool:
        return self.status == "published"


class Position(db.Model):
    __tablename__ = "national_positions"
    __table_args__ = (
        UniqueConstraint("tenant_id", "period", "indicator", name="uq_national_positions_cell"),
        platform_table("where a municipality's value falls among its 10 most similar ones; read by that "
                       "municipality only"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    tenant_id: Mapped[int] = mapped_column(ForeignKey("tenants.id"), nullable=False)
    period: Mapped[str] = mapped_column(String(7), nullable=False)
    indicator: Mapped[str] = mapped_column(String(60), nullable=False)
    third: Mapped[str] = mapped_column(String(10), nullable=False)  # lower | middle | upper


class Period(db.Model):
    __tablename__ = "national_periods"
    __table_args__ = (platform_table("the quarters of the national benchmarks and whether they are closed"),)

    code: Mapped[str] = mapped_column(String(7), primary_key=True)
    starts_on: Mapped[date] = mapped_column(Date, nullable=False)
    ends_on: Mapped[date] = mapped_column(Date, nullable=False)  # exclusive
    closed: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    aggregated_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    municipalities: Mapped[int] = mapped_column(Integer, nullable=False, default=0)  # rounded, contributing


class Report(db.Model):
    __tablename__ = "national_reports"
    __table_args__ = (platform_table("the quarterly national report for the ESS (published cells only)"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    period: Mapped[str] = mapped_column(String(7), unique=True, nullable=False)
    status: Mapped[str] = mapped_column(String(10), nullable=False, default="pending")  # pending|running|done|failed
    progress: Mapped[int] = mapped_column(Integer, nullable=False, default=0)  # percent
    file_token: Mapped[str] = mapped_column(String(32), nullable=False)
    size: Mapped[int | None] = mapped_column(Integer)
    error: Mapped[str | None] = mapped_column(String(200))
    requested_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    requested_at: Mapped[datetime] = created_at_column()
    completed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
