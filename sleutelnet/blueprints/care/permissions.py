"""Permissions of caring for the network (§3.1–3.2): appreciation, trainings, buddies and mentors."""
from ...platform.policy import Permission, Role

VIEW_CARE = Permission("view_care")  # appreciation log, trainings, pairs (they name key persons)
MANAGE_CARE = Permission("manage_care")  # record appreciation, manage trainings and enrolments, pairs

ALL = (VIEW_CARE, MANAGE_CARE)
# the log names key persons: coordinators and officials, not the (read-only) administrators
GRANTS = {Role.COORDINATOR: {VIEW_CARE, MANAGE_CARE}, Role.OFFICIAL: {VIEW_CARE, MANAGE_CARE}}
