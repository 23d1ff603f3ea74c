"""Demo data: one generated council report per demo municipality (rendered at once, not via a worker)."""
from __future__ import annotations

from datetime import date, timedelta

from ...platform.demo import DEMO_TENANTS
from ...platform.extensions import db
from ...platform.tenancy import tenant_context
from ...tenants.models import Tenant
from ..network.models import Network
from . import jobs, services
from .models import CouncilReport


def seed_demo_reports() -> None:
    for cbs_code in DEMO_TENANTS:
        tenant = db.session.scalar(db.select(Tenant).filter_by(cbs_code=cbs_code))
        if tenant is None:
            continue
        with tenant_context(tenant.id):
            network = db.session.scalar(db.select(Network).order_by(Network.id))
            if network is None or db.session.scalar(db.select(CouncilReport.id).limit(1)) is not None:
                continue
            today = date.today()
            report = services.request_report(network.id, period_start=today - timedelta(days=364), period_end=today,
                                             language="nl")
            db.session.commit()
            # the outbox dispatches the job later; render it now so the demo has a ready report (the job
            # then finds it done and does nothing)
            jobs.generate_report(report.id, tenant.id)
