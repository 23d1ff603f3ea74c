"""Permissions of the team area. Members, invitations and roles. GRANTS: who holds them per role."""
from ...platform.policy import Permission, Role

VIEW_TEAM = Permission("view_team")  # see the members
MANAGE_TEAM = Permission("manage_team")  # invite, change roles, deactivate

ALL = (VIEW_TEAM, MANAGE_TEAM,)
GRANTS = {
    Role.COORDINATOR: {VIEW_TEAM, MANAGE_TEAM},
    Role.OFFICIAL: {VIEW_TEAM},
}
