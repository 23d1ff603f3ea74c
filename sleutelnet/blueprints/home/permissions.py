"""Permissions of the home area. The tenant home page. GRANTS: who holds them per role."""
from ...platform.policy import Permission, Role

VIEW_TENANT_HOME = Permission("view_tenant_home")  # the municipality's home page

ALL = (VIEW_TENANT_HOME,)
GRANTS = {
    Role.COORDINATOR: {VIEW_TENANT_HOME},
    Role.OFFICIAL: {VIEW_TENANT_HOME},
    Role.VIEWER: {VIEW_TENANT_HOME},
}
