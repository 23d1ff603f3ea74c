"""Permissions of the audit area. The tenant's audit log. GRANTS: who holds them per role."""
from ...platform.policy import Permission, Role

VIEW_AUDIT_LOG = Permission("view_audit_log")  # read the audit log

ALL = (VIEW_AUDIT_LOG,)
GRANTS = {
    Role.COORDINATOR: {VIEW_AUDIT_LOG},
}
