"""Invitations, attendance and minutes of a meeting (views on the meetings blueprint)."""
from __future__ import annotations

from flask import abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _, ngettext

from ...platform.extensions import db
from ...platform.kernel import act_and_flash
from ...platform.policy import can, requires
from . import agenda as ag, choices, invitations, minutes as mn, services
from .forms import ActionForm, ButtonForm, MinutesForm
from .models import Attendance
from .permissions import APPROVE_MINUTES, MANAGE_MEETINGS, VIEW_CONFIDENTIAL_MINUTES
from .routes import bp, fail, meeting_or_404, owner_choices


@bp.post("/<int:meeting_id>/uitnodigen")
@requires(MANAGE_MEETINGS)
def invite(meeting_id):
    meeting = meeting_or_404(meeting_id)
    if not ButtonForm().validate_on_submit():
        abort(400)
    try:
        result = invitations.invite_network(meeting, g.tenant.id)
    except services.MeetingError as exc:
        db.session.rollback()
        flash(str(exc), "error")
    else:
        db.session.commit()
        message = ngettext("%(num)d invitation sent by e-mail.", "%(num)d invitations sent by e-mail.",
                           result["mailed"])
        if result["no_address"]:
            message += " " + ngettext("%(num)d key person has no e-mail address: invite them another way.",
                                      "%(num)d key persons have no e-mail address: invite them another way.",
                                      result["no_address"])
        flash(message, "success")
    return redirect(url_for(".detail", meeting_id=meeting.id, _anchor="invitations"))


@bp.post("/<int:meeting_id>/uitnodigen/opnieuw")
@requires(MANAGE_MEETINGS)
def resend(meeting_id):
    meeting = meeting_or_404(meeting_id)
    if not ButtonForm().validate_on_submit():
        abort(400)
    row = db.session.scalar(db.select(Attendance).filter_by(id=request.form.get("attendance_id", type=int) or 0,
                                                            meeting_id=meeting.id))
    if row is None:
        abort(404)
    act_and_flash(lambda: invitations.resend(meeting, row, g.tenant.id), _("A new invitation has been sent."))
    return redirect(url_for(".detail", meeting_id=meeting.id, _anchor="invitations"))


@bp.route("/<int:meeting_id>/aanwezigheid", methods=["GET", "POST"])
@requires(MANAGE_MEETINGS)
def attendance(meeting_id):
    meeting = meeting_or_404(meeting_id)
    rows = mn.attendances(meeting.id)
    form = ButtonForm()
    errors = {}
    if form.validate_on_submit():
        statuses = {row.id: request.form.get(f"a{row.id}") for row in rows}
        errors = {key: _("Choose one of the options.") for key, value in statuses.items()
                  if value not in choices.AFTER}
        if not errors:
            try:
                mn.record_attendance(meeting, statuses)
            except services.MeetingError as exc:
                flash(str(exc), "error")
            else:
                db.session.commit()
                flash(_("The attendance has been saved."), "success")
                return redirect(url_for(".detail", meeting_id=meeting.id, _anchor="invitations"))
    return render_template("meetings/attendance.html", meeting=meeting, rows=rows, form=form, errors=errors,
                           submitted=request.form if request.method == "POST" else {}), (422 if errors else 200)


@bp.route("/<int:meeting_id>/verslag", methods=["GET", "POST"])
@requires(MANAGE_MEETINGS)
def minutes(meeting_id):
    confidential = can(VIEW_CONFIDENTIAL_MINUTES)
    meeting = meeting_or_404(meeting_id)
    if meeting.status not in ("held", "minutes_draft"):
        flash(_("Minutes can be written once the meeting has been held, until they are approved."), "error")
        return redirect(url_for(".detail", meeting_id=meeting.id))
    agenda = ag.agenda(meeting.id)
    form = MinutesForm()
    form.discussed.choices = [(item.id, item.title) for item in agenda]
    if request.method == "GET":
        form.summary.data = meeting.summary
        form.decisions.data = "\n".join(d.text for d in mn.decisions(meeting.id))
        form.discussed.data = [item.id for item in agenda]
        if confidential:
            form.confidential_notes.data = mn.confidential_notes(meeting.id) or ""
    if form.validate_on_submit():
        try:
            mn.save_minutes(meeting, summary=form.summary.data,
                                  decision_lines=(form.decisions.data or "").splitlines(),
                                  discussed_ids=set(form.discussed.data or ()),
                                  confidential_notes=form.confidential_notes.data if confidential else None,
                                  may_write_confidential=confidential)
        except services.MeetingError as exc:
            fail(form, exc)
        else:
            db.session.commit()
            flash(_("The minutes have been saved as a draft. Items not discussed are on the backlog for the "
                    "next meeting."), "success")
            return redirect(url_for(".detail", meeting_id=meeting.id, _anchor="minutes"))
    return render_template("meetings/minutes.html", meeting=meeting, form=form, confidential=confidential), \
        (422 if form.errors else 200)


@bp.route("/<int:meeting_id>/acties", methods=["GET", "POST"])
@requires(MANAGE_MEETINGS)
def actions(meeting_id):
    meeting = meeting_or_404(meeting_id)
    form = ActionForm()
    form.owner.choices = owner_choices(meeting.network_id)
    if form.validate_on_submit():
        try:
            mn.add_action(meeting, description=form.description.data, owner=form.owner.data,
                                due_on=form.due_on.data)
        except services.MeetingError as exc:
            fail(form, exc)
        else:
            db.session.commit()
            flash(_("The action has been added."), "success")
            return redirect(url_for(".actions", meeting_id=meeting.id))
    return render_template("meetings/actions.html", meeting=meeting, form=form, actions=mn.actions(meeting.id),
                           button=ButtonForm()), (422 if form.errors else 200)


@bp.post("/<int:meeting_id>/acties/afvinken")
@requires(MANAGE_MEETINGS)
def toggle_action(meeting_id):
    meeting = meeting_or_404(meeting_id)
    if not ButtonForm().validate_on_submit():
        abort(400)
    try:
        mn.complete_action(meeting, request.form.get("action_id", type=int) or 0)
    except LookupError:
        abort(404)
    db.session.commit()
    return redirect(url_for(".actions", meeting_id=meeting.id))


@bp.route("/<int:meeting_id>/vaststellen", methods=["GET", "POST"])
@requires(APPROVE_MINUTES)
def approve(meeting_id):
    meeting = meeting_or_404(meeting_id)
    if meeting.status != "minutes_draft":
        flash(_("Only draft minutes can be approved."), "error")
        return redirect(url_for(".detail", meeting_id=meeting.id))
    form = ButtonForm()
    if form.validate_on_submit():
        try:
            services.transition(meeting, "minutes_approved")
        except services.MeetingError as exc:
            flash(str(exc), "error")
        else:
            db.session.commit()
            flash(_("The minutes have been approved."), "success")
        return redirect(url_for(".detail", meeting_id=meeting.id, _anchor="minutes"))
    return render_template("meetings/confirm_approve.html", meeting=meeting, form=form,
                           decisions=mn.decisions(meeting.id), actions=mn.actions(meeting.id))
