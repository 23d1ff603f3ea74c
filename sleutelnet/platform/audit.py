"""Append-only audit trail of security events and changes.

Log lines hold ids and codes, never personal data: the actor is a user id, the object a type and id,
the origin a channel plus an IP address truncated to its network (/24, /48).
Tenant events live in a tenant-owned table (guarded like any tenant data); platform events (failed
logins, provisioning, 2FA changes) in a platform table.
"""
from __future__ import annotations

import ipaddress
from datetime import datetime

from flask import has_request_context, request
from sqlalchemy import DateTime, Integer, String, event
from sqlalchemy.orm import Mapped, mapped_column

from .extensions import db
from .models import platform_table, utcnow
from .tenancy import TenantScoped, current_tenant_id


class AuditMixin:
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, nullable=False, index=True)
    actor_id: Mapped[int | None] = mapped_column(Integer)
    action: Mapped[str] = mapped_column(String(60), nullable=False, index=True)
    object_type: Mapped[str | None] = mapped_column(String(40))
    object_id: Mapped[str | None] = mapped_column(String(40))
    result: Mapped[str] = mapped_column(String(20), nullable=False, default="ok")
    origin: Mapped[str] = mapped_column(String(60), nullable=False, default="system")
    detail: Mapped[str | None] = mapped_column(String(200))


class AuditEvent(TenantScoped, AuditMixin, db.Model):
    __tablename__ = "audit_events"
    invalidates_cache = False  # written with the change it records (which raises the version) or for a read


class PlatformAuditEvent(AuditMixin, db.Model):
    __tablename__ = "platform_audit_events"
    __table_args__ = platform_table("security events that precede or span tenants (logins, provisioning)")


@event.listens_for(AuditEvent, "before_update")
@event.listens_for(PlatformAuditEvent, "before_update")
def _append_only(mapper, connection, target):
    raise RuntimeError("the audit log is append-only")


@event.listens_for(AuditEvent, "before_delete")
@event.listens_for(PlatformAuditEvent, "before_delete")
def _no_delete(mapper, connection, target):
    raise RuntimeError("the audit log is append-only")


def truncate_ip(addr: str | None) -> str | None:
    if not addr:
        return None
    try:
        ip = ipaddress.ip_address(addr)
    except ValueError:
        return None
    prefix = 24 if ip.version == 4 else 48
    return str(ipaddress.ip_network(f"{addr}/{prefix}", strict=False))


def _origin() -> str:
    if not has_request_context():
        return "system"
    net = truncate_ip(request.remote_addr)
    return f"web {net}" if net else "web"


def _actor_id() -> int | None:
    from .context import actor_id

    return actor_id()


def record(action: str, *, object_type: str | None = None, object_id=None, result: str = "ok",
           detail: str | None = None, tenant_id: int | None = None, actor_id: int | None = None,
           platform: bool = False) -> None:
    """Add an audit event to the current transaction (committed with the change it describes)."""
    tenant_id = tenant_id if tenant_id is not None else (None if platform else current_tenant_id())
    fields = dict(
        actor_id=actor_id if actor_id is not None else _actor_id(),
        action=action, object_type=object_type,
        object_id=None if object_id is None else str(object_id),
        result=result, origin=_origin(), detail=detail,
    )
    if tenant_id is None:
        db.session.add(PlatformAuditEvent(**fields))
    else:
        db.session.add(AuditEvent(tenant_id=tenant_id, **fields))
