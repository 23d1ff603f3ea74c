"""Privacy pages: /g/<slug>/privacy/ (overview, retention periods) and, per key person,
/g/<slug>/sleutelpersonen/<person_id>/privacy/... (consents, subject-access exports, erasure). Coordinators only.
"""
from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _

from ...platform.extensions import db
from ...platform.forms import show_error
from ...platform.kernel import get_or_404, submit
from ...platform.i18n import fmt_date
from ...platform.job_status import job_status_response
from ...platform.policy import requires
from ..keypersons.access import Purpose, access_person
from ..keypersons.models import KeyPerson
from . import choices, consents, erasure, exports, retention
from .errors import PrivacyError
from .forms import ConfirmForm, ConsentForm, EraseForm, RetentionForm, WithdrawForm
from .models import ConsentRecord, Erasure, ExportRequest
from . import permissions as perms

bp = Blueprint("privacy", __name__, template_folder="templates", cli_group="privacy")


@bp.context_processor
def _helpers():
    return {"pc": choices, "plabel": choices.label, "fmt_date": fmt_date}


# why each page opens the person's record (permission, access-log action): see keypersons/access.py
PERSON_PAGE = Purpose(perms.MANAGE_CONSENTS, "view")  # the page shows the person's consents and notes
CONSENTS = Purpose(perms.MANAGE_CONSENTS)
ACCESS_REQUESTS = Purpose(perms.HANDLE_ACCESS_REQUESTS)
ERASE = Purpose(perms.ERASE_PERSONAL_DATA)


_invalid = show_error  # a service-rule error next to its field (or in the summary)


def _back(person_id: int):
    return redirect(url_for(".person", person_id=person_id))


# --------------------------------------------------------------------------------------------------
# tenant level: overview and retention periods
# --------------------------------------------------------------------------------------------------

@bp.get("/privacy/")
@requires(perms.MANAGE_RETENTION)
def index():
    erasures = db.session.execute(
        db.select(Erasure, KeyPerson.name).join(KeyPerson, KeyPerson.id == Erasure.person_id)
        .order_by(Erasure.erased_at.desc()).limit(20)).all()
    return render_template("privacy/index.html", settings=retention.get_settings(),
                           due=len(retention.due_for_anonymisation()), requests=exports.recent_requests(),
                           erasures=erasures)


@bp.route("/privacy/bewaartermijnen", methods=["GET", "POST"])
@requires(perms.MANAGE_RETENTION)
def retention_settings():
    settings = retention.get_settings()
    form = RetentionForm(obj=settings if request.method == "GET" else None)
    return submit(form, lambda: retention.save_settings(
        anonymise_exited_after_months=form.anonymise_exited_after_months.data,
        access_log_months=form.access_log_months.data),
        message=_("The retention periods have been saved."), done=url_for(".index")) or (
        render_template("privacy/retention.html", form=form, settings=settings), 422 if form.errors else 200)


# --------------------------------------------------------------------------------------------------
# one person: overview, consents
# --------------------------------------------------------------------------------------------------

@bp.get("/sleutelpersonen/<int:person_id>/privacy")
@requires(perms.MANAGE_CONSENTS)
def person(person_id):
    p = access_person(person_id, PERSON_PAGE)
    return render_template("privacy/person.html", person=p, consents=consents.consents_for(p.id),
                           requests=exports.requests_for(p.id), erased=erasure.erasure_of(p.id),
                           can_erase=erasure.can_erase(p), confirm_form=ConfirmForm())


@bp.route("/sleutelpersonen/<int:person_id>/privacy/toestemming/nieuw", methods=["GET", "POST"])
@requires(perms.MANAGE_CONSENTS)
def consent_new(person_id):
    p = access_person(person_id, CONSENTS)
    if erasure.erasure_of(p.id) is not None:
        flash(_("The personal data of this person have been erased."), "error")
        return _back(p.id)
    form = ConsentForm()
    if request.method == "GET" and request.args.get("doel") in choices.CONSENT_SCOPES:
        form.scope.data = request.args["doel"]
    if form.validate_on_submit():
        try:
            consents.record_consent(p, scope=form.scope.data, basis=form.basis.data, given_on=form.given_on.data,
                                    obtained_via=form.obtained_via.data, text_version=form.text_version.data,
                                    note=form.note.data)
        except PrivacyError as exc:
            _invalid(form, exc)
        else:
            flash(_("The consent has been recorded."), "success")
            return _back(p.id)
    return render_template("privacy/consent_form.html", form=form, person=p), (422 if form.errors else 200)


@bp.route("/sleutelpersonen/<int:person_id>/privacy/toestemming/<int:consent_id>/intrekken",
          methods=["GET", "POST"])
