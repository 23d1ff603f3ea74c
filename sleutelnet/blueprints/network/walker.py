"""Route-walker factories of the network area (see platform/walker.py)."""
from __future__ import annotations

from datetime import date

from ...platform.walker import MARKER, factory, in_tenant_a
from . import services


def _network(world, suffix=""):
    with in_tenant_a(world):
        return services.create_network(f"Netwerk {MARKER}{suffix}")


def network_id(world):
    with in_tenant_a(world):  # on PostgreSQL, RLS hides the row outside the context
        return _network(world).id


def support_entry_id(world):
    network = _network(world, " (draagvlak)")
    with in_tenant_a(world):
        return services.add_support_entry(network, occurred_on=date(2025, 3, 1), body="other", body_detail=MARKER,
                                          involvement="informed", note=MARKER).id


def official_link_id(world):
    network = _network(world, " (ambtenaren)")
    membership = factory("membership_id")(world)
    with in_tenant_a(world):
        return services.link_official(network, membership, portfolio=MARKER).id


ARG_FACTORIES = {"network_id": network_id, "support_entry_id": support_entry_id,
                 "official_link_id": official_link_id}
# nested URLs: the browser walk reads the parent id from the child's row
ARG_PARENTS = {"support_entry_id": ("network_support_entries", "network_id", "network_id"),
               "official_link_id": ("network_officials", "network_id", "network_id")}
