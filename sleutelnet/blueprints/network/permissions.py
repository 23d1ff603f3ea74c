"""Permissions of the network area. Networks, phase 1 (Voorbereiding). GRANTS: who holds them per role."""
from ...platform.policy import Permission, Role

VIEW_NETWORKS = Permission("view_networks")  # the list and the phase overview
VIEW_NETWORK_SETUP = Permission("view_network_setup")  # the setup sections, read-only
MANAGE_NETWORK_SETUP = Permission("manage_network_setup")  # edit everything

ALL = (VIEW_NETWORKS, VIEW_NETWORK_SETUP, MANAGE_NETWORK_SETUP,)
GRANTS = {
    Role.COORDINATOR: {VIEW_NETWORKS, VIEW_NETWORK_SETUP, MANAGE_NETWORK_SETUP},
    Role.OFFICIAL: {VIEW_NETWORKS, VIEW_NETWORK_SETUP},
    Role.VIEWER: {VIEW_NETWORKS},
}
