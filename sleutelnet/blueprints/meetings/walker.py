"""URL-argument factories for the route walker (tests/platform/test_isolation.py) and the browser walk:
each creates an object in tenant A (the walker world's "a") and returns its id."""
from __future__ import annotations

from datetime import date, time, timedelta

from ...platform.extensions import db
from ...platform.tenancy import tenant_context

MARKER = "MARKER-TENANT-A"


def _network_id() -> int:
    from ..network.models import Network

    network = db.session.scalar(db.select(Network).order_by(Network.id).limit(1))
    if network is None:
        network = Network(name=f"Netwerk {MARKER} (bijeenkomsten)")
        db.session.add(network)
        db.session.flush()
    return network.id


def _location_id() -> int:
    from . import rotation

    existing = rotation.pool()
    if existing:
        return existing[0].id
    return rotation.add_place(name=f"Stadhuis {MARKER}", kind="town_hall", address=MARKER).id


def meeting_id(world) -> int:
    from ..network.models import Network
    from . import agenda, services

    with tenant_context(world.tenant_ids["a"]):
        network = db.session.get(Network, _network_id())
        meeting = services.create_meeting(network, {
            "title": f"Bijeenkomst {MARKER}", "kind": "plenary", "day": date.today() + timedelta(days=10),
            "start": time(19, 30), "duration_minutes": 120, "location_id": _location_id(),
            "reminder_days": [7, 1]}, actor_id=world.ids["coordinator_a"])
        agenda.add_item(meeting, title=f"Agendapunt {MARKER}", duration_minutes=30)
        db.session.commit()
        return meeting.id


def item_id(world) -> int:
    from . import agenda

    mid = meeting_id(world)
    with tenant_context(world.tenant_ids["a"]):
        return agenda.agenda(mid)[0].id


def location_id(world) -> int:
    with tenant_context(world.tenant_ids["a"]):
        value = _location_id()
        db.session.commit()
        return value


ARG_FACTORIES = {"meeting_id": meeting_id, "item_id": item_id, "location_id": location_id}
ARG_PARENTS = {"item_id": ("meeting_agenda_items", "meeting_id", "meeting_id")}
