"""Council report pages under /g/<slug>/raadsrapportages: list, request, status (refreshes itself without
JavaScript while rendering, polls its JSON status with it), download of the stored PDF."""
from __future__ import annotations

from flask import Blueprint, abort, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _, lazy_gettext as _l

from ...platform.extensions import db
from ...platform.job_status import job_status_response
from ...platform.policy import requires
from ..keypersons import services as kp
from . import services
from .forms import ReportForm
from .permissions import GENERATE_REPORTS, VIEW_REPORTS

bp = Blueprint("reports", __name__, url_prefix="/raadsrapportages", template_folder="templates")
STATUS_LABELS = {"pending": _l("Waiting for the worker"), "running": _l("Being generated"), "done": _l("Ready"),
                 "failed": _l("Failed")}


@bp.context_processor
def _helpers():
    return {"GENERATE_REPORTS": GENERATE_REPORTS, "status_label": lambda s: str(STATUS_LABELS.get(s, s))}


def _report_or_404(report_id):
    try:
        return services.get_report(report_id)
    except LookupError:
        abort(404)


@bp.route("/", methods=["GET", "POST"])
@requires(VIEW_REPORTS)
def index():
    networks = kp.networks()
    form = ReportForm(networks=networks)
    if request.method == "POST":
        from ...platform.policy import can

        if not can(GENERATE_REPORTS):
            abort(403)
        if form.validate_on_submit():
            if form.network_id.data not in {n.id for n in networks}:
                form.network_id.errors = list(form.network_id.errors) + [_("Choose a network.")]
            else:
                try:
                    report = services.request_report(form.network_id.data, period_start=form.period_start.data,
                                                     period_end=form.period_end.data)
                except services.ReportError as exc:
                    db.session.rollback()
                    getattr(form, exc.field).errors = list(getattr(form, exc.field).errors) + [str(exc)]
                else:
                    db.session.commit()
                    return redirect(url_for(".status", report_id=report.id))
    page = db.paginate(services.reports(), page=request.args.get("page", 1, type=int), per_page=20, error_out=False)
    return render_template("reports/index.html", form=form, page=page, networks=networks,
                           network_names={n.id: n.name for n in networks}), \
        (422 if form.errors else 200)


@bp.get("/<int:report_id>")
@requires(VIEW_REPORTS)
def status(report_id):
    report = _report_or_404(report_id)
    return render_template("reports/status.html", report=report, network_names={n.id: n.name for n in kp.networks()})


@bp.get("/<int:report_id>/status.json")
@requires(VIEW_REPORTS)
def status_json(report_id):
    """What the status page polls (static/js/job-status.js)."""
    report = _report_or_404(report_id)
    return job_status_response(STATUS_LABELS.get(report.status, report.status),
                               report.status not in ("pending", "running"))


@bp.get("/<int:report_id>/pdf")
@requires(VIEW_REPORTS)
def download(report_id):
    report = _report_or_404(report_id)
    try:
        path = services.record_download(report)
    except LookupError:
        abort(404)
    db.session.commit()
    return send_file(path, mimetype="application/pdf", as_attachment=True,
                     download_name=services.download_name(report))
