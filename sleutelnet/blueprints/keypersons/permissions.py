"""Permissions of the keypersons area. The key-person register, phase 2 (Opbouw). Granted per role in the manifest."""
from ...platform.policy import Permission, Role

VIEW_KEYPERSONS = Permission("view_keypersons")  # list, board, detail
EDIT_KEYPERSONS = Permission("edit_keypersons")  # create, edit, pipeline moves
VIEW_SPECIAL_CATEGORY = Permission("view_special_category")  # special-category data (AVG art. 9)
VIEW_KEYPERSON_ACCESS_LOG = Permission("view_keyperson_access_log")  # who viewed a person
VIEW_KEYPERSON_COUNTS = Permission("view_keyperson_counts")  # counts without names
MANAGE_REFERENCE_LISTS = Permission("manage_reference_lists")  # neighbourhoods and organisations

ALL = (VIEW_KEYPERSONS, EDIT_KEYPERSONS, VIEW_SPECIAL_CATEGORY, VIEW_KEYPERSON_ACCESS_LOG, VIEW_KEYPERSON_COUNTS, MANAGE_REFERENCE_LISTS,)
GRANTS = {
    Role.COORDINATOR: {VIEW_KEYPERSONS, EDIT_KEYPERSONS, VIEW_SPECIAL_CATEGORY, VIEW_KEYPERSON_ACCESS_LOG, VIEW_KEYPERSON_COUNTS, MANAGE_REFERENCE_LISTS},
    Role.OFFICIAL: {VIEW_KEYPERSONS, EDIT_KEYPERSONS, VIEW_KEYPERSON_COUNTS},
    Role.VIEWER: {VIEW_KEYPERSON_COUNTS},
}
