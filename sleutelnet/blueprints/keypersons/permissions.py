"""Permissions of the keypersons area. The key-person register, phase 2 (Opbouw). GRANTS: who holds them per role."""
from ...platform.fields import VIEW_CONFIDENTIAL, VIEW_PERSONAL, VIEW_SPECIAL_CATEGORY
from ...platform.policy import Permission, Role

# The three permissions of the field sensitivities (platform.fields.permission_for), granted here because
# the register is where personal data live; each is used for viewing, exporting and importing alike.
VIEW_KEYPERSONS = VIEW_PERSONAL  # list, board, detail: personal fields
EDIT_KEYPERSONS = Permission("edit_keypersons")  # create, edit, pipeline moves
# VIEW_CONFIDENTIAL: confidential fields (encrypted notes); VIEW_SPECIAL_CATEGORY: special categories (AVG art. 9)
VIEW_KEYPERSON_ACCESS_LOG = Permission("view_keyperson_access_log")  # who viewed a person
VIEW_KEYPERSON_COUNTS = Permission("view_keyperson_counts")  # counts without names
MANAGE_REFERENCE_LISTS = Permission("manage_reference_lists")  # neighbourhoods and organisations

ALL = (VIEW_KEYPERSONS, EDIT_KEYPERSONS, VIEW_CONFIDENTIAL, VIEW_SPECIAL_CATEGORY, VIEW_KEYPERSON_ACCESS_LOG, VIEW_KEYPERSON_COUNTS, MANAGE_REFERENCE_LISTS,)
GRANTS = {
    Role.COORDINATOR: {VIEW_KEYPERSONS, EDIT_KEYPERSONS, VIEW_CONFIDENTIAL, VIEW_SPECIAL_CATEGORY, VIEW_KEYPERSON_ACCESS_LOG, VIEW_KEYPERSON_COUNTS, MANAGE_REFERENCE_LISTS},
    Role.OFFICIAL: {VIEW_KEYPERSONS, EDIT_KEYPERSONS, VIEW_KEYPERSON_COUNTS},
    Role.VIEWER: {VIEW_KEYPERSON_COUNTS},
}
