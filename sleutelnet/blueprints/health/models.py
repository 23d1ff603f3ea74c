"""Network health (§3.3): per-tenant thresholds for engagement health, and handover tasks when a linked
official leaves a network. Engagement flags themselves are computed on the fly and never stored."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Integer, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ...platform.extensions import db
from ...platform.models import created_at_column, tenant_fk
from ...platform.tenancy import TenantScoped

DEFAULTS = {"quiet_missed_meetings": 3, "quiet_no_contact_days": 90, "overload_open_actions": 3,
            "overload_buddies": 2}


class HealthSettings(TenantScoped, db.Model):
    """Thresholds of the tenant (one row; defaults from `DEFAULTS` while there is none)."""

    __tablename__ = "health_settings"
    __table_args__ = (UniqueConstraint("tenant_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    quiet_missed_meetings: Mapped[int] = mapped_column(Integer, nullable=False, default=3)
    quiet_no_contact_days: Mapped[int] = mapped_column(Integer, nullable=False, default=90)
    overload_open_actions: Mapped[int] = mapped_column(Integer, nullable=False, default=3)
    overload_buddies: Mapped[int] = mapped_column(Integer, nullable=False, default=2)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = created_at_column()


class HandoverTask(TenantScoped, db.Model):
    """"Introduce a successor": created when an official is unlinked from a network (guide §3.1, fixed faces).
    Unique per (network, membership, day) so repeated unlink events never duplicate it."""

    __tablename__ = "health_handover_tasks"
    __table_args__ = (UniqueConstraint("tenant_id", "id"),
                      UniqueConstraint("tenant_id", "network_id", "membership_id", "created_on"),
                      tenant_fk("network_id", "networks"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    network_id: Mapped[int] = mapped_column(Integer, nullable=False, index=True)
    membership_id: Mapped[int] = mapped_column(ForeignKey("memberships.id"), nullable=False)
    created_on: Mapped[date] = mapped_column(Date, nullable=False)
    done_on: Mapped[date | None] = mapped_column(Date)
    done_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))


# the home card's open handovers (health/home.py) are cached until one changes
