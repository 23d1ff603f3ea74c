"""Permissions of caring for the network (§3.1–3.2): appreciation, trainings, buddies and mentors."""
from ...platform.policy import Permission

VIEW_CARE = Permission("view_care")  # appreciation log, trainings, pairs (they name key persons)
MANAGE_CARE = Permission("manage_care")  # record appreciation, manage trainings and enrolments, pairs
