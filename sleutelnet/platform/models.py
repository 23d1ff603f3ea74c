"""Shared column helpers and the table classification every model declares.

Every table is exactly one of:
- tenant-owned: uses `TenantScoped` (tenant_id NOT NULL, ORM guard, PostgreSQL RLS);
- reference: shared read-only reference data (e.g. the municipality list);
- platform: cross-tenant by nature (users, tenants, memberships, platform audit), with a stated reason.
`tests/platform/test_schema.py` fails on a table that is none of these.
"""
from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import DateTime, ForeignKeyConstraint
from sqlalchemy.orm import Mapped, mapped_column


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


def created_at_column() -> Mapped[datetime]:
    return mapped_column(DateTime(timezone=True), default=utcnow, nullable=False)


def updated_at_column() -> Mapped[datetime]:
    """Set on insert and on every ORM update."""
    return mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow, nullable=False)


class Timestamps:
    """Mixin: `created_at` and `updated_at` (see the two column helpers above)."""

    created_at: Mapped[datetime] = created_at_column()
    updated_at: Mapped[datetime] = updated_at_column()


def tenant_fk(column: str, target: str, **kwargs) -> ForeignKeyConstraint:
    """`__table_args__` entry: (tenant_id, column) -> target(tenant_id, id), so a reference can never point
    into another tenant. `kwargs` as for `ForeignKeyConstraint` (name, ondelete)."""
    return ForeignKeyConstraint(["tenant_id", column], [f"{target}.tenant_id", f"{target}.id"], **kwargs)


def platform_table(why: str) -> dict:
    """`__table_args__` entry marking a cross-tenant platform table, with the reason."""
    return {"info": {"kind": "platform", "why": why}}


def reference_table(why: str) -> dict:
    return {"info": {"kind": "reference", "why": why}}
