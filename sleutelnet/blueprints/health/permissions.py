"""Permissions of network health (§3.3): engagement per key person is for coordinators and linked officials
only; the network health score is an aggregate and may be read by administrators too."""
from ...platform.policy import Permission

VIEW_ENGAGEMENT = Permission("view_engagement_health")  # quiet / overloaded per key person, churn
MANAGE_HEALTH = Permission("manage_health_settings")  # thresholds, handover tasks
VIEW_NETWORK_HEALTH = Permission("view_network_health")  # the indicators with advice (no names)
