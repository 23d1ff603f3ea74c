"""The parent blueprint for tenant spaces: `/g/<tenant_slug>/…`.

The slug is resolved to an active tenant, the current user's active membership is required, and the
tenant context is set for the ORM guard and PostgreSQL RLS. Anything else answers 404, never 403, so
a URL never reveals that a municipality or an object exists elsewhere.
"""
from __future__ import annotations

from flask import Blueprint, abort, g, request
from flask_login import current_user

from sqlalchemy import and_, bindparam
from sqlalchemy.orm import lazyload
from sqlalchemy.orm.attributes import set_committed_value

from ..platform.auth import sessions
from ..platform.auth.models import User
from ..platform.extensions import db, login_manager
from ..platform.tenancy import reset_request_scope, set_request_scope
from .models import Membership, Tenant


def _with_tenant(statement):
    """The session query of a tenant-space request, widened: the active tenant of the URL's slug and the
    user's active membership in it (both None when there is none)."""
    return (statement.add_columns(Tenant, Membership)
            .outerjoin(Tenant, and_(Tenant.slug == bindparam("tenant_slug"), Tenant.active.is_(True)))
            .outerjoin(Membership, and_(Membership.tenant_id == Tenant.id, Membership.user_id == User.id,
                                        Membership.active.is_(True)))
            .options(lazyload(Membership.tenant), lazyload(Membership.user)))


def _keep(extra: tuple) -> None:
    if g.get("tenant_slug"):  # the slug is known once the URL is matched
        g._tenant_and_membership = extra


def create_tenant_space() -> Blueprint:
    """A new parent blueprint per app (a blueprint object can only be set up before its first use)."""
    tenant_space = Blueprint("tenant", __name__, url_prefix="/g/<tenant_slug>")

    @tenant_space.url_value_preprocessor
    def resolve_tenant(endpoint, values):
        g.tenant_slug = values.pop("tenant_slug", None) if values else None

    sessions.widen_prelude(tenant_space.name, _with_tenant, lambda: {"tenant_slug": g.get("tenant_slug")}, _keep)

    @tenant_space.before_request
    def enter_tenant():
        if not current_user.is_authenticated:
            return login_manager.unauthorized()
        # loaded with the session and the user (`_with_tenant`): the active tenant with this user's active
        # membership in it; else one query for it (a user loaded before this blueprint's request began)
        tenant, membership = g.pop("_tenant_and_membership", None) or _tenant_and_membership()
        if tenant is None or membership is None:
            abort(404)
        set_committed_value(membership, "tenant", tenant)
        g.tenant = tenant
        g.membership = membership
        g._tenant_scope_token = set_request_scope(tenant.id)

    @tenant_space.teardown_request
    def leave_tenant(exc):
        token = g.pop("_tenant_scope_token", None)
        if token is not None:
            reset_request_scope(token)

    @tenant_space.url_defaults
    def fill_slug(endpoint, values):
        if "tenant_slug" not in values and getattr(g, "tenant_slug", None):
            values["tenant_slug"] = g.tenant_slug

    return tenant_space


def _tenant_and_membership() -> tuple:
    """(tenant, membership) of the URL's slug for the current user, with the same conditions as the widened
    prelude (`_with_tenant`)."""
    row = db.session.execute(_with_tenant(db.select(User).select_from(User).where(User.id == current_user.id)),
                             {"tenant_slug": g.tenant_slug}).first()
    return (row[1], row[2]) if row is not None else (None, None)


def tenant_endpoint_prefix() -> str:
    return "tenant."


def in_tenant_space() -> bool:
    return bool(request.blueprint and request.blueprint.startswith("tenant"))
