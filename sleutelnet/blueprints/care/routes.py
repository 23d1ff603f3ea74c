"""Care pages under /g/<slug>/netwerkzorg: appreciation, trainings, buddy/mentor pairs; plus the public
one-click check-in link for key persons (/gesprek/<token>). Thin: parse, call a service, render."""
from __future__ import annotations

from flask import Blueprint, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _, ngettext

from ...platform.extensions import db
from ...platform.kernel import act_and_flash, get_or_404, post_then_act, submit
from ...platform.policy import requires
from ...platform.tenancy import tenant_context
from ...tenants.models import Tenant
from ..network import services as network_services
from . import choices, links, services
from .forms import AppreciationForm, ConfirmForm, EndPairForm, EnrolmentMoveForm, InviteForm, PairForm, TrainingForm
from .models import Enrolment, Pair, Training
from .models import PairCheckIn
from .permissions import MANAGE_CARE, VIEW_CARE

bp = Blueprint("care", __name__, url_prefix="/netwerkzorg", template_folder="templates")
public_bp = Blueprint("care_public", __name__, template_folder="templates")
PER_PAGE = 25


@bp.context_processor
def _helpers():
    return {"cc": choices, "label": choices.label, "MANAGE_CARE": MANAGE_CARE}


_network = network_services.picked


def _page():
    return request.args.get("page", 1, type=int)


# -- appreciation ---------------------------------------------------------------------------------

@bp.get("/waardering")
@requires(VIEW_CARE)
def appreciation():
    return _network_list("care/appreciation.html", services.appreciations,
                         lambda page: {"names": services.person_names(a.person_id for a in page.items)})


def _network_list(template: str, rows, extra=lambda page: {}):
    """A paged list of one network (chosen with the picker): `rows(network_id)` is its select."""
    network, networks, picker = _network()
    if network is None:
        return render_template("care/no_network.html")
    page = db.paginate(rows(network.id), page=_page(), per_page=PER_PAGE, error_out=False)
    return render_template(template, network=network, networks=networks, picker=picker, page=page, **extra(page))


@bp.get("/waardering/zonder")
@requires(VIEW_CARE)
def without_appreciation():
    return _network_list("care/without.html", services.without_appreciation)


@bp.route("/waardering/nieuw", methods=["GET", "POST"])
@requires(MANAGE_CARE)
def new_appreciation():
    def form_for(persons):
        form = AppreciationForm(persons=persons)
        if request.method == "GET" and request.args.get("persoon", type=int):
            form.person_id.data = request.args.get("persoon", type=int)
        return form

    return _network_form(form_for, "care/appreciation_form.html", lambda network, form: services.record_appreciation(
        network.id, person_id=form.person_id.data, kind=form.kind.data, given_on=form.given_on.data,
        given_by=form.given_by.data, note=form.note.data),
        message=_("The appreciation has been recorded."),
        done=lambda network, _appreciation: url_for(".appreciation", netwerk=network.id))


def _network_form(form_for, template: str, act, *, message: str, done):
    """A form page that adds to the picked network: `form_for(persons)` makes the form (with the network's
    active key persons to choose from), `act(network, form)` saves it, `done(network, saved)` is where to go
    next. Without a network: the page saying so."""
    network = _network()[0]
    if network is None:
        return render_template("care/no_network.html")
    form = form_for(services.active_person_choices(network.id))
    return submit(form, lambda: act(network, form), message=message, done=lambda saved: done(network, saved)) or \
        (render_template(template, form=form, network=network), (422 if form.errors else 200))


# -- trainings ------------------------------------------------------------------------------------

@bp.get("/trainingen")
@requires(VIEW_CARE)
def trainings():
    page = db.paginate(services.trainings(), page=_page(), per_page=PER_PAGE, error_out=False)
    return render_template("care/trainings.html", page=page)


@bp.route("/trainingen/nieuw", methods=["GET", "POST"])
@requires(MANAGE_CARE)
def new_training():
    return _training_form(None)


@bp.route("/trainingen/<int:training_id>/bewerken", methods=["GET", "POST"])
@requires(MANAGE_CARE)
def edit_training(training_id):
    return _training_form(get_or_404(Training, training_id))


def _training_form(training):
    form = TrainingForm(obj=training)
    return submit(form, lambda: services.save_training(
        training, title=form.title.data, provider=form.provider.data, validity_months=form.validity_months.data,
        description=form.description.data),
        message=_("The training has been saved."), done=lambda saved: url_for(".training", training_id=saved.id)) or \
        (render_template("care/training_form.html", form=form, training=training), (422 if form.errors else 200))


@bp.get("/trainingen/<int:training_id>")
@requires(VIEW_CARE)
def training(training_id):
    training = get_or_404(Training, training_id)
    rows = services.enrolments(training.id)
    enrolled = {e.person_id for e, _n in rows}
    persons = [p for p in services.active_person_choices(None) if p[0] not in enrolled]
    return render_template("care/training.html", training=training, rows=rows, invite_form=InviteForm(persons=persons))