@requires(perms.MANAGE_CONSENTS)
def consent_withdraw(person_id, consent_id):
    p = access_person(person_id, CONSENTS)
    record = get_or_404(ConsentRecord, consent_id, person_id=p.id)
    if not record.active:
        flash(_("This record has already ended."), "error")
        return _back(p.id)
    form = WithdrawForm()
    if form.validate_on_submit():
        try:
            cleared = consents.withdraw_consent(p, record, withdrawn_on=form.withdrawn_on.data, via=form.via.data)
        except PrivacyError as exc:
            _invalid(form, exc)
        else:
            flash(_("The consent has been withdrawn."), "success")
            if cleared:
                flash(_("The migration background that was recorded with this consent has been erased."), "success")
            return _back(p.id)
    return render_template("privacy/consent_withdraw.html", form=form, person=p, record=record), \
        (422 if form.errors else 200)


# --------------------------------------------------------------------------------------------------
# subject-access export
# --------------------------------------------------------------------------------------------------

@bp.post("/sleutelpersonen/<int:person_id>/privacy/inzage")
@requires(perms.HANDLE_ACCESS_REQUESTS)
def export_request(person_id):
    p = access_person(person_id, ACCESS_REQUESTS)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    try:
        req = exports.request_export(p)
    except PrivacyError as exc:
        flash(str(exc), "error")
        return _back(p.id)
    return redirect(url_for(".export_status", person_id=p.id, export_id=req.id))


@bp.get("/sleutelpersonen/<int:person_id>/privacy/inzage/<int:export_id>")
@requires(perms.HANDLE_ACCESS_REQUESTS)
def export_status(person_id, export_id):
    p = access_person(person_id, ACCESS_REQUESTS)
    req = get_or_404(ExportRequest, export_id, person_id=p.id)
    return render_template("privacy/export_status.html", person=p, req=req,
                           until=exports.download_available_until(req), confirm_form=ConfirmForm())


@bp.get("/sleutelpersonen/<int:person_id>/privacy/inzage/<int:export_id>/status.json")
@requires(perms.HANDLE_ACCESS_REQUESTS)
def export_status_json(person_id, export_id):
    """What the status page polls (static/js/job-status.js)."""
    p = access_person(person_id, ACCESS_REQUESTS)
    req = get_or_404(ExportRequest, export_id, person_id=p.id)
    return job_status_response(choices.label(choices.EXPORT_STATUSES, req.status), req.status != "pending")


def _download(person_id: int, export_id: int, kind: str):
    p = access_person(person_id, ACCESS_REQUESTS)
    req = get_or_404(ExportRequest, export_id, person_id=p.id)
    try:
        path = exports.record_download(req, kind)
    except LookupError:
        abort(404)
    mimetype = "application/pdf" if kind == "pdf" else "application/json"
    response = send_file(path, mimetype=mimetype, as_attachment=True,
                         download_name=f"inzage-sleutelpersoon-{p.id}-{req.id}.{kind}", max_age=0)
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.get("/sleutelpersonen/<int:person_id>/privacy/inzage/<int:export_id>/inzage.json")
@requires(perms.HANDLE_ACCESS_REQUESTS)
def export_json(person_id, export_id):
    return _download(person_id, export_id, "json")


@bp.get("/sleutelpersonen/<int:person_id>/privacy/inzage/<int:export_id>/inzage.pdf")
@requires(perms.HANDLE_ACCESS_REQUESTS)
def export_pdf(person_id, export_id):
    return _download(person_id, export_id, "pdf")


# --------------------------------------------------------------------------------------------------
# erasure
# --------------------------------------------------------------------------------------------------

@bp.route("/sleutelpersonen/<int:person_id>/privacy/anonimiseren", methods=["GET", "POST"])
@requires(perms.ERASE_PERSONAL_DATA)
def erase(person_id):
    p = access_person(person_id, ERASE)
    done = erasure.erasure_of(p.id)
    if done is not None:
        flash(_("The personal data of this person have already been erased."), "info")
        return _back(p.id)
    form = EraseForm()
    allowed = erasure.can_erase(p)
    if allowed and form.validate_on_submit():
        try:
            erasure.erase_person(p.id)
        except PrivacyError as exc:
            _invalid(form, exc)
        else:
            flash(_("The personal data have been anonymised."), "success")
            return _back(p.id)
    refused = request.method == "POST" and not allowed
    return render_template("privacy/erase.html", person=p, form=form, allowed=allowed), \
        (422 if form.errors or refused else 200)


# --------------------------------------------------------------------------------------------------
# CLI: `flask privacy retention`
# --------------------------------------------------------------------------------------------------

@bp.cli.command("retention")
def retention_command():
    """Apply the retention periods of every active municipality now (the scheduled job does this daily)."""
    import click

    for tenant_id, result in retention.apply_retention_all().items():
        if result.get("error"):
            click.echo(f"tenant {tenant_id}: failed (see the log)", err=True)
        else:
            click.echo(f"tenant {tenant_id}: anonymised {result['anonymised']}, access-log rows deleted "
                       f"{result['access_log_deleted']}, export files removed {result['exports_removed']}")
