"""Composition targets of a network (ESS guide §2.2 "Verschillende rollen", "Diversiteit en representativiteit").

Two tenant-owned tables, both per network (composite foreign key `(tenant_id, network_id)`, so a target
can never point at another tenant's network):
- `composition_role_targets`: per role of §2.2 a minimum number of active key persons and/or a minimum
  share (percent of the active key persons);
- `composition_dimension_targets`: per diversity dimension and category a target share (percent of the
  active key persons for whom the dimension is recorded) with a tolerance in percentage points.

No row means "no target set": `targets.py` then applies the defaults (every role present; no category
of a dimension above 70%). The tables hold codes and numbers only, never personal data.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ...platform.extensions import db
from ...platform.models import tenant_fk, updated_at_column
from ...platform.tenancy import TenantScoped


class RoleTarget(TenantScoped, db.Model):
    """A minimum for one role (keypersons.choices.ROLES) in one network; either field may be empty."""

    __tablename__ = "composition_role_targets"
    __table_args__ = (UniqueConstraint("tenant_id", "network_id", "role", name="uq_composition_role_targets_role"),
                      tenant_fk("network_id", "networks"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    network_id: Mapped[int] = mapped_column(Integer, nullable=False, index=True)
    role: Mapped[str] = mapped_column(String(20), nullable=False)
    min_count: Mapped[int | None] = mapped_column(Integer)
    min_share: Mapped[int | None] = mapped_column(Integer)  # percent, 0-100
    updated_at: Mapped[datetime] = updated_at_column()
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))


class DimensionTarget(TenantScoped, db.Model):
    """A target share for one category of one diversity dimension (see targets.DIMENSIONS)."""

    __tablename__ = "composition_dimension_targets"
    __table_args__ = (UniqueConstraint("tenant_id", "network_id", "dimension", "category",
                                       name="uq_composition_dimension_targets_category"), tenant_fk("network_id", "networks"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    network_id: Mapped[int] = mapped_column(Integer, nullable=False, index=True)
    dimension: Mapped[str] = mapped_column(String(30), nullable=False)
    category: Mapped[str] = mapped_column(String(30), nullable=False)
    target_share: Mapped[int] = mapped_column(Integer, nullable=False)  # percent, 0-100
    tolerance: Mapped[int] = mapped_column(Integer, nullable=False, default=10)  # percentage points
    updated_at: Mapped[datetime] = updated_at_column()
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))


