"""Meeting pages under /g/<slug>/bijeenkomsten: the calendar, planning, the meeting page, its agenda and
state. Minutes and attendance: `routes_minutes.py`; settings, places and the feed: `routes_settings.py`.
Thin: parse, call a service, commit once, render."""
from __future__ import annotations

from datetime import date, time, timedelta

from flask import Blueprint, Response, abort, flash, g, redirect, render_template, request, url_for
from flask_babel import format_datetime, gettext as _

from ...platform.extensions import db
from ...platform.i18n import fmt_date
from ...platform.kernel import act_and_flash
from ...platform.policy import can, requires
from ...tenants.pages import cached_page
from . import agenda as ag, calendar as ical, choices, minutes as mn, rotation, services
from .forms import AgendaItemForm, ButtonForm, CancelForm, MeetingForm
from .permissions import (APPROVE_MINUTES, MANAGE_MEETING_SETTINGS, MANAGE_MEETINGS, VIEW_CONFIDENTIAL_MINUTES,
                          VIEW_MEETING_CALENDAR, VIEW_MEETINGS)

bp = Blueprint("meetings", __name__, url_prefix="/bijeenkomsten", template_folder="templates")


@bp.context_processor
def _helpers():
    return {"mc": choices, "label": choices.label, "local": services.local,
            "P": {"view": VIEW_MEETINGS, "manage": MANAGE_MEETINGS, "confidential": VIEW_CONFIDENTIAL_MINUTES,
                  "approve": APPROVE_MINUTES, "settings": MANAGE_MEETING_SETTINGS},
            "fmt_date": fmt_date,
            "fmt_when": lambda m: format_datetime(services.local(m.starts_at), "EEEE d MMMM y, HH:mm")}


def meeting_or_404(meeting_id: int):
    try:
        return services.get_meeting(meeting_id)
    except LookupError:
        abort(404)


def fail(form, exc: services.MeetingError) -> None:
    """Put a service error on its field (or on the form)."""
    field = getattr(form, exc.field, None) if exc.field else None
    if field is not None:
        field.errors = list(field.errors) + [str(exc)]
    else:
        form.form_errors.append(str(exc))


def owner_choices(network_id: int) -> list[tuple[str, str]]:
    people = [(f"p{pid}", name) for pid, name in rotation.eligible_chairs(network_id)]
    team = [(f"u{uid}", _("%(name)s (municipality)", name=name)) for uid, name in services.team_choices()]
    return [("", _("No owner"))] + people + team


def _fill(form: MeetingForm, network_id: int) -> None:
    form.series_id.choices = [("", _("No series"))] + [(s.id, s.name) for s in services.series_of(network_id)]
    form.location_id.choices = [("", _("Not chosen yet"))] + [
        (loc.id, f"{loc.name} ({choices.label(choices.LOCATION_KINDS, loc.kind)})") for loc in rotation.pool()]
    form.chair_person_id.choices = [("", _("None"))] + list(rotation.eligible_chairs(network_id))
    form.chair_user_id.choices = [("", _("None"))] + services.team_choices()


# --------------------------------------------------------------------------------------------------
# calendar
# --------------------------------------------------------------------------------------------------

@bp.get("/")
@requires(VIEW_MEETING_CALENDAR)
@cached_page
def index():
    networks = services.networks()
    network = services.pick_network(request.args.get("netwerk", type=int))
    past = request.args.get("toon") == "eerder"
    page = services.calendar(network.id if network else None, upcoming=not past,
                             page=max(request.args.get("page", 1, type=int), 1))
    return render_template("meetings/index.html", networks=networks, network=network, page=page, past=past)


