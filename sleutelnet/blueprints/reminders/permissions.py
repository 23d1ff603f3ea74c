"""Permissions of notifications: every member of a municipality has their own notifications and preferences."""
from ...platform.policy import Permission, Role

VIEW_NOTIFICATIONS = Permission("view_notifications")

ALL = (VIEW_NOTIFICATIONS,)
GRANTS = {Role.COORDINATOR: {VIEW_NOTIFICATIONS}, Role.OFFICIAL: {VIEW_NOTIFICATIONS},
          Role.VIEWER: {VIEW_NOTIFICATIONS}}
