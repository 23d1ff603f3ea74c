"""Per-process caches of a tenant's data (reference lists, panels, rendered pages: `tenants/pages.py`),
valid until anything of the tenant changes.

Invalidation without an extra query: `tenants.cache_version` is part of the tenant row that the request
prelude loads anyway (`resolution.enter_tenant`). Any write to a tenant's rows raises that version in the
same transaction — a flush that adds, changes or deletes a row with a `tenant_id`, or an INSERT, UPDATE or
DELETE statement on such a table run through the session (bulk writes, jobs) — so every process sees the
change at its next request, and the process that made it at once. Models whose rows record reads or job
bookkeeping and show on no cached page set `invalidates_cache = False` (access logs, the audit trail, the
outbox).

The version is raised just before COMMIT (`before_commit`), not at the first write, so a long transaction
(an import job) holds the tenant row's lock for an instant, not for its whole run. Values are plain data
(ids, names, column values); `rows` turns cached column values back into instances of the current session
without a query.
"""
from __future__ import annotations

import functools
from collections.abc import Callable, Iterable

from flask import g, has_request_context
from sqlalchemy import event, update
from sqlalchemy.orm import Session, make_transient_to_detached

from ..platform.extensions import db
from ..platform.tenancy import current_tenant_id
from .models import Tenant

MAX_ENTRIES = 10_000  # bounded: a few lists per tenant
_PENDING = "tenant_cache_pending"  # session.info: tenant ids whose version the transaction must raise
_WROTE = "tenant_cache_wrote"  # session.info: a write of any table since `watch_writes()` (tenants/pages.py)
_cache: dict[tuple[int, str], tuple[int, object]] = {}
_forget_hooks: list[Callable[[], None]] = []


def forget() -> None:
    """Empty every per-process tenant cache (tests reuse ids after wiping the database)."""
    _cache.clear()
    for hook in _forget_hooks:
        hook()


def on_forget(hook: Callable[[], None]) -> None:
    _forget_hooks.append(hook)


@functools.cache
def _quiet_tables() -> frozenset[str]:
    """Tables of the models that set `invalidates_cache = False`."""
    return frozenset(m.local_table.name for m in db.Model.registry.mappers
                     if not getattr(m.class_, "invalidates_cache", True))


def _tenant_table(table) -> bool:
    return "tenant_id" in table.c and table.name not in _quiet_tables()


def _tenant_of(obj) -> int | None | bool:
    """The tenant whose cached data a change of `obj` invalidates; None for the current tenant; False for
    none (a row of no tenant, or of a model that shows on no cached page)."""
    if isinstance(obj, Tenant):
        return obj.id
    table = getattr(obj, "__table__", None)
    if table is None or not _tenant_table(table):
        return False
    return getattr(obj, "tenant_id", None)


def _pending_change() -> bool:
    """A tenant row added, changed or deleted in the session but not flushed yet: the query a cache hit
    skips would have flushed it (autoflush) and so raised the version."""
    session = db.session()
    return any(_tenant_of(obj) is not False for obj in (*session.new, *session.dirty, *session.deleted))


def current_version() -> tuple[int, int] | None:
    """(tenant id, version) of the request's tenant: the key under which the request may read and store
    cached values of its tenant, or None where nothing may be cached."""
    if not has_request_context() or g.get("_tenant_cache_stale") or _pending_change():
        return None
    tenant = g.get("tenant")
    if tenant is None or tenant.id != current_tenant_id() or tenant.cache_version is None:
        return None
    return tenant.id, tenant.cache_version


def cached(name: str, load: Callable[[], object]):
    """`load()` once per tenant, version and process; plain data only (no ORM instances)."""
    version = current_version()
    if version is None:
        return load()
    tenant_id, number = version
    hit = _cache.get((tenant_id, name))
    if hit is not None and hit[0] == number:
        return hit[1]
    value = load()
    if len(_cache) >= MAX_ENTRIES:
        _cache.clear()
    _cache[(tenant_id, name)] = (number, value)
    return value


def rows(name: str, model: type, load: Callable[[], list]) -> list:
    """Instances of `model` from `load()`, cached as column values and merged into the current session
    without a query (`merge(load=False)`), so callers keep using them as ORM objects."""
    columns = [c.key for c in model.__mapper__.column_attrs]

    def values():
        return [{key: getattr(obj, key) for key in columns} for obj in load()]

    def attach(data):
        obj = model(**data)
        make_transient_to_detached(obj)  # as if loaded earlier; merge then needs no query
        return db.session.merge(obj, load=False)

    return [attach(data) for data in cached(name, values)]


def _remember(session: Session, tenants: Iterable[int | None]) -> None:
    ids = {current_tenant_id() if t is None else t for t in tenants}
    ids.discard(None)
    if ids:
        session.info.setdefault(_PENDING, set()).update(ids)
        if has_request_context():
            g._tenant_cache_stale = True  # the loaded tenant row has the old version until the commit


def watch_writes() -> None:
    """From now on in this session, note any write (also of tables that raise no version): `wrote()`."""
    db.session().info.pop(_WROTE, None)


def wrote() -> bool:
    """Whether the session wrote anything since `watch_writes()`, or holds a change not flushed yet."""
    session = db.session()
    return bool(session.info.get(_WROTE) or session.new or session.dirty or session.deleted)


def _on_flush(session: Session, _context, _instances) -> None:
    changed_ = [_tenant_of(obj) for obj in (*session.new, *session.dirty, *session.deleted)]
    if changed_:
        session.info[_WROTE] = True
    _remember(session, [t for t in changed_ if t is not False])


def _on_statement(state) -> None:
    """INSERT/UPDATE/DELETE statements run through the session (bulk writes): the tenants of their rows."""
    if not (state.is_insert or state.is_update or state.is_delete):
        return
    state.session.info[_WROTE] = True
    table = getattr(state.statement, "table", None)
    if table is None or not _tenant_table(table):
        return
    params = state.parameters
    param_rows = params if isinstance(params, list) else [params] if isinstance(params, dict) else []
    tenants = {row.get("tenant_id") for row in param_rows if isinstance(row, dict)}
    _remember(state.session, tenants or {None})


def _before_commit(session: Session) -> None:
    if session.new or session.dirty or session.deleted:
        session.flush()  # the last flush first, so its changes are in the set
    tenants = session.info.pop(_PENDING, None)
    if tenants:
        _raise_versions(session, tenants)


def _forget_pending(session: Session) -> None:
    session.info.pop(_PENDING, None)


def _raise_versions(session: Session, tenants: set[int]) -> None:
    session.execute(update(Tenant).where(Tenant.id.in_(sorted(tenants)))
                    .values(cache_version=Tenant.cache_version + 1).execution_options(synchronize_session=False))
    for tenant_id in tenants:
        for key in [k for k in list(_cache) if k[0] == tenant_id]:  # list(): another thread may add
            _cache.pop(key, None)


def install(session_class=Session) -> None:
    for name, listener in (("before_flush", _on_flush), ("do_orm_execute", _on_statement),
                           ("before_commit", _before_commit), ("after_rollback", _forget_pending)):
        if not event.contains(session_class, name, listener):
            event.listen(session_class, name, listener)
