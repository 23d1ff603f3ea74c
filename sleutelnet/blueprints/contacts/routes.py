"""Contact pages under /g/<slug>/contactmomenten (thin: parse, call a service, render, commit once)."""
from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ...platform.extensions import db
from ...platform.i18n import fmt_date
from ...platform.policy import can, requires
from ...tenants.pages import cached_page
from ..keypersons import services as kp_services
from ..keypersons.access import Purpose, access_person
from ..keypersons.models import KeyPerson
from . import choices, queries, services
from .forms import ContactForm, FilterForm
from .permissions import LOG_CONTACTS, MANAGE_CONTACTS, VIEW_CONTACT_COUNTS, VIEW_CONTACTS

TIMELINE = Purpose(VIEW_CONTACTS, "view")  # a person's contact timeline (keypersons/access.py)

bp = Blueprint("contacts", __name__, url_prefix="/contactmomenten", template_folder="templates")


@bp.context_processor
def _helpers():
    return {"channel_label": choices.channel_label, "topic_label": choices.topic_label,
            "fmt_date": fmt_date, "LOG_CONTACTS": LOG_CONTACTS,
            "MANAGE_CONTACTS": MANAGE_CONTACTS, "VIEW_CONTACTS": VIEW_CONTACTS}


def _page() -> int:
    return request.args.get("page", 1, type=int) or 1


def _contact_or_404(contact_id: int):
    try:
        return services.get_contact(contact_id)
    except LookupError:
        abort(404)


def _changeable_or_403(contact):
    if not services.may_change(contact, current_user.id, can(MANAGE_CONTACTS)):
        abort(403)


def _recorders():
    from ...platform.auth.models import User
    from ...platform.tenancy import current_tenant_id
    from ...tenants.models import Membership

    return db.session.scalars(db.select(User).join(Membership, Membership.user_id == User.id)
                              .where(Membership.tenant_id == current_tenant_id(),
                                     Membership.role.in_(("coordinator", "official")))
                              .order_by(User.name)).all()


@bp.get("/")
@requires(VIEW_CONTACTS)
@cached_page
def index():
    networks = kp_services.networks()
    form = FilterForm(request.args, networks=networks, recorders=_recorders())
    form.validate()
    network = kp_services.pick_network(form.netwerk.data if not form.netwerk.errors else None, networks)
    form.netwerk.data = network.id if network else None
    filters = queries.Filters(
        network_id=network.id if network else -1,
        channel=None if form.kanaal.errors else form.kanaal.data,
        topic=None if form.onderwerp.errors else form.onderwerp.data,
        recorded_by_id=None if form.door.errors else form.door.data,
        date_from=None if form.van.errors else form.van.data, date_to=None if form.tot.errors else form.tot.data,
        follow_up=None if form.opvolging.errors else form.opvolging.data)
    pagination = queries.list_contacts(filters, _page())
    persons = services.persons_by_id(pid for c in pagination.items for pid in c.person_ids)
    args = {k: v for k, v in request.args.items() if k != "page" and v}
    return render_template("contacts/index.html", form=form, networks=networks, network=network,
                           pagination=pagination, persons=persons, args=args,
                           filtered=any(k != "netwerk" for k in args))


def _form_persons(network_id: int | None):
    stmt = db.select(KeyPerson).where(KeyPerson.status.not_in(("exited",))).order_by(KeyPerson.sort_name, KeyPerson.id)
    if network_id:
        stmt = stmt.where(KeyPerson.network_id == network_id)
    return db.session.scalars(stmt).all()


def _form_errors(form, exc):
    field = getattr(form, exc.field, None) if exc.field else None
    if field is not None:
        field.errors = list(field.errors) + [str(exc)]
    else:
        form.form_errors.append(str(exc))


@bp.route("/nieuw", methods=["GET", "POST"])
@requires(LOG_CONTACTS)
def new():
    networks = kp_services.networks()
    person = None
    if request.args.get("persoon", type=int):
        person = db.session.scalar(db.select(KeyPerson).filter_by(id=request.args.get("persoon", type=int)))
        if person is None:
            abort(404)
    network = kp_services.pick_network(person.network_id if person else request.args.get("netwerk", type=int),
                                       networks)
    if network is None:
        flash(_("Create a network first; contacts are recorded per network."), "warning")
        return redirect(url_for(".index"))
    persons = _form_persons(network.id)
    form = ContactForm(persons=persons)
    if request.method == "GET" and person is not None:
        form.person_ids.data = [person.id]
    if form.validate_on_submit():
        try:
            contact = services.record_contact(form.data_dict(), form.person_ids.data)
        except services.ContactError as exc:
            _form_errors(form, exc)
        else:
            db.session.commit()
            flash(_("The contact has been recorded."), "success")
            if person is not None:
                return redirect(url_for(".person", person_id=person.id))
            return redirect(url_for(".show", contact_id=contact.id))
    picker = FilterForm(request.args, networks=networks, recorders=())
    picker.netwerk.data = network.id
    return render_template("contacts/form.html", form=form, network=network, networks=networks, picker=picker,
                           person=person, contact=None), (422 if form.errors else 200)


