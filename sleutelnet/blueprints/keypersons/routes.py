"""The key-person register: list, board, counts, detail, create/edit, pipeline moves, access log.

Mounted at /g/<slug>/sleutelpersonen/. Officials work with the register but never receive
special-category data (the form class, the query and the template all leave it out).
"""
from __future__ import annotations

from functools import wraps

from flask import Blueprint, abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _

from ...platform.forms import show_error
from ...platform.i18n import fmt_date
from ...platform.kernel import submit
from ...platform.policy import can, requires
from ...tenants.pages import cached_page
from . import access, choices, pipeline, queries, reference, services
from .access import access_person
from .forms import (ConfirmForm, ExitForm, FilterForm, IntakeForm, NetworkPickForm, TransitionForm,
                    person_form_class)
from . import permissions as perms

bp = Blueprint("keypersons", __name__, url_prefix="/sleutelpersonen", template_folder="templates")


@bp.context_processor
def _labels():
    return template_helpers()


def template_helpers() -> dict:
    return {"kp": choices, "label": choices.label, "fmt_date": fmt_date}


def _special() -> bool:
    return can(perms.VIEW_SPECIAL_CATEGORY)


def writable(view):
    """Refuse a change route of a person another area has locked (an erased person is read-only): back to
    the person's page with the reason, for GET and POST alike."""
    @wraps(view)
    def guarded(person_id, **kwargs):
        reason = services.read_only_reason(person_id)
        if reason is not None:
            flash(str(reason), "error")
            return redirect(url_for(".detail", person_id=person_id))
        return view(person_id, **kwargs)

    return guarded


def _no_network():
    return render_template("keypersons/no_network.html")


_invalid = show_error  # a service-rule error next to its field (or in the summary)


# --------------------------------------------------------------------------------------------------
# overviews
# --------------------------------------------------------------------------------------------------

@bp.get("/")
@requires(perms.VIEW_KEYPERSONS)
@cached_page
def index():
    networks = services.networks()
    if not networks:
        return _no_network()
    form = FilterForm(request.args, networks=[(n.id, n.name) for n in networks],
                      neighbourhoods=reference.neighbourhood_choices(), organisations=reference.organisation_choices())
    form.validate()
    network = services.pick_network(form.clean("netwerk"), networks)
    form.netwerk.data = network.id
    filters = queries.ListFilters(
        network_id=network.id, status=form.clean("status"), role=form.clean("rol"),
        neighbourhood_id=form.clean("wijk"), organisation_id=form.clean("organisatie"), channel=form.clean("kanaal"),
        q=(form.zoek.data or "").strip() or None, sort=form.clean("sorteer") or "name")
    page = queries.list_persons(filters, request.args.get("page", 1, type=int))
    return render_template("keypersons/index.html", form=form, page=page, filters=filters, network=network,
                           networks=networks)


@bp.get("/bord")
@requires(perms.VIEW_KEYPERSONS)
@cached_page
def board():
    networks = services.networks()
    if not networks:
        return _no_network()
    form = NetworkPickForm(request.args, networks=[(n.id, n.name) for n in networks])
    form.validate()
    network = services.pick_network(form.network_id(), networks)
    form.netwerk.data = network.id
    return render_template("keypersons/board.html", columns=queries.board(network.id), network=network,
                           networks=networks, form=form)


@bp.get("/aantallen")
@requires(perms.VIEW_KEYPERSON_COUNTS)
def counts():
    networks = services.networks()
    form = NetworkPickForm(request.args, networks=[(n.id, n.name) for n in networks])
    form.validate()
    network = services.pick_network(form.network_id(), networks)
    if network is not None:
        form.netwerk.data = network.id
    counts = queries.status_counts(network.id) if network else None
    return render_template("keypersons/counts.html", counts=counts, network=network, networks=networks, form=form)


# --------------------------------------------------------------------------------------------------
# one person
# --------------------------------------------------------------------------------------------------

def _form_options(exclude_person_id=None) -> dict:
    return {
        "networks": [(n.id, n.name) for n in services.networks()],
        "neighbourhoods": reference.neighbourhood_choices(),
        "organisations": reference.organisation_choices(),
        "team": services.team_choices(g.tenant.id),
        "persons": services.person_choices(exclude_person_id),
    }


@bp.route("/nieuw", methods=["GET", "POST"])
@requires(perms.EDIT_KEYPERSONS)
def create():
    options = _form_options()
    if not options["networks"]:
        return _no_network()
    special = _special()
    form = person_form_class(new=True, special=special)(**options)
    if request.method == "GET":
        form.network_id.data = services.pick_network(request.args.get("netwerk", type=int)).id
    if form.validate_on_submit():
        try:
            person = services.create_person(
                form.person_data(), roles=form.roles.data, organisation_ids=form.organisation_ids.data,
                status=form.status.data, special=form.special_data() if special else None)
        except services.KeyPersonError as exc:
            _invalid(form, exc)
        else:
            flash(_("%(name)s has been added.", name=person.name), "success")
            return redirect(url_for(".detail", person_id=person.id))
    return render_template("keypersons/form.html", form=form, person=None, special=special), \
        (422 if form.errors else 200)


