"""A per-process cache of a tenant's small reference lists (networks, neighbourhoods, organisations): the
register's pages show them as choices on every request, and they rarely change.

Invalidation without an extra query: `tenants.cache_version` is part of the tenant row that the request
prelude loads anyway (`resolution.enter_tenant`). A flush that inserts, changes or deletes a row of a
watched model raises that version in the same transaction, so every process sees the change at its next
request (and the process that made it at once). Values are plain data (ids, names, column values); `rows`
turns cached column values back into instances of the current session without a query.
"""
from __future__ import annotations

from collections.abc import Callable

from flask import g, has_request_context
from sqlalchemy import event, update
from sqlalchemy.orm import Session, make_transient_to_detached

from ..platform.extensions import db
from ..platform.tenancy import current_tenant_id
from .models import Tenant

MAX_ENTRIES = 10_000  # bounded: a few lists per tenant
_watched: set[type] = set()
_cache: dict[tuple[int, str], tuple[int, object]] = {}


def watch(*models: type) -> None:
    """Changes to rows of these models invalidate the tenant's cached lists."""
    _watched.update(models)


def forget() -> None:
    _cache.clear()


def _pending_change() -> bool:
    """A watched row added, changed or deleted in the session but not flushed yet: the query a cache hit
    skips would have flushed it (autoflush) and so raised the version."""
    session = db.session()
    watched = tuple(_watched)
    return bool(watched) and any(isinstance(obj, watched) for obj in (*session.new, *session.dirty, *session.deleted))


def _version() -> tuple[int, int] | None:
    """(tenant id, version) of the request's tenant, or None where nothing may be cached."""
    if not has_request_context() or g.get("_tenant_cache_stale") or _pending_change():
        return None
    tenant = g.get("tenant")
    if tenant is None or tenant.id != current_tenant_id() or tenant.cache_version is None:
        return None
    return tenant.id, tenant.cache_version


def cached(name: str, load: Callable[[], object]):
    """`load()` once per tenant, version and process; plain data only (no ORM instances)."""
    version = _version()
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


def _bump(session: Session, _context, _instances) -> None:
    if not _watched:
        return
    tenants = {getattr(obj, "tenant_id", None) or current_tenant_id()
               for obj in (*session.new, *session.dirty, *session.deleted) if isinstance(obj, tuple(_watched))}
    tenants.discard(None)
    if tenants:
        _raise_versions(session, tenants)


def changed(tenant_id: int | None = None) -> None:
    """A change the flush cannot see (a bulk `delete`/`update` statement of a watched model): raise the
    version of the tenant (default: the current one) as a flush would."""
    tenant_id = tenant_id if tenant_id is not None else current_tenant_id()
    if tenant_id is not None:
        _raise_versions(db.session, {tenant_id})


def _raise_versions(session: Session, tenants: set[int]) -> None:
    session.execute(update(Tenant).where(Tenant.id.in_(sorted(tenants)))
                    .values(cache_version=Tenant.cache_version + 1).execution_options(synchronize_session=False))
    for tenant_id in tenants:
        for key in [k for k in _cache if k[0] == tenant_id]:
            _cache.pop(key, None)
    if has_request_context():
        g._tenant_cache_stale = True  # the loaded tenant row still has the old version


def install(session_class=Session) -> None:
    if not event.contains(session_class, "before_flush", _bump):
        event.listen(session_class, "before_flush", _bump)