@bp.post("/trainingen/<int:training_id>/uitnodigen")
@requires(MANAGE_CARE)
def invite(training_id):
    training = get_or_404(Training, training_id)
    form = InviteForm(persons=services.active_person_choices(None))
    if form.validate_on_submit():
        count = services.invite(training, form.person_ids.data)
        db.session.commit()
        flash(ngettext("%(num)d key person invited.", "%(num)d key persons invited.", count), "success")
    else:
        flash(_("Choose at least one key person."), "error")
    return redirect(url_for(".training", training_id=training.id))


@bp.post("/trainingen/<int:training_id>/inschrijvingen/<int:enrolment_id>")
@requires(MANAGE_CARE)
def move_enrolment(training_id, enrolment_id):
    training = get_or_404(Training, training_id)
    enrolment = get_or_404(Enrolment, enrolment_id, training_id=training.id)
    form = EnrolmentMoveForm()
    if form.validate_on_submit():
        act_and_flash(lambda: services.move_enrolment(enrolment, form.status.data, form.attended_on.data),
                      _("The enrolment has been updated."))
    else:
        flash(" ".join(e for errors in form.errors.values() for e in errors), "error")
    return redirect(url_for(".training", training_id=training.id))


# -- buddies and mentors --------------------------------------------------------------------------

@bp.get("/buddys")
@requires(VIEW_CARE)
def pairs():
    return _network_list("care/pairs.html", services.pairs, lambda page: {
        "names": services.person_names([p.mentee_id for p in page.items] + [p.buddy_id for p in page.items]),
        "last_contact": services.last_contact})


@bp.route("/buddys/nieuw", methods=["GET", "POST"])
@requires(MANAGE_CARE)
def new_pair():
    return _network_form(lambda persons: PairForm(persons=persons), "care/pair_form.html",
                         lambda network, form: services.propose_pair(
                             network.id, kind=form.kind.data, mentee_id=form.mentee_id.data,
                             buddy_id=form.buddy_id.data, professional_name=form.professional_name.data,
                             goal=form.goal.data, starts_on=form.starts_on.data,
                             planned_end_on=form.planned_end_on.data),
                         message=_("The pair has been proposed. Activate it once both have agreed."),
                         done=lambda _network, pair: url_for(".pair", pair_id=pair.id))


@bp.get("/buddys/<int:pair_id>")
@requires(VIEW_CARE)
def pair(pair_id):
    pair = get_or_404(Pair, pair_id)
    services.record_pair_view(pair)
    db.session.commit()
    names = services.person_names([pair.mentee_id, pair.buddy_id])
    return render_template("care/pair.html", pair=pair, names=names, form=ConfirmForm(),
                           last_contact=services.last_contact(pair))


@bp.post("/buddys/<int:pair_id>/activeren")
@requires(MANAGE_CARE)
def activate_pair(pair_id):
    pair = get_or_404(Pair, pair_id)
    return post_then_act(lambda: services.activate_pair(pair), done=url_for(".pair", pair_id=pair_id),
                         message=_("The pair is active. Check-ins are planned after two weeks and three months."))


@bp.post("/buddys/<int:pair_id>/gesproken")
@requires(MANAGE_CARE)
def record_contact(pair_id):
    pair = get_or_404(Pair, pair_id)
    return post_then_act(lambda: services.record_contact(pair, via="user"), done=url_for(".pair", pair_id=pair_id),
                         message=_("The conversation has been recorded."))


@bp.route("/buddys/<int:pair_id>/beeindigen", methods=["GET", "POST"])
@requires(MANAGE_CARE)
def end_pair(pair_id):
    pair = get_or_404(Pair, pair_id)
    form = EndPairForm()
    response = submit(form, lambda: services.end_pair(pair, form.reason.data), message=_("The pair has ended."),
                      done=url_for(".pair", pair_id=pair.id))
    if response is not None:
        return response
    names = services.person_names([pair.mentee_id, pair.buddy_id])
    return render_template("care/end_pair.html", form=form, pair=pair, names=names), (422 if form.errors else 200)


# -- the public one-click check-in ------------------------------------------------------------------

@public_bp.route("/gesprek/<token>", methods=["GET", "POST"])
def checkin(token):
    """A key person confirms "we spoke". GET shows one button (mail scanners follow links, so a GET never
    records anything); POST records it once. No names or goals are shown: the link may be forwarded."""
    data = links.read_token(token)
    if data is None:
        return render_template("care/checkin.html", state="invalid"), 404
    tenant = db.session.scalar(db.select(Tenant).filter_by(id=data["t"], active=True))
    if tenant is None:
        return render_template("care/checkin.html", state="invalid"), 404
    form = ConfirmForm()
    with tenant_context(tenant.id):
        checkin = db.session.scalar(db.select(PairCheckIn).filter_by(id=data["c"]))
        if checkin is None:
            return render_template("care/checkin.html", state="invalid"), 404
        pair = services.get_pair(checkin.pair_id)
        if checkin.spoke_on is not None:
            state = "done"
        elif pair.status != "active":
            state = "closed"
        elif request.method == "POST" and form.validate_on_submit():
            services.record_contact(pair, via="link", code=checkin.code)
            db.session.commit()
            state = "recorded"
        else:
            state = "ask"
        g.public_tenant_name = tenant.name
        return render_template("care/checkin.html", state=state, form=form, tenant=tenant,
                               when=choices.CHECKINS[checkin.code][1])
