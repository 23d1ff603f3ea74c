"""Demo data: one generated council report per demo municipality (rendered at once, not via a worker)."""
from __future__ import annotations

from datetime import date, timedelta

from ...platform.demo import demo_tenants
from ...platform.extensions import db
from ..network.models import Network
from . import jobs, services
from .models import CouncilReport


def seed_demo_reports() -> None:
    for tenant, _slug in demo_tenants(seeded=CouncilReport):
        network = db.session.scalar(db.select(Network).order_by(Network.id))
        if network is None:
            continue
        today = date.today()
        report = services.request_report(network.id, period_start=today - timedelta(days=364), period_end=today,
                                         language="nl")
        db.session.commit()
        # the outbox dispatches the job later; render it now so the demo has a ready report (the job
        # then finds it done and does nothing)
        jobs.generate_report(report.id, tenant.id)
