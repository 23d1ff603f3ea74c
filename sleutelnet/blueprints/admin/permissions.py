"""Permissions of the admin area. Platform administration. GRANTS: who holds them per role."""
from ...platform.policy import Permission, Role

MANAGE_TENANTS = Permission("manage_tenants")  # provision and (de)activate municipalities
VIEW_PLATFORM_AUDIT = Permission("view_platform_audit")  # read the platform audit log

ALL = (MANAGE_TENANTS, VIEW_PLATFORM_AUDIT,)
GRANTS = {
    Role.PLATFORM_ADMIN: {MANAGE_TENANTS, VIEW_PLATFORM_AUDIT},
}
