"""Council reports: request (row + job in one transaction), read, download. Services flush; routes commit."""
from __future__ import annotations

import os
import secrets
from datetime import date

from flask import current_app
from flask_babel import get_locale, gettext as _

from ...platform import audit
from ...platform.extensions import db
from ...platform.kernel import ServiceError
from ...platform.tenancy import current_tenant_id
from ..keypersons.services import current_actor_id
from .models import CouncilReport

MAX_PERIOD_DAYS = 3 * 366  # bounded reports: WeasyPrint's time and memory grow with the page count


class ReportError(ServiceError):
    """A rule of the reports area was broken (translated message, optional form field)."""


def reports(network_id: int | None = None):
    stmt = db.select(CouncilReport)
    if network_id is not None:
        stmt = stmt.filter_by(network_id=network_id)
    return stmt.order_by(CouncilReport.id.desc())


def get_report(report_id: int) -> CouncilReport:
    found = db.session.scalar(db.select(CouncilReport).filter_by(id=report_id))
    if found is None:
        raise LookupError(report_id)
    return found


def request_report(network_id: int, *, period_start: date | None, period_end: date | None,
                   language: str | None = None) -> CouncilReport:
    from ...workers.queues import enqueue

    if period_start is None:
        raise ReportError(_("Enter a valid date."), "period_start")
    if period_end is None:
        raise ReportError(_("Enter a valid date."), "period_end")
    if period_end < period_start:
        raise ReportError(_("The end of the period must be after its start."), "period_end")
    if period_end > date.today():
        raise ReportError(_("The period cannot end in the future."), "period_end")
    if (period_end - period_start).days > MAX_PERIOD_DAYS:
        raise ReportError(_("Choose a period of at most three years."), "period_start")
    language = language or (str(get_locale()) if get_locale() else "nl")
    report = CouncilReport(network_id=network_id, period_start=period_start, period_end=period_end,
                           language="en" if language.startswith("en") else "nl", status="pending",
                           file_token=secrets.token_hex(16), requested_by_id=current_actor_id())
    db.session.add(report)
    db.session.flush()
    audit.record("reports.requested", object_type="council_report", object_id=report.id,
                 detail=f"network={network_id}")
    enqueue("sleutelnet.blueprints.reports.jobs.generate_report", queue="reports", tenant_id=current_tenant_id(),
            report_id=report.id)
    return report


def folder(tenant_id: int) -> str:
    return os.path.join(current_app.instance_path, "council-reports", str(int(tenant_id)))


def file_path(report: CouncilReport) -> str:
    return os.path.join(folder(report.tenant_id), f"raadsinformatiebrief-{report.id}-{report.file_token}.pdf")


def download_name(report: CouncilReport) -> str:
    return f"raadsinformatiebrief-{report.period_start.isoformat()}-{report.period_end.isoformat()}.pdf"


def record_download(report: CouncilReport) -> str:
    if report.status != "done":
        raise LookupError(report.id)
    path = file_path(report)
    if not os.path.exists(path):
        raise LookupError(report.id)
    audit.record("reports.downloaded", object_type="council_report", object_id=report.id,
                 actor_id=current_actor_id())
    return path
