"""URL factories for the route walker: a handover task in tenant A."""
from __future__ import annotations


def task_id(world):
    from ...platform.extensions import db
    from ...platform.tenancy import tenant_context
    from ...tenants.models import Membership
    from ..network import services as network_services
    from .models import HandoverTask

    with tenant_context(world.tenant_ids["a"]):
        network = network_services.create_network("Netwerk MARKER-TENANT-A (overdracht)")
        membership = db.session.scalar(db.select(Membership).filter_by(user_id=world.ids["official_a"]))
        link = network_services.link_official(network, membership.id)
        network_services.unlink_official(link)
        db.session.commit()
        return db.session.scalar(db.select(HandoverTask.id).filter_by(network_id=network.id))
