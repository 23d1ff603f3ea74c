"""Permissions of notifications: every member of a municipality has their own notifications and preferences."""
from ...platform.policy import Permission

VIEW_NOTIFICATIONS = Permission("view_notifications")
