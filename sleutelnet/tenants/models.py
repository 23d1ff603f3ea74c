"""Municipality reference data, tenants and memberships."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..platform.extensions import db
from ..platform.models import created_at_column, platform_table, reference_table


class Municipality(db.Model):
    """The 342 Dutch municipalities of 2025 (CBS), shipped with the project; see data/PROVENANCE.md."""

    __tablename__ = "municipalities"
    __table_args__ = reference_table("CBS reference list of municipalities, identical for every tenant")

    cbs_code: Mapped[str] = mapped_column(String(6), primary_key=True)
    name: Mapped[str] = mapped_column(String(120), nullable=False)
    province: Mapped[str] = mapped_column(String(60), nullable=False)
    safety_region_code: Mapped[str] = mapped_column(String(4), nullable=False, index=True)
    safety_region_name: Mapped[str] = mapped_column(String(120), nullable=False)
    population: Mapped[int] = mapped_column(Integer, nullable=False)


class Tenant(db.Model):
    __tablename__ = "tenants"
    __table_args__ = platform_table("the tenant registry itself")

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True, nullable=False)
    name: Mapped[str] = mapped_column(String(120), nullable=False)
    cbs_code: Mapped[str] = mapped_column(ForeignKey("municipalities.cbs_code"), unique=True, nullable=False)
    province: Mapped[str] = mapped_column(String(60), nullable=False)
    safety_region_code: Mapped[str] = mapped_column(String(4), nullable=False)
    safety_region_name: Mapped[str] = mapped_column(String(120), nullable=False)
    population: Mapped[int] = mapped_column(Integer, nullable=False)
    active: Mapped[bool] = mapped_column(Boolean, default=True, nullable=False)
    created_at: Mapped[datetime] = created_at_column()
    # raised with every change of a cached reference list (tenants/cache.py); read with the tenant per request
    cache_version: Mapped[int] = mapped_column(Integer, default=0, server_default="0", nullable=False)


class Membership(db.Model):
    """A user's role in one tenant. Platform table: it decides who may enter a tenant at all."""

    __tablename__ = "memberships"
    __table_args__ = (
        UniqueConstraint("tenant_id", "user_id"),
        platform_table("links users to tenants; read before a tenant context exists"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    tenant_id: Mapped[int] = mapped_column(ForeignKey("tenants.id"), nullable=False, index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), nullable=False, index=True)
    role: Mapped[str] = mapped_column(String(20), nullable=False)
    active: Mapped[bool] = mapped_column(Boolean, default=True, nullable=False)
    created_at: Mapped[datetime] = created_at_column()

    tenant: Mapped[Tenant] = relationship(lazy="joined")
    user = relationship("User", back_populates="memberships", lazy="joined")
