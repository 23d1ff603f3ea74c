"""A tenant's key-person network(s) and their phase-1 setup (ESS guide §1.1–1.3).

Most municipalities run one network; large cities one per district or theme. Every setup table points
at its network with a composite foreign key (tenant_id, network_id), so a row can never refer to a
network of another tenant, not even by a bug. Multi-select answers (goals, location types, reciprocity)
are JSON lists of codes from `choices.py`.
"""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (JSON, Boolean, Date, ForeignKey, Integer, String, Text,
                        UniqueConstraint)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ...platform.extensions import db
from ...platform.models import belongs_to, one_per, created_at_column, id_column, tenant_fk, updated_at_column, user_column
from ...platform.tenancy import TenantScoped


class Network(TenantScoped, db.Model):
    __tablename__ = "networks"
    __table_args__ = (UniqueConstraint("tenant_id", "name"), UniqueConstraint("tenant_id", "id"))

    id: Mapped[int] = id_column()
    name: Mapped[str] = mapped_column(String(120), nullable=False)
    created_at: Mapped[datetime] = created_at_column()


class NetworkPurpose(TenantScoped, one_per("network_id", "networks"), db.Model):
    """§1.1 Doel en bestaansrecht: the social issue, goals and written answers to the guide's questions."""

    __tablename__ = "network_purposes"

    social_issue: Mapped[str] = mapped_column(Text, nullable=False, default="")
    goals: Mapped[list] = mapped_column(JSON, nullable=False, default=list)
    goals_other: Mapped[str] = mapped_column(Text, nullable=False, default="")
    # the four guiding questions ("hulpvragen") of §1.1, in the guide's order
    answer_issue_policy: Mapped[str] = mapped_column(Text, nullable=False, default="")
    answer_fitting_means: Mapped[str] = mapped_column(Text, nullable=False, default="")
    answer_existing_sufficient: Mapped[str] = mapped_column(Text, nullable=False, default="")
    answer_relation_existing: Mapped[str] = mapped_column(Text, nullable=False, default="")
    existing_networks: Mapped[str] = mapped_column(Text, nullable=False, default="")
    updated_at: Mapped[datetime] = updated_at_column()


class NetworkSupport(TenantScoped, one_per("network_id", "networks"), db.Model):
    """§1.2 Bestuurlijk draagvlak: general notes and the timing against the budget cycle."""

    __tablename__ = "network_supports"

    budget_moment: Mapped[str | None] = mapped_column(String(30))
    budget_year: Mapped[int | None] = mapped_column(Integer)
    notes: Mapped[str] = mapped_column(Text, nullable=False, default="")
    updated_at: Mapped[datetime] = updated_at_column()


class SupportEntry(TenantScoped, belongs_to("network_id", "networks"), db.Model):
    """One dated entry of the support log: which administrative body was informed or involved, and how."""

    __tablename__ = "network_support_entries"

    occurred_on: Mapped[date] = mapped_column(Date, nullable=False)
    body: Mapped[str] = mapped_column(String(30), nullable=False)
    body_detail: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    involvement: Mapped[str] = mapped_column(String(30), nullable=False)
    note: Mapped[str] = mapped_column(Text, nullable=False, default="")
    created_by: Mapped[int | None] = user_column()
    created_at: Mapped[datetime] = created_at_column()


class NetworkFrameworks(TenantScoped, one_per("network_id", "networks"), db.Model):
    """§1.3 Kaders en uitgangspunten (the municipality's role has its own dated history, `RoleChange`)."""

    __tablename__ = "network_frameworks"

    meeting_mode: Mapped[str | None] = mapped_column(String(20))
    meeting_cadence: Mapped[str | None] = mapped_column(String(20))
    location_types: Mapped[list] = mapped_column(JSON, nullable=False, default=list)
    location_note: Mapped[str] = mapped_column(String(300), nullable=False, default="")
    target_size: Mapped[int | None] = mapped_column(Integer)
    has_core_group: Mapped[bool | None] = mapped_column(Boolean)
    core_group_size: Mapped[int | None] = mapped_column(Integer)
    plenary_per_year: Mapped[int | None] = mapped_column(Integer)
    reciprocity: Mapped[list] = mapped_column(JSON, nullable=False, default=list)
    reciprocity_note: Mapped[str] = mapped_column(Text, nullable=False, default="")
    recruitment: Mapped[str | None] = mapped_column(String(20))
    recruitment_partner: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    scout: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    ambition: Mapped[str] = mapped_column(Text, nullable=False, default="")
    budget_eur: Mapped[int | None] = mapped_column(Integer)
    hours: Mapped[int | None] = mapped_column(Integer)
    hours_per: Mapped[str | None] = mapped_column(String(10))
    updated_at: Mapped[datetime] = updated_at_column()


class RoleChange(TenantScoped, belongs_to("network_id", "networks"), db.Model):
    """The municipality's role in the network from a date on (§1.3); the newest row is the current role."""

    __tablename__ = "network_role_changes"

    effective_on: Mapped[date] = mapped_column(Date, nullable=False)
    role: Mapped[str] = mapped_column(String(20), nullable=False)
    note: Mapped[str] = mapped_column(Text, nullable=False, default="")
    recorded_by: Mapped[int | None] = user_column()
    created_at: Mapped[datetime] = created_at_column()

    recorder = relationship("User", lazy="joined")


class NetworkOfficial(TenantScoped, db.Model):
    """A tenant member linked to the network: the fixed group of officials, the "known faces" (§1.3, §3.1)."""

    __tablename__ = "network_officials"
    __table_args__ = (UniqueConstraint("tenant_id", "network_id", "membership_id"), tenant_fk("network_id", "networks"))

    id: Mapped[int] = id_column()
    network_id: Mapped[int] = mapped_column(Integer, nullable=False)
    membership_id: Mapped[int] = mapped_column(ForeignKey("memberships.id"), nullable=False, index=True)
    portfolio: Mapped[str] = mapped_column(String(120), nullable=False, default="")
    added_by: Mapped[int | None] = user_column()
    created_at: Mapped[datetime] = created_at_column()

    membership = relationship("Membership", lazy="joined")


class CurrentNetwork(TenantScoped, db.Model):
    """The network a user works in, per tenant: set by any network picker and by opening a network's
    pages, so every page that works per network opens on it (instead of on the tenant's first network)."""

    __tablename__ = "network_current_choices"
    __table_args__ = (UniqueConstraint("tenant_id", "user_id"),
                      tenant_fk("network_id", "networks",
                                           ondelete="CASCADE"))

    id: Mapped[int] = id_column()
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), nullable=False)
    network_id: Mapped[int] = mapped_column(Integer, nullable=False)
    updated_at: Mapped[datetime] = updated_at_column()


# the network pickers and filter choices are cached per tenant until one of these changes
# the home card's phase-1 progress per network (network/cards.py) is cached until one of these changes
