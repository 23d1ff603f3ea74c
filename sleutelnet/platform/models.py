"""Shared column helpers and the table classification every model declares.

Every table is exactly one of:
- tenant-owned: uses `TenantScoped` (tenant_id NOT NULL, ORM guard, PostgreSQL RLS);
- reference: shared read-only reference data (e.g. the municipality list);
- platform: cross-tenant by nature (users, tenants, memberships, platform audit), with a stated reason.
`tests/platform/test_schema.py` fails on a table that is none of these.
"""
from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import DateTime
from sqlalchemy.orm import Mapped, mapped_column


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


def created_at_column() -> Mapped[datetime]:
    return mapped_column(DateTime(timezone=True), default=utcnow, nullable=False)


def platform_table(why: str) -> dict:
    """`__table_args__` entry marking a cross-tenant platform table, with the reason."""
    return {"info": {"kind": "platform", "why": why}}


def reference_table(why: str) -> dict:
    return {"info": {"kind": "reference", "why": why}}
