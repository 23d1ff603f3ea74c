"""URL factories for the route walker (tests/platform/test_isolation.py and the browser walk)."""
from __future__ import annotations

MARKER = "MARKER-TENANT-A"


def signal_id(world) -> int:
    """A strictly confidential signal in tenant A, recorded by its coordinator, with the marker as text."""
    from datetime import date

    from ...platform.extensions import db
    from ...platform.tenancy import tenant_context
    from ..network.models import Network
    from . import services

    with tenant_context(world.tenant_ids["a"]):
        network = db.session.scalar(db.select(Network).order_by(Network.id))
        if network is None:
            network = Network(name=f"Netwerk signalen {MARKER}")
            db.session.add(network)
            db.session.flush()
        signal = services.record_signal(network.id, {
            "reported_on": date.today(), "source_kind": "anonymous", "topic": "tension", "urgency": "normal",
            "sensitivity": "strict", "description": MARKER}, actor_id=world.ids["coordinator_a"], see_all=True)
        db.session.commit()
        return signal.id