@bp.route("/nieuw", methods=["GET", "POST"])
@requires(MANAGE_MEETINGS)
def new():
    network = services.pick_network(request.values.get("netwerk", type=int))
    if network is None:
        return render_template("meetings/no_network.html")
    if request.method == "GET" and rotation.refresh_pool(network.id):
        db.session.commit()  # the member organisations' addresses join the pool (idempotent)
    form = MeetingForm()
    _fill(form, network.id)
    proposal = rotation.propose_location(network.id)
    settings = rotation.settings(network.id)
    proposed_chair = rotation.propose_chair(network.id) if settings and settings.chair_mode == "rotating" else None
    if request.method == "GET":
        series_id = request.args.get("reeks", type=int)
        series = next((s for s in services.series_of(network.id) if s.id == series_id), None)
        last = services.last_meeting_of(series.id) if series else None
        form.series_id.data = series.id if series else None
        form.kind.data = series.kind if series else "plenary"
        form.title.data = series.name if series else ""
        form.day.data = services.next_date(series, last.starts_on if last else None) or date.today() + timedelta(days=21)
        form.start.data = services.local(last.starts_at).time() if last else time(19, 30)
        form.location_id.data = proposal.id if proposal else None
        form.chair_person_id.data = proposed_chair[0] if proposed_chair else None
        form.reminder_days.data = list(choices.DEFAULT_REMINDER_DAYS)
    if form.validate_on_submit():
        try:
            meeting = services.create_meeting(network, form.data_dict())
        except services.MeetingError as exc:
            fail(form, exc)
        else:
            db.session.commit()
            flash(_("The meeting has been saved as a draft. Add the agenda, then plan it and invite the network."),
                  "success")
            return redirect(url_for(".detail", meeting_id=meeting.id))
    warns = rotation.warnings(network.id, form.location_id.data, form.day.data or date.today())
    return render_template("meetings/form.html", form=form, network=network, networks=services.networks(),
                           meeting=None, proposal=proposal, warnings=warns, settings=settings,
                           proposed_chair=proposed_chair), (422 if form.errors else 200)


@bp.route("/<int:meeting_id>/bewerken", methods=["GET", "POST"])
@requires(MANAGE_MEETINGS)
def edit(meeting_id):
    meeting = meeting_or_404(meeting_id)
    form = MeetingForm(obj=meeting if request.method == "GET" else None)
    _fill(form, meeting.network_id)
    if request.method == "GET":
        form.day.data, form.start.data = meeting.starts_on, services.local(meeting.starts_at).time()
    if form.validate_on_submit():
        try:
            services.update_meeting(meeting, form.data_dict())
        except services.MeetingError as exc:
            fail(form, exc)
        else:
            db.session.commit()
            flash(_("The meeting has been changed."), "success")
            return redirect(url_for(".detail", meeting_id=meeting.id))
    warns = rotation.warnings(meeting.network_id, form.location_id.data, form.day.data or meeting.starts_on, meeting.id)
    return render_template("meetings/form.html", form=form, network=meeting.network, networks=[], meeting=meeting,
                           proposal=rotation.propose_location(meeting.network_id, meeting.id), warnings=warns,
                           settings=rotation.settings(meeting.network_id), proposed_chair=None), \
        (422 if form.errors else 200)


# --------------------------------------------------------------------------------------------------
# the meeting page
# --------------------------------------------------------------------------------------------------

@bp.get("/<int:meeting_id>")
@requires(VIEW_MEETINGS)
def detail(meeting_id):
    confidential = can(VIEW_CONFIDENTIAL_MINUTES)
    meeting = meeting_or_404(meeting_id)
    manage = can(MANAGE_MEETINGS)
    editable = manage and meeting.status in ("concept", "planned")
    held = meeting.status in choices.HELD_STATUSES
    item_form = AgendaItemForm()
    item_form.owner.choices = owner_choices(meeting.network_id) if editable else []
    items, attendances = ag.agenda(meeting.id), mn.attendances(meeting.id)
    return render_template(
        "meetings/detail.html", meeting=meeting, agenda=items,
        proposals=ag.agenda(meeting.id, "proposed"), backlog=ag.backlog(meeting) if editable else [],
        total=sum(i.duration_minutes for i in items), attendances=attendances,
        counts=mn.count_statuses(attendances), decisions=mn.decisions(meeting.id) if held else [],
        actions=mn.actions(meeting.id) if held else [], item_form=item_form, button=ButtonForm(), editable=editable,
        warnings=rotation.warnings(meeting.network_id, meeting.location_id, meeting.starts_on, meeting.id)
        if editable else [], notes=mn.confidential_notes(meeting.id) if confidential else None)


@bp.post("/<int:meeting_id>/status")
@requires(MANAGE_MEETINGS)
def status(meeting_id):
    meeting = meeting_or_404(meeting_id)
    target = request.form.get("naar", "")
    if target == "cancelled":
        return redirect(url_for(".cancel", meeting_id=meeting.id))
    if target == "minutes_approved" and not can(APPROVE_MINUTES):
        abort(403)
    try:
        services.transition(meeting, target)
    except services.MeetingError as exc:
        db.session.rollback()
        flash(str(exc), "error")
    else:
        db.session.commit()
        flash(_("The meeting is now \"%(status)s\".", status=choices.label(choices.STATUSES, meeting.status)),
              "success")
    return redirect(url_for(".detail", meeting_id=meeting_id))


