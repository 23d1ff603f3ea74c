"""The ESS side (platform level, /ess/…): the national and regional picture, trends, thin regions, CSV
and the quarterly report. Reads only the published cells (platform tables): never a tenant-owned table,
never a municipality's own value, never a cross-tenant context (tests/national/test_boundary.py).
"""
from __future__ import annotations

from datetime import date

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ...platform.extensions import db
from ...platform.job_status import job_status_response
from ...platform.policy import requires
from . import charts, groups as grp, periods, published, readings, report, services
from .forms import ConfirmForm
from .models import Period, Report
from .permissions import MANAGE_NATIONAL_REPORTS, VIEW_NATIONAL

bp = Blueprint("national", __name__, url_prefix="/ess", template_folder="templates")
TREND_QUARTERS = 8


@bp.context_processor
def _helpers():
    return {"fmt": readings.fmt, "period_label": periods.label, "reason_label": readings.reason_label,
            "exit_label": readings.exit_reason_label,
            "cell_text": charts.cell_text, "group_name": grp.group_name, "kind_labels": grp.KIND_LABELS,
            "MANAGE_NATIONAL_REPORTS": MANAGE_NATIONAL_REPORTS, "progress_label": _progress_label}


def _main_indicators():
    return [i for i in services.all_indicators() if not services.is_exit_reason(i.code)]


def _indicator(code: str | None):
    found = services.indicator_by_code(code or "")
    return found or _main_indicators()[0]


@bp.get("/")
@requires(VIEW_NATIONAL)
def overview():
    available = published.periods_desc()
    period = published.pick_period(request.args.get("kwartaal"), available)
    national, exits, thin = {}, [], []
    if period is not None:
        for c in published.cells(period.code, kinds=(grp.NATIONAL,)):
            national[c.indicator] = c
        exits = sorted(((national[i.code], i) for i in services.all_indicators()
                        if services.is_exit_reason(i.code) and i.code in national and national[i.code].published),
                       key=lambda pair: -(pair[0].mean or 0))
        thin = published.thin_regions(period.code)
    return render_template("national/ess_overview.html", period=period, available=available,
                           indicators=_main_indicators(), national=national, exits=exits, thin=thin)


@bp.get("/regionaal")
@requires(VIEW_NATIONAL)
def regional():
    available = published.periods_desc()
    period = published.pick_period(request.args.get("kwartaal"), available)
    indicator = _indicator(request.args.get("indicator"))
    provinces, regions = [], []
    if period is not None:
        for c in published.cells(period.code, kinds=(grp.PROVINCE, grp.SAFETY_REGION), indicator=indicator.code):
            (provinces if c.group_kind == grp.PROVINCE else regions).append(c)
    figure = charts.regional_chart(indicator, provinces) if provinces else None
    return render_template("national/ess_regional.html", period=period, available=available, indicator=indicator,
                           indicators=services.all_indicators(), provinces=provinces, regions=regions, figure=figure)


@bp.get("/trends")
@requires(VIEW_NATIONAL)
def trends():
    indicator = _indicator(request.args.get("indicator"))
    codes = periods.recent(date.today(), TREND_QUARTERS)
    trend = published.national_trend(codes)
    closed = {p.code: p.closed for p in published.periods_desc()}
    codes = [c for c in codes if c in closed]
    figure = charts.trend_chart(indicator, codes, trend) if codes else None
    return render_template("national/ess_trends.html", indicator=indicator, indicators=services.all_indicators(),
                           codes=codes, trend=trend, closed=closed, figure=figure,
                           main=_main_indicators())


@bp.get("/export.csv")
@requires(VIEW_NATIONAL)
def export():
    period = published.pick_period(request.args.get("kwartaal"), published.periods_desc())
    if period is None:
        abort(404)
    rows = published.csv_rows(published.cells(period.code))
    return Response(published.to_csv(rows), mimetype="text/csv; charset=utf-8", headers={
        "Content-Disposition": f'attachment; filename="landelijke-benchmarks-{period.code}.csv"'})


@bp.route("/rapporten", methods=["GET", "POST"])
@requires(VIEW_NATIONAL)
def reports():
    available = published.periods_desc()
    form = ConfirmForm()
    if request.method == "POST":
        if not _can_manage():
            abort(403)
        code = request.form.get("kwartaal", "")
        if code not in {p.code for p in available} or not form.validate_on_submit():
            flash(_("Choose a quarter that has been computed."), "error")
            return redirect(url_for(".reports"))
        report.request_report(code, current_user.id)
        db.session.commit()
        return redirect(url_for(".report_status", period=code))
    existing = {r.period: r for r in db.session.scalars(db.select(Report))}
    return render_template("national/ess_reports.html", available=available, existing=existing, form=form)


def _can_manage() -> bool:
    from ...platform.policy import can

    return can(MANAGE_NATIONAL_REPORTS)


@bp.get("/rapporten/<period>")
@requires(VIEW_NATIONAL)
def report_status(period):
    row = _report_row(period)
    period_row = db.session.get(Period, period)
    return render_template("national/ess_report.html", period=period, row=row, period_row=period_row,
                           stale=report.stale(row, period_row) if row else False, form=ConfirmForm())


def _report_row(period):
    """The report row of `period` (None: none made yet); 404 for what is not a period."""
    if not periods.valid(period):
        abort(404)
    return report.get(period)


def _progress_label(row) -> str:
    if row.status in ("pending", "running"):
        return _("The report is being prepared: %(p)d%% done.", p=row.progress or 0)
    return _("The report is ready.") if row.status == "done" else _("Making the report failed.")


@bp.get("/rapporten/<period>/status.json")
@requires(VIEW_NATIONAL)
def report_status_json(period):
    """What the status page polls (static/js/job-status.js)."""
    row = _report_row(period)
    if row is None:
        abort(404)
    return job_status_response(_progress_label(row), row.status not in ("pending", "running"), row.progress)


@bp.get("/rapporten/<period>/pdf")
@requires(VIEW_NATIONAL)
def report_pdf(period):
    row = _report_row(period)
    if row is None or row.status != "done":
        flash(_("The report of this quarter is not ready."), "error")
        return redirect(url_for(".report_status", period=period))
    return send_file(report.file_path(row), mimetype="application/pdf", as_attachment=True,
                     download_name=f"landelijke-benchmarks-{period}.pdf", max_age=0)
