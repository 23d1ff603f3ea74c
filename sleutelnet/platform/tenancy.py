"""The tenancy guard: every ORM statement on a tenant-owned model is scoped to the current tenant.

Three pieces work together:
- a context (`tenant_context(tenant_id)`) set per request by the tenant blueprint and per job by workers;
- a `do_orm_execute` hook that adds `tenant_id = :current` to every statement touching a tenant-owned
  model, and raises `TenantContextError` when there is no tenant context at all;
- a `before_flush` hook that stamps `tenant_id` on new rows and refuses rows of another tenant.

The only way across tenants is `cross_tenant("reason")`, a named context used by national
aggregation jobs, invitation acceptance and platform administration. On PostgreSQL the same context
is mirrored into the transaction (`SET LOCAL`) so row-level security applies to raw SQL too.
"""
from __future__ import annotations

import contextlib
import contextvars
import weakref
from dataclasses import dataclass

from sqlalchemy import ForeignKey, Integer, event, text
from sqlalchemy.orm import Mapped, Session, declared_attr, mapped_column, with_loader_criteria


class TenantContextError(RuntimeError):
    """A tenant-owned model was used without a tenant context, or across tenants."""


@dataclass(frozen=True)
class _Scope:
    tenant_id: int | None = None
    cross_tenant_reason: str | None = None


_scope: contextvars.ContextVar[_Scope] = contextvars.ContextVar("sleutelnet_tenant_scope", default=_Scope())

# Reasons allowed for crossing tenants. Adding one is a deliberate, reviewable change.
CROSS_TENANT_REASONS = {
    "invitation-accept",    # an invitee is not yet a member of the tenant
    "national-aggregates",  # ESS benchmark jobs: aggregate queries only
    "retention",            # scheduled retention/erasure job visiting each tenant in turn
    "maintenance",          # CLI maintenance (migrations, demo seed)
    "platform-admin",       # the platform admin's list of open invitations (provisioning a municipality)
}


def current_tenant_id() -> int | None:
    return _scope.get().tenant_id


def cross_tenant_reason() -> str | None:
    return _scope.get().cross_tenant_reason


@contextlib.contextmanager
def tenant_context(tenant_id: int):
    """Run a block as tenant `tenant_id` (requests, jobs, CLI)."""
    if not isinstance(tenant_id, int):
        raise TenantContextError("tenant_id must be an int")
    with _scoped(_Scope(tenant_id=tenant_id)):
        yield tenant_id


@contextlib.contextmanager
def cross_tenant(reason: str):
    """The one explicit way to read or write across tenants; `reason` must be a known one."""
    if reason not in CROSS_TENANT_REASONS:
        raise TenantContextError(f"unknown cross-tenant reason: {reason!r}")
    with _scoped(_Scope(cross_tenant_reason=reason)):
        yield


@contextlib.contextmanager
def _scoped(scope: _Scope):
    token = _scope.set(scope)
    _sync_db_scope()
    try:
        yield
    except BaseException:
        _scope.reset(token)
        _sync_db_scope(best_effort=True)  # never replace the error that is unwinding
        raise
    _scope.reset(token)
    _sync_db_scope()


_PENDING_SCOPE = "tenancy_scope_pending"  # session.info: the open transaction has not got the scope yet


def set_request_scope(tenant_id: int | None):
    """Used by the tenant blueprint; returns a token for `reset_request_scope`.

    The scope reaches PostgreSQL with the request's next statement or flush, not at once: a page served
    from the page cache (tenants/pages.py) runs no statement after the prelude and so needs no set_config.
    Every statement of the session passes `_scope_statement` or the flush hook first, which send it."""
    token = _scope.set(_Scope(tenant_id=tenant_id))
    from .extensions import db

    try:
        db.session().info[_PENDING_SCOPE] = True
    except RuntimeError:  # no app context
        _sync_db_scope()
    return token


def _send_pending_scope(session) -> None:
    if session.info.pop(_PENDING_SCOPE, None):
        _sync_db_scope()


def reset_request_scope(token) -> None:
    _scope.reset(token)
    from .extensions import db

    db.session().info.pop(_PENDING_SCOPE, None)
    # teardown may follow a failed request: restoring the setting must not raise over it
    _sync_db_scope(best_effort=True)


class TenantScoped:
    """Mixin for tenant-owned models: `tenant_id NOT NULL`, guarded and covered by RLS."""

    __tenant_owned__ = True

    @declared_attr
    def tenant_id(cls) -> Mapped[int]:  # noqa: N805
        return mapped_column(Integer, ForeignKey("tenants.id"), nullable=False, index=True)


def is_tenant_owned(cls) -> bool:
    return bool(getattr(cls, "__tenant_owned__", False))


def _scope_settings() -> tuple[str, str]:
    scope = _scope.get()
    return (str(scope.tenant_id) if scope.tenant_id is not None else "",
            "on" if scope.cross_tenant_reason else "")


def _sync_db_scope(best_effort: bool = False) -> None:
    """Mirror the scope into an already open PostgreSQL transaction (new ones get it in after_begin).

    `best_effort` is for leaving a scope while an error unwinds: a transaction that failed can only be
    rolled back (which discards SET LOCAL anyway), so a failure to update it must not mask the error.
    """
    from sqlalchemy.exc import SQLAlchemyError

    from .extensions import db

    try:
        session = db.session()
    except RuntimeError:  # no app context
        return
    transaction = session.get_transaction()
    if transaction is None or not transaction.is_active:
        return  # none open, or one that failed and must be rolled back first
    bind = session.get_bind()
    if bind.dialect.name != "postgresql":
        return
    try:
        _apply_pg_settings(session.connection())
    except SQLAlchemyError:
        if not best_effort:
            raise


