"""Permissions of evaluation and reflection (§3.4)."""
from ...platform.policy import Permission

VIEW_EVALUATIONS = Permission("view_evaluations")
MANAGE_EVALUATIONS = Permission("manage_evaluations")
