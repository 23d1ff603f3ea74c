"""Import and export of the key-person register, mounted at /g/<slug>/sleutelpersonen/import and /export.

Import (coordinators): upload -> column mapping -> dry-run preview -> commit (all or nothing). The file
is uploaded once and kept server-side (storage.py) under a random id that only its uploader can use.
Export (coordinators and officials): CSV or XLSX; sensitive columns only for coordinators who ask.
"""
from __future__ import annotations

from flask import (Blueprint, Response, abort, current_app, flash, g, redirect, render_template, request,
                   url_for)
from flask_babel import gettext as _, lazy_gettext as _l
from flask_login import current_user
from werkzeug.exceptions import RequestEntityTooLarge

from ...platform.job_status import job_status_response
from ...platform.kernel import get_or_404
from ...platform.policy import can, requires
from ..keypersons import choices
from ..keypersons.services import networks, pick_network
from . import checking, exporting, importing, jobs, plan as planning, storage
from . import fields as F
from .forms import ConfirmForm, UploadForm, column_field_name, export_form_class, mapping_form_class
from .models import TransferJob
from .reading import ReadError, read_table
from . import permissions as perms

bp = Blueprint("transfer", __name__, url_prefix="/sleutelpersonen", template_folder="templates")

DEFAULT_MAX_UPLOAD_BYTES = 5 * 1024 * 1024


