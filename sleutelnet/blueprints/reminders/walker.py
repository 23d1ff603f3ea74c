"""URL factories for the route walker: a notification in tenant "a" (see tests/platform/test_isolation.py)."""
from __future__ import annotations


def notification_id(world) -> int:
    from ...platform.extensions import db
    from ...platform.tenancy import tenant_context
    from .models import Notification

    with tenant_context(world.tenant_ids["a"]):
        item = Notification(user_id=world.ids["coordinator_a"], kind="walker", title="MARKER-TENANT-A",
                            url="/g/marker")
        db.session.add(item)
        db.session.commit()
        return item.id
