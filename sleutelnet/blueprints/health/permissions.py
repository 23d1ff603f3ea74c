"""Permissions of network health (§3.3): engagement per key person is for coordinators and linked officials
only; the network health score is an aggregate and may be read by administrators too."""
from ...platform.policy import Permission, Role

VIEW_ENGAGEMENT = Permission("view_engagement_health")  # quiet / overloaded per key person, churn
MANAGE_HEALTH = Permission("manage_health_settings")  # thresholds, handover tasks
VIEW_NETWORK_HEALTH = Permission("view_network_health")  # the indicators with advice (no names)

ALL = (VIEW_ENGAGEMENT, MANAGE_HEALTH, VIEW_NETWORK_HEALTH)
GRANTS = {Role.COORDINATOR: {VIEW_ENGAGEMENT, MANAGE_HEALTH, VIEW_NETWORK_HEALTH},
          # officials: engagement only for the networks they are linked to (services.visible_networks)
          Role.OFFICIAL: {VIEW_ENGAGEMENT, VIEW_NETWORK_HEALTH},
          Role.VIEWER: {VIEW_NETWORK_HEALTH}}
