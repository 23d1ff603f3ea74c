"""Shared column helpers and the table classification every model declares.

Every table is exactly one of:
- tenant-owned: uses `TenantScoped` (tenant_id NOT NULL, ORM guard, PostgreSQL RLS);
- reference: shared read-only reference data (e.g. the municipality list);
- platform: cross-tenant by nature (users, tenants, memberships, platform audit), with a stated reason.
`tests/platform/test_schema.py` fails on a table that is none of these.
"""
from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import DateTime, ForeignKey, ForeignKeyConstraint, Integer, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship


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


def id_column() -> Mapped[int]:
    """The surrogate primary key `id`."""
    return mapped_column(Integer, primary_key=True)


def ref_column(*, nullable: bool = False, index: bool = True) -> Mapped[int]:
    """The id of another row of the same tenant (a `tenant_fk` in `__table_args__` makes it a foreign key);
    by default required and indexed (the row it belongs to)."""
    return mapped_column(Integer, nullable=nullable, index=index)


def user_column(**kwargs) -> Mapped[int | None]:
    """A reference to a platform user (who recorded, decided, ...); `kwargs` as for `mapped_column`."""
    return mapped_column(ForeignKey("users.id"), **kwargs)


def tenant_fk(column: str, target: str, **kwargs) -> ForeignKeyConstraint:
    """`__table_args__` entry: (tenant_id, column) -> target(tenant_id, id), so a reference can never point
    into another tenant. `kwargs` as for `ForeignKeyConstraint` (name, ondelete)."""
    return ForeignKeyConstraint(["tenant_id", column], [f"{target}.tenant_id", f"{target}.id"], **kwargs)


def child_table_args(column: str, target: str, *more) -> tuple:
    """`__table_args__` of a tenant table whose rows belong to a row of `target`: `UNIQUE (tenant_id, id)`
    (so other tables can point at it with a `tenant_fk`), the `tenant_fk` of `column`, then `more`."""
    return (UniqueConstraint("tenant_id", "id"), tenant_fk(column, target), *more)


def belongs_to(column: str, target: str) -> type:
    """Mixin for a tenant table whose every row belongs to one row of `target` (an entry of a network's log,
    an event of a key person, ...): `__table_args__` = `child_table_args(column, target)`, the primary key `id`
    and the required, indexed reference `column`. The two columns come first in the table, as if declared at
    the top of the class (`sort_order`: SQLAlchemy would otherwise put a mixin's columns after the class's own)."""
    return _leading(f"BelongsTo_{target}", child_table_args(column, target), column, index=True)


def one_per(column: str, target: str) -> type:
    """Mixin for a tenant table with at most one row per row of `target` (a network's purpose, support,
    frameworks, evaluation schedule): as `belongs_to`, but `UNIQUE (tenant_id, column)` instead of an index."""
    return _leading(f"OnePer_{target}", (UniqueConstraint("tenant_id", column), tenant_fk(column, target)), column)


def _leading(name: str, table_args: tuple, column: str, **options) -> type:
    return type(name, (), {
        "__table_args__": table_args,
        "__annotations__": {"id": Mapped[int], column: Mapped[int]},
        "id": mapped_column(Integer, primary_key=True, sort_order=-2),
        column: mapped_column(Integer, nullable=False, sort_order=-1, **options),
    })


def parent_relationship(target, column: str, **kwargs):
    """The row of `target` (a class or its name) that `column` ("Model.x_id", an id column of the same
    tenant) points at; `kwargs` as for `relationship` (back_populates, lazy)."""
    name = target if isinstance(target, str) else target.__name__
    return relationship(target, foreign_keys=column, primaryjoin=f"{column} == {name}.id", **kwargs)


def platform_table(why: str) -> dict:
    """`__table_args__` entry marking a cross-tenant platform table, with the reason."""
    return {"info": {"kind": "platform", "why": why}}


def reference_table(why: str) -> dict:
    return {"info": {"kind": "reference", "why": why}}
