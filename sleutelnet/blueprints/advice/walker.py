"""Route-walker factories: an advice request of tenant A (see tests/platform/test_isolation.py)."""
from __future__ import annotations

MARKER = "MARKER-TENANT-A"


def request_id(world) -> int:
    from ...platform.extensions import db
    from . import services

    req = services.create_request(world.tenants["a"], world.ids["coordinator_a"], topic="1.1",
                                  subject=f"Vraag {MARKER}", question=f"Toelichting {MARKER}", urgency="normal",
                                  context_json=None)
    db.session.commit()
    return req.id


ARG_FACTORIES = {"request_id": request_id}