@bp.context_processor
def _helpers():
    return {"kp": choices, "label": choices.label, "max_upload_mb": _max_upload() // (1024 * 1024)}


def _max_upload() -> int:
    return int(current_app.config.get("TRANSFER_MAX_UPLOAD_BYTES", DEFAULT_MAX_UPLOAD_BYTES))


def _too_large_message() -> str:
    return _("The file is too large: at most %(mb)d MB. Split the list into smaller files.",
             mb=max(1, _max_upload() // (1024 * 1024)))


@bp.errorhandler(RequestEntityTooLarge)
def _too_large(exc):
    form = UploadForm(formdata=None)
    form.bestand.errors = [_too_large_message()]
    return render_template("transfer/upload.html", form=form), 413


def _upload(upload_id: str):
    """(metadata, table) of the current user's upload in this tenant, or 404."""
    storage.purge_expired()
    try:
        meta = storage.load_meta(g.tenant.id, upload_id, current_user.id)
        data = storage.load_data(g.tenant.id, upload_id)
    except LookupError:
        abort(404)
    try:
        table = read_table(data, meta.get("filename", ""))
    except ReadError:
        storage.delete(g.tenant.id, upload_id)
        abort(404)
    return meta, table


# --------------------------------------------------------------------------------------------------
# import
# --------------------------------------------------------------------------------------------------

@bp.route("/import", methods=["GET", "POST"])
@requires(perms.IMPORT_KEYPERSONS)
def import_upload():
    storage.purge_expired()
    request.max_content_length = _max_upload() + 256 * 1024  # the form around the file
    form = UploadForm()
    if form.validate_on_submit():
        upload = form.bestand.data
        data = upload.stream.read(_max_upload() + 1)
        if len(data) > _max_upload():
            form.bestand.errors.append(_too_large_message())
        else:
            try:
                table = read_table(data, upload.filename or "")
            except ReadError as exc:
                form.bestand.errors.append(str(exc))
            else:
                upload_id = storage.save(g.tenant.id, current_user.id, upload.filename or "", data)
                meta = storage.load_meta(g.tenant.id, upload_id, current_user.id)
                remembered = storage.load_choices(g.tenant.id, current_user.id)
                mapping = planning.remembered_mapping(table, remembered.get("columns"))
                meta["mapping"] = {str(i): k for i, k in mapping.items()}
                meta["options"] = planning.Options.from_dict(remembered.get("options")).to_dict()
                storage.save_meta(g.tenant.id, upload_id, meta)
                return redirect(url_for(".import_mapping", upload_id=upload_id))
    return render_template("transfer/upload.html", form=form), (422 if form.errors else 200)


@bp.route("/import/<upload_id>/koppelen", methods=["GET", "POST"])
@requires(perms.IMPORT_KEYPERSONS)
def import_mapping(upload_id):
    meta, table = _upload(upload_id)
    available = networks()
    form_class = mapping_form_class(table, [(n.id, n.name) for n in available])
    if request.method == "POST":
        form = form_class()
    else:
        mapping = planning.clean_mapping(table, meta.get("mapping"))
        options = planning.Options.from_dict(meta.get("options"))
        data = {column_field_name(i): mapping.get(i, "") for i in range(len(table.headers))}
        data.update(default_status=options.default_status, create_missing=options.create_missing)
        if len(available) > 1:
            data["network_id"] = (pick_network(options.network_id, available)).id
        form = form_class(data=data)
    if form.validate_on_submit():
        network_id = form.network_id.data if "network_id" in form else None
        meta["mapping"] = {str(i): k for i, k in form.mapping().items()}
        meta["options"] = planning.Options(network_id=network_id, default_status=form.default_status.data,
                                           create_missing=form.create_missing.data).to_dict()
        storage.save_meta(g.tenant.id, upload_id, meta)
        storage.save_choices(g.tenant.id, current_user.id,
                             {"columns": planning.remember(table, form.mapping()), "options": meta["options"]})
        return redirect(url_for(".import_preview", upload_id=upload_id))
    columns = [(i, f, table.samples(i)) for i, f in form.column_fields()]
    return render_template("transfer/mapping.html", form=form, meta=meta, table=table, columns=columns,
                           networks=available), (422 if form.errors else 200)


@bp.get("/import/<upload_id>/controleren")
@requires(perms.IMPORT_KEYPERSONS)
def import_preview(upload_id):
    meta, table = _upload(upload_id)
    plan, options = checking.plan_for(meta, table)
    if plan is None:
        flash(_("Choose which column holds the name (or the first name and surname)."), "error")
        return redirect(url_for(".import_mapping", upload_id=upload_id))
    network = importing.target_network(options.network_id)
    return render_template("transfer/preview.html", meta=meta, plan=plan, options=options, network=network,
                           form=ConfirmForm(), max_errors=planning.MAX_ERRORS_SHOWN, fields=F)


@bp.post("/import/<upload_id>/vastleggen")
@requires(perms.IMPORT_KEYPERSONS)
def import_commit(upload_id):
    meta, table = _upload(upload_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    plan, options = checking.plan_for(meta, table)
    if plan is None or not plan.ok:
        flash(_("Nothing has been imported: the file still has errors. Correct them and upload it again."), "error")
        return redirect(url_for(".import_preview", upload_id=upload_id))
    job = jobs.request_import(upload_id, user_id=current_user.id, filename=meta.get("filename", ""))
    return redirect(url_for(".job_status", job_id=job.id))


@bp.route("/import/<upload_id>/verwijderen", methods=["GET", "POST"])
@requires(perms.IMPORT_KEYPERSONS)
def import_discard(upload_id):
    meta, _table = _upload(upload_id)
    form = ConfirmForm()
    if form.validate_on_submit():
        storage.delete(g.tenant.id, upload_id)
        flash(_("The uploaded file has been deleted. Nothing has been imported."), "success")
        return redirect(url_for(".import_upload"))
    return render_template("transfer/discard.html", meta=meta, form=form)


# --------------------------------------------------------------------------------------------------
# export
# --------------------------------------------------------------------------------------------------

@bp.route("/export", methods=["GET", "POST"])
@requires(perms.EXPORT_KEYPERSONS)
def export():
    available = networks()
    may_choose_sensitive = any(F.allowed(f) for f in F.EXPORT_FIELDS if f.sensitive)
    form = export_form_class([(n.id, n.name) for n in available], may_choose_sensitive)()
    if available and form.validate_on_submit():
        network = pick_network(form.network_id.data if "network_id" in form else None, available)
        job = jobs.request_export(network, form.format.data, user_id=current_user.id,
                                  columns=[f.key for f in exporting.columns(form.wants_sensitive())])
        return redirect(url_for(".job_status", job_id=job.id))
    return render_template("transfer/export.html", form=form, networks=available,
                           may_choose_sensitive=may_choose_sensitive), (422 if form.errors else 200)


# --------------------------------------------------------------------------------------------------
# the jobs: status page (refreshes itself without JavaScript, polls with it), the export's download
# --------------------------------------------------------------------------------------------------

STATUS_LABELS = {"pending": _l("Waiting for the worker"), "running": _l("In progress"), "done": _l("Ready"),
                 "failed": _l("Failed"), "expired": _l("Removed")}


def _job_or_404(job_id: int):
    """The current user's own job (nobody else's, not even another coordinator's), with the permission of its kind."""
    job = get_or_404(TransferJob, job_id, requested_by_id=current_user.id)
    if not can(perms.IMPORT_KEYPERSONS if job.kind == "import" else perms.EXPORT_KEYPERSONS):
        abort(404)
    return job


@bp.get("/taken/<int:job_id>")
@requires(perms.EXPORT_KEYPERSONS)
def job_status(job_id):
    job = _job_or_404(job_id)
    network_id = job.result.get("network_id") or job.options.get("network_id")  # known once chosen or made
    network = importing.target_network(network_id) if network_id else None
    return render_template("transfer/job.html", job=job, network=network, status_label=str(STATUS_LABELS[job.status]),
                           reasons=jobs.FAILURE_REASONS)


@bp.get("/taken/<int:job_id>/status.json")
@requires(perms.EXPORT_KEYPERSONS)
def job_status_json(job_id):
    """What the status page polls (static/js/job-status.js)."""
    job = _job_or_404(job_id)
    return job_status_response(STATUS_LABELS[job.status], job.finished)


@bp.get("/taken/<int:job_id>/bestand")
@requires(perms.EXPORT_KEYPERSONS)
def job_download(job_id):
    job = _job_or_404(job_id)
    try:
        content = jobs.record_download(job, actor_id=current_user.id)
    except LookupError:
        abort(404)
    response = Response(content, content_type=job.mimetype)  # the type already names its charset
    response.headers["Content-Disposition"] = f'attachment; filename="{job.filename}"'
    response.headers["Cache-Control"] = "no-store"
    return response
