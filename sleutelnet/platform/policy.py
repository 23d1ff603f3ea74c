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


class Permission(str):
    """A named right. The platform's own are attributes here; a feature area declares its own in its
    manifest (`FEATURE.permissions`) and grants them there (`FEATURE.grants`); `can()` sees both."""

    __slots__ = ()

    @property
    def value(self) -> str:
        return str(self)

    @property
    def name(self) -> str:
        return _PERMISSION_NAMES.get(str(self), str(self).upper())


_PERMISSION_NAMES: dict[str, str] = {}


class _CorePermissions:
    VIEW_TENANT_HOME = "view_tenant_home"
    VIEW_TEAM = "view_team"
    MANAGE_TEAM = "manage_team"
    VIEW_AUDIT_LOG = "view_audit_log"
    MANAGE_TENANTS = "manage_tenants"
    VIEW_PLATFORM_AUDIT = "view_platform_audit"
    # networks, phase 1 (Voorbereiding): list + phase overview / setup sections read-only / edit everything
    VIEW_NETWORKS = "view_networks"
    VIEW_NETWORK_SETUP = "view_network_setup"
    MANAGE_NETWORK_SETUP = "manage_network_setup"
    # key-person register, phase 2 (Opbouw): list/board/detail / create, edit, pipeline moves /
    # special-category data (AVG art. 9) / who viewed a person / counts without names / reference lists
    VIEW_KEYPERSONS = "view_keypersons"
    EDIT_KEYPERSONS = "edit_keypersons"
    VIEW_SPECIAL_CATEGORY = "view_special_category"
    VIEW_KEYPERSON_ACCESS_LOG = "view_keyperson_access_log"
    VIEW_KEYPERSON_COUNTS = "view_keyperson_counts"
    MANAGE_REFERENCE_LISTS = "manage_reference_lists"
    # privacy (AVG): consent register / subject-access exports (art. 15) / erasure (art. 17) / retention
    # periods and the privacy overview; assessment of potential disruptors (§2.2, stoorzenders)
    MANAGE_CONSENTS = "manage_consents"
    HANDLE_ACCESS_REQUESTS = "handle_access_requests"
    ERASE_PERSONAL_DATA = "erase_personal_data"
    MANAGE_RETENTION = "manage_retention"
    ASSESS_DISRUPTORS = "assess_disruptors"
    # composition and recruitment (§2.1–2.2): aggregate charts / set the composition targets /
    # the recruitment funnel (aggregates) / the referral graph, which shows names
    VIEW_COMPOSITION = "view_composition"
    MANAGE_COMPOSITION_TARGETS = "manage_composition_targets"
    VIEW_RECRUITMENT = "view_recruitment"
    VIEW_REFERRALS = "view_referrals"
    # import/export of the register: import a list / export it / add confidential and special-category
    # columns (with consent only) to an export
    IMPORT_KEYPERSONS = "import_keypersons"
    EXPORT_KEYPERSONS = "export_keypersons"
    EXPORT_SENSITIVE = "export_sensitive_keyperson_data"


for _name, _value in vars(_CorePermissions).copy().items():
    if _name.isupper():
        setattr(Permission, _name, Permission(_value))
        _PERMISSION_NAMES[_value] = _name


_TENANT_GRANTS: dict[Role, set[Permission]] = {
    Role.COORDINATOR: {Permission.VIEW_TENANT_HOME, Permission.VIEW_TEAM, Permission.MANAGE_TEAM,
                       Permission.VIEW_AUDIT_LOG,
                       Permission.VIEW_NETWORKS, Permission.VIEW_NETWORK_SETUP, Permission.MANAGE_NETWORK_SETUP,
                       Permission.VIEW_KEYPERSONS, Permission.EDIT_KEYPERSONS, Permission.VIEW_SPECIAL_CATEGORY,
                       Permission.VIEW_KEYPERSON_ACCESS_LOG, Permission.VIEW_KEYPERSON_COUNTS,
                       Permission.MANAGE_REFERENCE_LISTS,
                       Permission.IMPORT_KEYPERSONS, Permission.EXPORT_KEYPERSONS, Permission.EXPORT_SENSITIVE,
                       Permission.VIEW_COMPOSITION, Permission.MANAGE_COMPOSITION_TARGETS,
                       Permission.VIEW_RECRUITMENT, Permission.VIEW_REFERRALS,
                       # privacy and the disruptor assessment: coordinators only
                       Permission.MANAGE_CONSENTS, Permission.HANDLE_ACCESS_REQUESTS,
                       Permission.ERASE_PERSONAL_DATA, Permission.MANAGE_RETENTION, Permission.ASSESS_DISRUPTORS},
    Role.OFFICIAL: {Permission.VIEW_TENANT_HOME, Permission.VIEW_TEAM,
                    Permission.VIEW_NETWORKS, Permission.VIEW_NETWORK_SETUP,
                    # the register and pipeline, never special-category data
                    Permission.VIEW_KEYPERSONS, Permission.EDIT_KEYPERSONS, Permission.VIEW_KEYPERSON_COUNTS,
                    Permission.EXPORT_KEYPERSONS,
                    # composition without migration background; the referral graph (they see the register)
                    Permission.VIEW_COMPOSITION, Permission.VIEW_RECRUITMENT, Permission.VIEW_REFERRALS},
    # administrators see the phase overview only, not the linked officials' names
    Role.VIEWER: {Permission.VIEW_TENANT_HOME, Permission.VIEW_NETWORKS,
                  # key persons: aggregates only, never a name
                  Permission.VIEW_KEYPERSON_COUNTS,
                  # composition charts and the recruitment funnel: aggregates, no names, no special category
                  Permission.VIEW_COMPOSITION, Permission.VIEW_RECRUITMENT},
}
_PLATFORM_GRANTS: dict[Role, set[Permission]] = {
    Role.PLATFORM_ADMIN: {Permission.MANAGE_TENANTS, Permission.VIEW_PLATFORM_AUDIT},
    Role.ESS_ADVISOR: set(),
}


def _assembled() -> tuple[dict, dict]:
    """The grants: the platform's own plus every installed feature's (see `platform.features`)."""
    global _GRANTS_CACHE
    from . import features

    key = features.installed()
    if _GRANTS_CACHE is None or _GRANTS_CACHE[0] is not key:
        tenant = {role: set(perms) for role, perms in _TENANT_GRANTS.items()}
        platform = {role: set(perms) for role, perms in _PLATFORM_GRANTS.items()}
        for feature in key:
            for role, perms in feature.grants.items():
                target = tenant if Role(role) in TENANT_ROLES else platform
                target.setdefault(Role(role), set()).update(perms)
        _GRANTS_CACHE = (key, tenant, platform)
    return _GRANTS_CACHE[1], _GRANTS_CACHE[2]


_GRANTS_CACHE = None


def all_permissions() -> list[Permission]:
    """Every declared permission: the platform's and the installed features' (for docs/permissions.md)."""
    from . import features

    perms = {Permission(v) for k, v in vars(_CorePermissions).items() if k.isupper()}
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
