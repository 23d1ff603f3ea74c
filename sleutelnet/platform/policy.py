"""Roles and permissions: the one place that decides who may do what.

Routes declare the permission they need with `@requires(...)`; templates ask `can(...)`.
Tenant roles come from the user's Membership in the current tenant; platform roles from the user.
"""
from __future__ import annotations

from enum import Enum
from functools import wraps

from flask import abort, g
from flask_login import current_user


class Role(str, Enum):
    PLATFORM_ADMIN = "platform_admin"
    ESS_ADVISOR = "ess_advisor"
    COORDINATOR = "coordinator"
    OFFICIAL = "official"
    VIEWER = "viewer"


TENANT_ROLES = (Role.COORDINATOR, Role.OFFICIAL, Role.VIEWER)
PLATFORM_ROLES = (Role.PLATFORM_ADMIN, Role.ESS_ADVISOR)
ROLES_REQUIRING_2FA = set(PLATFORM_ROLES)


def role_label(role) -> str:
    from flask_babel import gettext as _

    labels = {
        Role.PLATFORM_ADMIN: _("platform administrator"),
        Role.ESS_ADVISOR: _("ESS advisor"),
        Role.COORDINATOR: _("network coordinator"),
        Role.OFFICIAL: _("official"),
        Role.VIEWER: _("administrator (read only)"),
    }
    return labels[Role(role)]


class Permission(str, Enum):
    VIEW_TENANT_HOME = "view_tenant_home"
    VIEW_TEAM = "view_team"
    MANAGE_TEAM = "manage_team"
    VIEW_AUDIT_LOG = "view_audit_log"
    MANAGE_TENANTS = "manage_tenants"
    VIEW_PLATFORM_AUDIT = "view_platform_audit"


_TENANT_GRANTS: dict[Role, set[Permission]] = {
    Role.COORDINATOR: {Permission.VIEW_TENANT_HOME, Permission.VIEW_TEAM, Permission.MANAGE_TEAM,
                       Permission.VIEW_AUDIT_LOG},
    Role.OFFICIAL: {Permission.VIEW_TENANT_HOME, Permission.VIEW_TEAM},
    Role.VIEWER: {Permission.VIEW_TENANT_HOME},
}
_PLATFORM_GRANTS: dict[Role, set[Permission]] = {
    Role.PLATFORM_ADMIN: {Permission.MANAGE_TENANTS, Permission.VIEW_PLATFORM_AUDIT},
    Role.ESS_ADVISOR: set(),
}


def tenant_role() -> Role | None:
    membership = getattr(g, "membership", None)
    return Role(membership.role) if membership is not None else None


def can(permission: Permission) -> bool:
    if not current_user or not current_user.is_authenticated:
        return False
    role = tenant_role()
    if role is not None and permission in _TENANT_GRANTS.get(role, set()):
        return True
    if current_user.platform_role:
        return permission in _PLATFORM_GRANTS.get(Role(current_user.platform_role), set())
    return False


def requires(*permissions: Permission):
    """Route decorator: 403 unless the current user holds every permission."""
    def decorator(view):
        @wraps(view)
        def wrapped(*args, **kwargs):
            if not current_user.is_authenticated:
                from .extensions import login_manager
                return login_manager.unauthorized()
            if not all(can(p) for p in permissions):
                abort(403)
            return view(*args, **kwargs)
        wrapped.required_permissions = permissions
        return wrapped
    return decorator


def requires_2fa(user) -> bool:
    return bool(user.platform_role) and Role(user.platform_role) in ROLES_REQUIRING_2FA and not user.mfa_exempt