@bp.get("/<int:person_id>")
@requires(perms.VIEW_KEYPERSONS)
@cached_page(on_serve=lambda person_id: services.log_access(person_id, access.VIEW.log))
def detail(person_id):
    special = _special()
    person = access_person(person_id, access.VIEW, full=True, visible_only=True)
    successors_open = any(s.lead_id is None for e in person.exits for s in e.successors)
    return render_template("keypersons/detail.html", person=person, special=special,
                           targets=pipeline.allowed_targets(person.status, include_exit=False),
                           can_exit=pipeline.can_exit(person.status), confirm_form=ConfirmForm(),
                           successors_open=successors_open, read_only=services.read_only_reason(person.id))


@bp.route("/<int:person_id>/bewerken", methods=["GET", "POST"])
@requires(perms.EDIT_KEYPERSONS)
@writable
def edit(person_id):
    special = _special()
    person = access_person(person_id, access.EDIT_FORM if request.method == "GET" else access.EDIT,
                           with_special=special)
    form = person_form_class(new=False, special=special)(**_form_options(person.id))
    if request.method == "GET":
        form.load(person)
        if special:
            form.load_special(person)
    if form.validate_on_submit():
        try:
            services.update_person(person, form.person_data(), roles=form.roles.data,
                                   organisation_ids=form.organisation_ids.data,
                                   special=form.special_data() if special else None)
        except services.KeyPersonError as exc:
            _invalid(form, exc)
        else:
            flash(_("The changes have been saved."), "success")
            return redirect(url_for(".detail", person_id=person.id))
    return render_template("keypersons/form.html", form=form, person=person, special=special), \
        (422 if form.errors else 200)


@bp.route("/<int:person_id>/status", methods=["GET", "POST"])
@requires(perms.EDIT_KEYPERSONS)
@writable
def transition(person_id):
    person = access_person(person_id, access.EDIT)
    targets = pipeline.allowed_targets(person.status, include_exit=False)
    form = TransitionForm(targets=targets)
    if form.validate_on_submit():
        try:
            pipeline.transition(person, form.to_status.data, on=form.changed_on.data, reason=form.reason.data)
        except services.KeyPersonError as exc:
            _invalid(form, exc)
        else:
            flash(_("The status is now \"%(status)s\".", status=choices.label(choices.STATUSES, person.status)),
                  "success")
            return redirect(url_for(".detail", person_id=person.id))
    return render_template("keypersons/transition.html", form=form, person=person, targets=targets,
                           can_exit=pipeline.can_exit(person.status)), (422 if form.errors else 200)


@bp.route("/<int:person_id>/kennismaking", methods=["GET", "POST"])
@requires(perms.EDIT_KEYPERSONS)
@writable
def intake(person_id):
    person = access_person(person_id, access.EDIT)
    if person.status == "exited":
        flash(_("This person has left the network. Record their return first."), "error")
        return redirect(url_for(".detail", person_id=person.id))
    form = IntakeForm(team=services.team_choices(g.tenant.id))
    if request.method == "GET":
        form.held_by_id.data = g.membership.user_id
    return submit(form, lambda: pipeline.record_intake(
        person, held_on=form.held_on.data, held_by_id=form.held_by_id.data,
        motivation_assessment=form.motivation_assessment.data or None,
        expectations_discussed=form.expectations_discussed.data, notes=form.notes.data),
        message=_("The intake conversation has been recorded."),
        done=url_for(".detail", person_id=person.id)) or (
        render_template("keypersons/intake.html", form=form, person=person), 422 if form.errors else 200)


@bp.route("/<int:person_id>/uitstroom", methods=["GET", "POST"])
@requires(perms.EDIT_KEYPERSONS)
@writable
def exit(person_id):  # noqa: A001 - the page is about leaving the network
    person = access_person(person_id, access.EDIT)
    if not pipeline.can_exit(person.status):
        flash(_("This person cannot leave the network from their current status."), "error")
        return redirect(url_for(".detail", person_id=person.id))
    form = ExitForm()
    if form.validate_on_submit():
        try:
            record = pipeline.record_exit(
                person, exited_on=form.exited_on.data, reason=form.reason.data, reason_other=form.reason_other.data,
                interview_held=form.interview_held.data, interview_on=form.interview_on.data,
                interview_notes=form.interview_notes.data, successors=form.successor_pairs(),
                create_leads=form.create_leads.data)
        except services.KeyPersonError as exc:
            _invalid(form, exc)
        else:
            flash(_("Leaving has been recorded."), "success")
            if form.create_leads.data and record.successors:
                flash(_("The suggested successors have been added as candidates."), "success")
            return redirect(url_for(".detail", person_id=person.id))
    return render_template("keypersons/exit.html", form=form, person=person), (422 if form.errors else 200)


@bp.post("/<int:person_id>/opvolgers/<int:successor_id>/toevoegen")
@requires(perms.EDIT_KEYPERSONS)
@writable
def add_successor(person_id, successor_id):
    person = access_person(person_id, access.EDIT, full=True)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    if successor_id not in {s.id for e in person.exits for s in e.successors}:
        abort(404)
    try:
        lead = pipeline.create_lead_from_successor(successor_id)
    except LookupError:
        abort(404)
    except services.KeyPersonError as exc:
        flash(str(exc), "error")
        return redirect(url_for(".detail", person_id=person_id))
    flash(_("%(name)s has been added as a candidate.", name=lead.name), "success")
    return redirect(url_for(".detail", person_id=lead.id))


@bp.get("/<int:person_id>/inzage")
@requires(perms.VIEW_KEYPERSON_ACCESS_LOG)
def access_log(person_id):
    person = access_person(person_id, access.ACCESS_LOG)
    page = queries.access_entries(person.id, request.args.get("page", 1, type=int))
    return render_template("keypersons/access.html", person=person, page=page)
