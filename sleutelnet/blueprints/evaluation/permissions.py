"""Permissions of evaluation and reflection (§3.4)."""
from ...platform.policy import Permission, Role

VIEW_EVALUATIONS = Permission("view_evaluations")
MANAGE_EVALUATIONS = Permission("manage_evaluations")

ALL = (VIEW_EVALUATIONS, MANAGE_EVALUATIONS)
GRANTS = {Role.COORDINATOR: {VIEW_EVALUATIONS, MANAGE_EVALUATIONS}, Role.OFFICIAL: {VIEW_EVALUATIONS},
          Role.VIEWER: {VIEW_EVALUATIONS}}
