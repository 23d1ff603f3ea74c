"""Permissions of the transfer area. Import and export of the register. GRANTS: who holds them per role."""
from ...platform.policy import Permission, Role

IMPORT_KEYPERSONS = Permission("import_keypersons")  # import a list
EXPORT_KEYPERSONS = Permission("export_keypersons")  # export it
# confidential and special-category columns: the permission of their sensitivity (platform.fields), the same
# for viewing, exporting and importing

ALL = (IMPORT_KEYPERSONS, EXPORT_KEYPERSONS,)
GRANTS = {
    Role.COORDINATOR: {IMPORT_KEYPERSONS, EXPORT_KEYPERSONS},
    Role.OFFICIAL: {EXPORT_KEYPERSONS},
}