@bp.get("/<int:contact_id>")
@requires(VIEW_CONTACTS)
def show(contact_id):
    contact = _contact_or_404(contact_id)
    services.record_read(contact)
    db.session.commit()
    persons = services.persons_by_id(contact.person_ids)
    return render_template("contacts/show.html", contact=contact, persons=persons,
                           may_change=services.may_change(contact, current_user.id, can(MANAGE_CONTACTS))
                           and can(LOG_CONTACTS))


@bp.route("/<int:contact_id>/bewerken", methods=["GET", "POST"])
@requires(LOG_CONTACTS)
def edit(contact_id):
    contact = _contact_or_404(contact_id)
    _changeable_or_403(contact)
    persons = _form_persons(contact.network_id)
    # people who left since stay choosable on their own contact
    known = {p.id for p in persons}
    persons += [p for p in services.persons_by_id(contact.person_ids).values() if p.id not in known]
    form = ContactForm(persons=persons)
    if request.method == "GET":
        form.load(contact)
        services.record_read(contact)
        db.session.commit()
    if form.validate_on_submit():
        try:
            services.update_contact(contact, form.data_dict(), form.person_ids.data)
        except services.ContactError as exc:
            _form_errors(form, exc)
        else:
            db.session.commit()
            flash(_("The contact has been changed."), "success")
            return redirect(url_for(".show", contact_id=contact.id))
    return render_template("contacts/form.html", form=form, network=None, networks=[], picker=None, person=None,
                           contact=contact), (422 if form.errors else 200)


@bp.post("/<int:contact_id>/opvolging")
@requires(LOG_CONTACTS)
def follow_up(contact_id):
    contact = _contact_or_404(contact_id)
    _changeable_or_403(contact)
    done = request.form.get("done") == "1"
    try:
        services.complete_follow_up(contact, done)
    except services.ContactError as exc:
        flash(str(exc), "error")
        return redirect(url_for(".show", contact_id=contact.id))
    db.session.commit()
    flash(_("The follow-up action is marked as done.") if done else _("The follow-up action is open again."),
          "success")
    return redirect(url_for(".show", contact_id=contact.id))


@bp.get("/<int:contact_id>/verwijderen")
@requires(MANAGE_CONTACTS)
def confirm_delete(contact_id):
    contact = _contact_or_404(contact_id)
    return render_template("contacts/delete.html", contact=contact)


@bp.post("/<int:contact_id>/verwijderen")
@requires(MANAGE_CONTACTS)
def delete(contact_id):
    contact = _contact_or_404(contact_id)
    services.delete_contact(contact)
    db.session.commit()
    flash(_("The contact has been deleted."), "success")
    return redirect(url_for(".index"))


@bp.get("/sleutelpersoon/<int:person_id>")
@requires(VIEW_CONTACTS)
def person(person_id):
    person = access_person(person_id, TIMELINE)  # reading the timeline is reading personal data: logged
    pagination = queries.timeline(person.id, _page())
    others = services.persons_by_id(pid for c in pagination.items for pid in c.person_ids)
    last = queries.last_contacts([person.id]).get(person.id, {}).get("last_contact_on")
    return render_template("contacts/person.html", person=person, pagination=pagination, persons=others,
                           last_contact_on=last)


@bp.get("/aantallen")
@requires(VIEW_CONTACT_COUNTS)
def counts():
    networks = kp_services.networks()
    form = FilterForm(request.args, networks=networks, recorders=())
    form.validate()
    network = kp_services.pick_network(form.netwerk.data if not form.netwerk.errors else None, networks)
    form.netwerk.data = network.id if network else None
    months = queries.counts_per_month(network.id if network else -1)
    return render_template("contacts/counts.html", form=form, networks=networks, network=network, months=months,
                           channels=choices.CHANNELS)
