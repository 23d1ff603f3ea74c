"""URL factories for the route walker: a contact in tenant "a" (see tests/platform/test_isolation.py)."""
from __future__ import annotations

from datetime import date, timedelta


def contact_id(world) -> int:
    from ...platform.extensions import db
    from ...platform.tenancy import tenant_context
    from ..keypersons import services as kp_services
    from ..network import services as net_services
    from . import services

    with tenant_context(world.tenant_ids["a"]):
        network = net_services.create_network("Netwerk MARKER-TENANT-A (contacten)")
        person = kp_services.create_person({"network_id": network.id, "name": "MARKER-TENANT-A contact"},
                                           status="active", actor_id=world.ids["coordinator_a"])
        contact = services.record_contact(
            {"contacted_on": date.today() - timedelta(days=2), "channel": "phone", "topics": ["youth"],
             "note": "MARKER-TENANT-A", "follow_up": "MARKER-TENANT-A", "follow_up_due": date.today()},
            [person.id], actor_id=world.ids["official_a"])
        db.session.commit()
        return contact.id
