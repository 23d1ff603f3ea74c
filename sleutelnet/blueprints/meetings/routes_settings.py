"""Per-network settings (chair mode §3.1, series), the location pool (§3.2) and the personal calendar feed."""
from __future__ import annotations

from flask import abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _, ngettext
from flask_login import current_user

from ...platform.extensions import db
from ...platform.policy import requires
from ..network import choices as network_choices
from . import calendar as ical, choices, rotation, services
from .forms import ButtonForm, ChairForm, PlaceForm, SeriesForm
from .permissions import MANAGE_MEETING_SETTINGS, MANAGE_MEETINGS, VIEW_MEETING_CALENDAR
from .routes import bp, fail


@bp.route("/instellingen", methods=["GET", "POST"])
@requires(MANAGE_MEETING_SETTINGS)
def settings():
    network = services.pick_network(request.values.get("netwerk", type=int))
    if network is None:
        return render_template("meetings/no_network.html")
    current = rotation.settings(network.id)
    chair_form = ChairForm(prefix="chair", data={"chair_mode": current.chair_mode if current else None})
    series_form = SeriesForm(prefix="series")
    series_form.kind.choices = list(choices.KINDS.items())
    series_form.cadence.choices = [("", _("The network's rhythm (frameworks)"))] + list(
        network_choices.CADENCES.items())
    which = request.form.get("formulier")
    if request.method == "POST":
        form = chair_form if which == "chair" else series_form
        if form.validate_on_submit():
            try:
                if which == "chair":
                    rotation.save_chair_mode(network.id, chair_form.chair_mode.data)
                else:
                    services.create_series(network, name=series_form.name.data, kind=series_form.kind.data,
                                           cadence=series_form.cadence.data or None)
            except services.MeetingError as exc:
                fail(form, exc)
            else:
                db.session.commit()
                flash(_("The settings have been saved."), "success")
                return redirect(url_for(".settings", netwerk=network.id))
    errors = chair_form.errors or series_form.errors
    return render_template("meetings/settings.html", network=network, networks=services.networks(),
                           chair_form=chair_form, series_form=series_form, series=services.series_of(network.id),
                           current=current, cadences=network_choices.CADENCES), (422 if errors else 200)


@bp.route("/locaties", methods=["GET", "POST"])
@requires(MANAGE_MEETINGS)
def places():
    network = services.pick_network(request.values.get("netwerk", type=int))
    form = PlaceForm()
    if form.validate_on_submit():
        try:
            rotation.add_place(name=form.name.data, kind=form.kind.data, address=form.address.data or "")
        except services.MeetingError as exc:
            fail(form, exc)
        else:
            db.session.commit()
            flash(_("The place has been added to the pool."), "success")
            return redirect(url_for(".places", netwerk=network.id if network else None))
    used = rotation.last_used(network.id) if network else {}
    return render_template("meetings/places.html", form=form, network=network, networks=services.networks(),
                           places=rotation.pool(active_only=False), used=used, button=ButtonForm()), \
        (422 if form.errors else 200)


@bp.post("/locaties/organisaties")
@requires(MANAGE_MEETINGS)
def refresh_places():
    network = services.pick_network(request.form.get("netwerk", type=int))
    if not ButtonForm().validate_on_submit() or network is None:
        abort(400)
    added = rotation.refresh_pool(network.id)
    db.session.commit()
    flash(ngettext("%(num)d member organisation added to the pool.", "%(num)d member organisations added to the pool.",
                   added), "success")
    return redirect(url_for(".places", netwerk=network.id))


@bp.post("/locaties/<int:location_id>/actief")
@requires(MANAGE_MEETINGS)
def toggle_place(location_id):
    try:
        location = rotation.get_location(location_id)
    except LookupError:
        abort(404)
    if not ButtonForm().validate_on_submit():
        abort(400)
    rotation.set_active(location, not location.active)
    db.session.commit()
    flash(_("The place is in the rotation again.") if location.active else
          _("The place is no longer proposed."), "success")
    return redirect(url_for(".places"))


@bp.route("/agenda-abonnement", methods=["GET", "POST"])
@requires(VIEW_MEETING_CALENDAR)
def feed():
    form = ButtonForm()
    if form.validate_on_submit():
        token = ical.new_feed(current_user.id, g.tenant.id)
        db.session.commit()
        # shown once, in this response only (never stored in plain text, never in a redirect or cookie)
        return render_template("meetings/feed.html", form=ButtonForm(), existing=ical.feed_of(current_user.id),
                               url=ical.feed_url(token))
    return render_template("meetings/feed.html", form=form, existing=ical.feed_of(current_user.id), url=None)


@bp.route("/agenda-abonnement/intrekken", methods=["GET", "POST"])
@requires(VIEW_MEETING_CALENDAR)
def revoke_feed():
    form = ButtonForm()
    if form.validate_on_submit():
        if ical.revoke_feed(current_user.id):
            db.session.commit()
            flash(_("The calendar link has been revoked; calendars using it no longer update."), "success")
        return redirect(url_for(".feed"))
    return render_template("meetings/confirm_revoke_feed.html", form=form, existing=ical.feed_of(current_user.id))
