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


class _PermissionType(type):
    def __getattr__(cls, name: str):
        """`Permission.VIEW_KEYPERSONS`: any declared permission by its name (its value in capitals), so
        templates and other areas can name a permission without importing its area."""
        try:
            return _DECLARED[name]
        except KeyError:
            raise AttributeError(f"no permission {name!r} has been declared") from None


class Permission(str, metaclass=_PermissionType):
    """A named right. A feature area declares its own in `<area>/permissions.py`
    (`VIEW_MEETINGS = Permission("view_meetings")`), lists them in `ALL` and grants them per role in
    `GRANTS` there; the manifest's `Feature.of(__package__, perms)` reads them into `FEATURE.permissions` and
    `FEATURE.grants`; `can()` sees them all. Its name is its value in capitals."""

    __slots__ = ()

    def __new__(cls, value: str):
        permission = super().__new__(cls, value)
        _DECLARED.setdefault(permission.name, permission)
        return permission

    @property
    def value(self) -> str:
        return str(self)

    @property
    def name(self) -> str:
        return str(self).upper()


_DECLARED: dict[str, Permission] = {}


def _assembled() -> tuple[dict, dict]:
    """The grants, assembled from every installed feature's manifest (see `platform.features`)."""
    global _GRANTS_CACHE
    from . import features

    key = features.installed()
    if _GRANTS_CACHE is None or _GRANTS_CACHE[0] is not key:
        tenant: dict[Role, set] = {role: set() for role in TENANT_ROLES}
        platform: dict[Role, set] = {role: set() for role in PLATFORM_ROLES}
        for feature in key:
            for role, perms in feature.grants.items():
                target = tenant if Role(role) in TENANT_ROLES else platform
                target.setdefault(Role(role), set()).update(perms)
        _GRANTS_CACHE = (key, tenant, platform)
    return _GRANTS_CACHE[1], _GRANTS_CACHE[2]


_GRANTS_CACHE = None


def all_permissions() -> list[Permission]:
    """Every permission the installed features declare (for docs/permissions.md)."""
    from . import features

    perms: set[Permission] = set()
    for feature in features.installed():
        perms.update(feature.permissions)
    return sorted(perms)


def grants_for(role: Role) -> set[Permission]:
    tenant, platform = _assembled()
    return set(tenant.get(Role(role), set()) | platform.get(Role(role), set()))


def tenant_role() -> Role | None:
    membership = getattr(g, "membership", None)
    return Role(membership.role) if membership is not None else None


def can(permission: Permission) -> bool:
    if not current_user or not current_user.is_authenticated:
        return False
    tenant_grants, platform_grants = _assembled()
    role = tenant_role()
    if role is not None and permission in tenant_grants.get(role, set()):
        return True
    if current_user.platform_role:
        return permission in platform_grants.get(Role(current_user.platform_role), set())
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
