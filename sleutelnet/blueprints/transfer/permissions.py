"""Permissions of the transfer area. Import and export of the register. Granted per role in the manifest."""
from ...platform.policy import Permission, Role

IMPORT_KEYPERSONS = Permission("import_keypersons")  # import a list
EXPORT_KEYPERSONS = Permission("export_keypersons")  # export it
EXPORT_SENSITIVE = Permission("export_sensitive")  # add confidential and special-category columns (with consent only)

ALL = (IMPORT_KEYPERSONS, EXPORT_KEYPERSONS, EXPORT_SENSITIVE,)
GRANTS = {
    Role.COORDINATOR: {IMPORT_KEYPERSONS, EXPORT_KEYPERSONS, EXPORT_SENSITIVE},
    Role.OFFICIAL: {EXPORT_KEYPERSONS},
}
