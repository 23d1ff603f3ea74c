"""Route-walker factories of the team area (see platform/walker.py)."""
from __future__ import annotations

from ...platform.extensions import db
from ...platform.walker import MARKER, in_tenant_a


def membership_id(world):
    from ...tenants.models import Membership

    return db.session.scalar(db.select(Membership.id).filter_by(user_id=world.ids["official_a"]))


def invitation_id(world):
    from . import services

    with in_tenant_a(world):
        return services.invite(world.tenants["a"], f"{MARKER.lower()}@example.org", "official",
                               world.users["coordinator_a"]).id


ARG_FACTORIES = {"membership_id": membership_id, "invitation_id": invitation_id}
