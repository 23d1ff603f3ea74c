"""The network area's card on the tenant home page: phase 1 progress per network (what to do next)."""
from __future__ import annotations

from datetime import date

from flask import g

from ...platform.extensions import db
from ...platform.policy import Role
from ...tenants import cache as tenant_cache
from . import services, status
from .models import NetworkOfficial

MAX_NETWORKS = 6  # the home page stays short; the networks page lists them all


def home_card(tenant) -> dict | None:
    networks = services.list_networks()
    role = Role(g.membership.role)
    if role is Role.OFFICIAL:  # officials: the networks they are linked to
        linked = set(db.session.scalars(db.select(NetworkOfficial.network_id)
                                        .filter_by(membership_id=g.membership.id)))
        networks = [n for n in networks if n.id in linked]
    rows = []
    for network in networks[:MAX_NETWORKS]:
        # cached per process until the tenant's phase-1 data changes (tenants/cache.py)
        sections = tenant_cache.cached(f"phase_one:{network.id}:{date.today()}", lambda: status.phase_one(network))
        todo = next((s for s in sections if not s.done), None)
        rows.append({"network": network, "done": status.done_count(sections), "total": len(sections),
                     "next": todo})
    return {"rows": rows, "more": max(0, len(networks) - MAX_NETWORKS), "linked_only": role is Role.OFFICIAL}
