"""URL factories for the route walker: a council report in tenant A (not rendered)."""
from __future__ import annotations

from datetime import date


def report_id(world):
    from ...platform.extensions import db
    from ...platform.tenancy import tenant_context
    from ..network import services as network_services
    from .models import CouncilReport

    with tenant_context(world.tenant_ids["a"]):
        network = network_services.create_network("Netwerk MARKER-TENANT-A (rapportage)")
        report = CouncilReport(network_id=network.id, period_start=date(2025, 1, 1), period_end=date(2025, 12, 31),
                               status="pending", file_token="walker" + str(network.id))
        db.session.add(report)
        db.session.commit()
        return report.id