@bp.route("/<int:meeting_id>/annuleren", methods=["GET", "POST"])
@requires(MANAGE_MEETINGS)
def cancel(meeting_id):
    meeting = meeting_or_404(meeting_id)
    if "cancelled" not in services.allowed_transitions(meeting):
        flash(_("This meeting can no longer be cancelled."), "error")
        return redirect(url_for(".detail", meeting_id=meeting.id))
    form = CancelForm()
    if form.validate_on_submit():
        try:
            services.transition(meeting, "cancelled", reason=form.reason.data)
        except services.MeetingError as exc:
            fail(form, exc)
        else:
            db.session.commit()
            flash(_("The meeting has been cancelled."), "success")
            return redirect(url_for(".detail", meeting_id=meeting.id))
    return render_template("meetings/cancel.html", meeting=meeting, form=form), (422 if form.errors else 200)


@bp.get("/<int:meeting_id>/agenda.ics")
@requires(VIEW_MEETING_CALENDAR)
def ics(meeting_id):
    meeting = meeting_or_404(meeting_id)
    body = ical.meeting_ics(meeting, g.tenant.slug)
    return Response(body, mimetype="text/calendar",
                    headers={"Content-Disposition": f'attachment; filename="bijeenkomst-{meeting.id}.ics"'})


# --------------------------------------------------------------------------------------------------
# agenda
# --------------------------------------------------------------------------------------------------

@bp.post("/<int:meeting_id>/agenda")
@requires(MANAGE_MEETINGS)
def add_item(meeting_id):
    meeting = meeting_or_404(meeting_id)
    form = AgendaItemForm()
    form.owner.choices = owner_choices(meeting.network_id)
    if form.validate_on_submit():
        try:
            ag.add_item(meeting, title=form.title.data, duration_minutes=form.duration_minutes.data,
                              owner=form.owner.data, description=form.description.data or "")
        except services.MeetingError as exc:
            fail(form, exc)
        else:
            db.session.commit()
            flash(_("The item has been added to the agenda."), "success")
            return redirect(url_for(".detail", meeting_id=meeting.id, _anchor="agenda"))
    db.session.rollback()
    return render_template("meetings/item_form.html", meeting=meeting, form=form,
                           total=services.agenda_minutes(meeting.id)), 422


@bp.route("/<int:meeting_id>/agenda/<int:item_id>/verwijderen", methods=["GET", "POST"])
@requires(MANAGE_MEETINGS)
def remove_item(meeting_id, item_id):
    meeting = meeting_or_404(meeting_id)
    try:
        item = ag.get_item(meeting, item_id)
    except LookupError:
        abort(404)
    form = ButtonForm()
    if form.validate_on_submit():
        to_backlog = request.form.get("bestemming") == "backlog"
        try:
            ag.remove_item(meeting, item, to_backlog=to_backlog)
        except services.MeetingError as exc:
            flash(str(exc), "error")
        else:
            db.session.commit()
            flash(_("The item has been moved to the backlog.") if to_backlog else _("The item has been removed."),
                  "success")
        return redirect(url_for(".detail", meeting_id=meeting.id, _anchor="agenda"))
    return render_template("meetings/confirm_remove_item.html", meeting=meeting, item=item, form=form)


@bp.post("/<int:meeting_id>/agenda/overnemen")
@requires(MANAGE_MEETINGS)
def take_item(meeting_id):
    """Take an item from the backlog, or accept a key person's proposal, onto the agenda."""
    meeting = meeting_or_404(meeting_id)
    if not ButtonForm().validate_on_submit():
        abort(400)
    item_id = request.form.get("item_id", type=int) or 0
    try:
        if request.form.get("bron") == "voorstel":
            item = ag.get_item(meeting, item_id)
            act_and_flash(lambda: ag.accept_proposal(meeting, item), _("The item is on the agenda."))
        else:
            act_and_flash(lambda: ag.take_from_backlog(meeting, item_id), _("The item is on the agenda."))
    except LookupError:
        abort(404)
    return redirect(url_for(".detail", meeting_id=meeting.id, _anchor="agenda"))


