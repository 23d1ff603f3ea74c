"""URL factories for the route walker: a council report in tenant A. Requested through the service, so
its job is queued: the browser walk runs queued jobs (the PDF exists), the isolation test does not."""
from __future__ import annotations

from datetime import date


def report_id(world):
    from ...platform.extensions import db
    from ...platform.tenancy import tenant_context
    from ..network import services as network_services
    from . import services

    with tenant_context(world.tenant_ids["a"]):
        network = network_services.create_network("Netwerk MARKER-TENANT-A (rapportage)")
        report = services.request_report(network.id, period_start=date(2025, 1, 1), period_end=date(2025, 12, 31),
                                         language="nl")
        db.session.commit()
        return report.id
