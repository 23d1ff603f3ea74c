"""Pages without an account, outside /g/<slug>/: the RSVP page behind a key person's personal link and the
personal calendar feed. Each resolves the tenant from its token and runs inside that tenant's context.

The RSVP page shows only that one meeting's title, type, date, time, place and agenda titles — no names,
no attendee list, no minutes — and nothing at all for a token that is forged, expired or used.
"""
from __future__ import annotations

from flask import Blueprint, Response, abort, render_template

from ...platform.extensions import db, limiter
from ...platform.policy import Role, grants_for
from ...platform.tenancy import tenant_context
from ...tenants.models import Membership, Tenant
from . import calendar as ical, invitations, services
from .forms import RsvpForm
from .permissions import VIEW_MEETING_CALENDAR

public_bp = Blueprint("meetings_public", __name__, template_folder="templates")


def _tenant(tenant_id: int) -> Tenant:
    tenant = db.session.get(Tenant, tenant_id)
    if tenant is None or not tenant.active:
        raise invitations.InvalidToken()
    return tenant


@public_bp.route("/aanmelden/<token>", methods=["GET", "POST"])
@limiter.limit("30 per minute")
def rsvp(token):
    try:
        tenant_id, attendance_id, version = invitations.read_token(token)
        _tenant(tenant_id)
    except invitations.InvalidToken:
        return render_template("meetings/rsvp_invalid.html"), 410
    with tenant_context(tenant_id):
        try:
            attendance = invitations.attendance_for(attendance_id, version)
        except invitations.InvalidToken:
            return render_template("meetings/rsvp_invalid.html"), 410
        view = invitations.public_view(attendance)
        form = RsvpForm()
        if form.validate_on_submit():
            try:
                invitations.respond(attendance, answer=form.answer.data, message=form.message.data or "",
                                    proposal_title=form.proposal_title.data or "",
                                    proposal_note=form.proposal_note.data or "")
            except services.MeetingError as exc:
                form.answer.errors = list(form.answer.errors) + [str(exc)]
            else:
                db.session.commit()
                return render_template("meetings/rsvp_done.html", view=view, answer=form.answer.data,
                                       proposed=bool((form.proposal_title.data or "").strip()))
        return render_template("meetings/rsvp.html", view=view, form=form), (422 if form.errors else 200)


@public_bp.get("/agenda/<token>.ics")
@limiter.limit("60 per minute")
def feed(token):
    parts = ical.split_token(token)
    if parts is None:
        abort(404)
    tenant_id, secret = parts
    try:
        tenant = _tenant(tenant_id)
    except invitations.InvalidToken:
        abort(404)
    with tenant_context(tenant_id):
        feed_row = ical.feed_for_secret(secret)
        if feed_row is None:
            abort(404)
        membership = db.session.scalar(db.select(Membership).filter_by(tenant_id=tenant_id, user_id=feed_row.user_id,
                                                                       active=True))
        if membership is None or VIEW_MEETING_CALENDAR not in grants_for(Role(membership.role)):
            abort(404)
        network_ids = services.linked_network_ids(membership.id) if membership.role == Role.OFFICIAL.value else None
        body = ical.feed_ics(ical.feed_meetings(network_ids), tenant.slug, f"Sleutelnet {tenant.name}")
    return Response(body, mimetype="text/calendar")
