"""The quarterly national report (PDF) for the ESS: only published cells, rendered by a job.

Flow: an ESS advisor asks for the report of a quarter (`request_report`: the `national_reports` row per
quarter plus an outbox job on the "reports" queue, in one transaction); `render_report` renders it with
WeasyPrint, updating `progress` as it goes (the status page refreshes itself while it runs), and stores
it in the instance folder. Idempotent: a report that is done is not rendered again; asking again after a
new aggregation of the quarter renders it anew. The report contains no municipality's own value.
"""
from __future__ import annotations

import os
import secrets

from flask import current_app
from flask_babel import force_locale

from ...platform import audit
from ...platform.extensions import db
from ...platform.models import utcnow
from . import charts, periods, published, readings, services
from .models import Period, Report


def folder() -> str:
    return os.path.join(current_app.instance_path, "national-reports")


def file_path(report: Report) -> str:
    return os.path.join(folder(), f"landelijk-{report.period}-{report.file_token}.pdf")


def get(period: str) -> Report | None:
    return db.session.scalar(db.select(Report).filter_by(period=period))


def stale(report: Report, period: Period | None) -> bool:
    """A done report made before the quarter's latest aggregation."""
    return bool(report.status == "done" and period is not None and period.aggregated_at is not None
                and report.completed_at is not None and report.completed_at < period.aggregated_at)


def request_report(period: str, actor_id: int | None) -> Report:
    from ...workers.queues import enqueue

    report = get(period)
    if report is not None and report.status in ("pending", "running"):
        return report
    if report is None:
        report = Report(period=period, file_token=secrets.token_hex(16))
        db.session.add(report)
    report.status, report.progress, report.error, report.requested_by_id = "pending", 0, None, actor_id
    db.session.flush()
    audit.record("national.report_requested", object_type="national_report", object_id=report.id, detail=period,
                 actor_id=actor_id, platform=True)
    enqueue("sleutelnet.blueprints.national.report.render_report", queue="reports", report_id=report.id)
    return report


def _progress(report: Report, percent: int) -> None:
    report.progress = percent
    db.session.commit()


def render_report(report_id: int) -> str:
    report = db.session.get(Report, report_id)
    if report is None:
        return "missing"
    if report.status == "done":
        return "already-done"
    report.status = "running"
    _progress(report, 10)
    try:
        with force_locale("nl"):
            html = render_html(report.period, lambda p: _progress(report, p))
            pdf = to_pdf(html)
        _progress(report, 90)
        os.makedirs(folder(), mode=0o700, exist_ok=True)
        tmp = file_path(report) + ".tmp"
        with open(tmp, "wb") as fh:
            fh.write(pdf)
        os.replace(tmp, file_path(report))
    except Exception as exc:
        db.session.rollback()
        report = db.session.get(Report, report_id)
        report.status, report.error = "failed", type(exc).__name__[:200]
        db.session.commit()
        raise
    report.status, report.progress, report.size, report.completed_at = "done", 100, len(pdf), utcnow()
    db.session.commit()
    return "done"


def render_html(period: str, progress=lambda p: None) -> str:
    period_row = db.session.get(Period, period)
    indicator_list = [i for i in services.all_indicators() if not services.is_exit_reason(i.code)]
    all_cells = published.cells(period)
    progress(30)
    national = {c.indicator: c for c in all_cells if c.group_kind == "national"}
    regional = {}
    for c in all_cells:
        if c.group_kind == "province":
            regional.setdefault(c.indicator, []).append(c)
    sections = []
    for indicator in indicator_list:
        cells = regional.get(indicator.code, [])
        sections.append({"indicator": indicator, "national": national.get(indicator.code), "cells": cells,
                         "chart": charts.regional_chart(indicator, cells) if cells else None})
    progress(60)
    exit_rows = sorted(((c, services.indicator_by_code(c.indicator)) for c in national.values()
                        if services.is_exit_reason(c.indicator) and c.published),
                       key=lambda pair: -(pair[0].mean or 0))
    template = current_app.jinja_env.get_template("national/report_pdf.html")
    return template.render(period=period, period_label=periods.label(period), period_row=period_row,
                           sections=sections, exit_rows=exit_rows, thin=published.thin_regions(period),
                           cell_text=charts.cell_text, exit_label=readings.exit_reason_label,
                           generated=utcnow())


def to_pdf(html: str) -> bytes:
    from weasyprint import CSS, HTML

    css = os.path.join(os.path.dirname(__file__), "report.css")
    return HTML(string=html, base_url=os.path.dirname(__file__)).write_pdf(stylesheets=[CSS(filename=css)])