def _apply_pg_settings(connection) -> None:
    tenant, cross = _scope_settings()
    if _set_local_statements():
        # Citus sends SET LOCAL statements on to its workers (citus.propagate_set_commands = 'local'), a
        # set_config() call it does not. No bind parameters in SET: the values are an int and "on"/"".
        connection.exec_driver_sql(f"SET LOCAL app.tenant_id = '{tenant}'; SET LOCAL app.cross_tenant = '{cross}'")
        return
    connection.execute(
        text("SELECT set_config('app.tenant_id', :t, true), set_config('app.cross_tenant', :c, true)"),
        {"t": tenant, "c": cross},
    )


def _set_local_statements() -> bool:
    from flask import current_app

    try:
        return bool(current_app.config.get("DB_SET_LOCAL_STATEMENTS"))
    except RuntimeError:  # no app context
        return False


_tenant_table_cache: tuple[int, frozenset[str]] = (-1, frozenset())


def _tenant_table_names() -> frozenset[str]:
    global _tenant_table_cache
    from .extensions import db

    mappers = db.Model.registry.mappers
    if _tenant_table_cache[0] != len(mappers):
        _tenant_table_cache = (len(mappers), frozenset(m.local_table.name for m in mappers if is_tenant_owned(m.class_)))
    return _tenant_table_cache[1]


def _tenant_tables_in(statement) -> list[str]:
    """Tenant tables used anywhere in a statement. `state.all_mappers` only lists the selected entities,
    so `select(func.count()).select_from(Thing)` or a subquery over `Thing` would pass unscoped."""
    from sqlalchemy.sql.util import find_tables

    tenant = _tenant_table_names()
    found = find_tables(statement, check_columns=True, include_aliases=True, include_joins=True,
                        include_selects=True, include_crud=True)
    return sorted({t.name for t in found if getattr(t, "name", None) in tenant})


_touch_memo: dict[int, tuple[weakref.ref, bool]] = {}


def _touches_tenant_table(statement) -> bool:
    """Whether the statement uses a tenant table; remembered per statement object, so a statement composed
    once per process (the request prelude) is walked once, not on every request. Keyed by the object itself
    (a weak reference), never by an option a copied statement could carry over."""
    entry = _touch_memo.get(id(statement))
    if entry is not None and entry[0]() is statement:
        return entry[1]
    touches = bool(_tenant_tables_in(statement))
    try:
        ref = weakref.ref(statement)
    except TypeError:
        return touches
    if len(_touch_memo) > 5_000:
        _touch_memo.clear()
    _touch_memo[id(statement)] = (ref, touches)
    return touches


def install_guard(session_class=Session) -> None:
    """Attach the guard hooks to all ORM sessions (idempotent)."""
    if getattr(install_guard, "_installed", False):
        return
    install_guard._installed = True

    @event.listens_for(session_class, "after_begin")
    def _set_local(session, transaction, connection):
        # Nothing to send outside a scope: an unset setting reads as NULL, which the RLS condition treats
        # like the empty value (no tenant, no cross-tenant), and SET LOCAL never outlives a transaction.
        # So a request pays for one set_config, when its tenant becomes known (see _sync_db_scope).
        session.info.pop(_PENDING_SCOPE, None)
        if connection.dialect.name == "postgresql" and any(_scope_settings()):
            _apply_pg_settings(connection)

    @event.listens_for(session_class, "do_orm_execute")
    def _scope_statement(state):
        _send_pending_scope(state.session)
        if not (state.is_select or state.is_update or state.is_delete):
            return
        if state.execution_options.get("_sleutelnet_scoped") or state.is_column_load:
            # Column loads refresh an object by primary key that already passed the guard.
            return
        if not (any(is_tenant_owned(m.class_) for m in state.all_mappers) or _touches_tenant_table(state.statement)):
            return
        scope = _scope.get()
        if scope.cross_tenant_reason:
            return
        if scope.tenant_id is None:
            names = ", ".join(sorted({m.class_.__name__ for m in state.all_mappers if is_tenant_owned(m.class_)})
                              or _tenant_tables_in(state.statement))
            raise TenantContextError(f"tenant-owned model ({names}) used without a tenant context")
        tenant_id = scope.tenant_id
        state.statement = state.statement.options(
            with_loader_criteria(TenantScoped, lambda cls: cls.tenant_id == tenant_id, include_aliases=True)
        ).execution_options(_sleutelnet_scoped=True)

    @event.listens_for(session_class, "before_flush")
    def _stamp_and_check(session, flush_context, instances):
        _send_pending_scope(session)
        scope = _scope.get()
        for obj in list(session.new) + list(session.dirty) + list(session.deleted):
            if not is_tenant_owned(type(obj)):
                continue
            if scope.cross_tenant_reason:
                if obj.tenant_id is None:
                    raise TenantContextError(f"{type(obj).__name__} needs an explicit tenant_id across tenants")
                continue
            if scope.tenant_id is None:
                raise TenantContextError(f"{type(obj).__name__} written without a tenant context")
            if obj.tenant_id is None and obj in session.new:
                obj.tenant_id = scope.tenant_id
            if obj.tenant_id != scope.tenant_id:
                raise TenantContextError(f"{type(obj).__name__} belongs to another tenant")
