"""URL factories for the route walker: an evaluation in tenant A."""
from __future__ import annotations

from datetime import date


def evaluation_id(world):
    from ...platform.extensions import db
    from ...platform.tenancy import tenant_context
    from ..network import services as network_services
    from . import services

    with tenant_context(world.tenant_ids["a"]):
        network = network_services.create_network("Netwerk MARKER-TENANT-A (evaluatie)")
        network_services.save_purpose(network, goals=["awareness"], goals_other="MARKER-TENANT-A")
        eid = services.start_evaluation(network.id, period_start=date(2025, 1, 1), period_end=date(2025, 12, 31)).id
        db.session.commit()
        return eid
