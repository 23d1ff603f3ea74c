"""Network health pages under /g/<slug>/netwerkgezondheid: the health score with advice (aggregate),
engagement per key person (coordinators and linked officials), churn, thresholds, handover tasks."""
from __future__ import annotations

from datetime import date

from flask import Blueprint, abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _

from ...platform.extensions import db
from ...platform.policy import requires
from ..keypersons import choices as kp_choices
from ..keypersons import services as kp
from ..network import services as network_services
from . import churn, engagement, score, services
from .forms import ConfirmForm, ThresholdsForm
from .models import DEFAULTS
from .permissions import MANAGE_HEALTH, VIEW_ENGAGEMENT, VIEW_NETWORK_HEALTH

bp = Blueprint("health", __name__, url_prefix="/netwerkgezondheid", template_folder="templates")


@bp.context_processor
def _helpers():
    return {"VIEW_ENGAGEMENT": VIEW_ENGAGEMENT, "MANAGE_HEALTH": MANAGE_HEALTH, "exit_reasons": kp_choices.EXIT_REASONS}


def _network(restrict: bool):
    networks = kp.networks()
    return network_services.picked(services.visible_networks(networks) if restrict else networks)


def _network_page(template: str, restrict: bool, build):
    """A page about the picked network (`restrict`: only networks the user is linked to); `build(network)`
    gives the page's own context. Without a network: the page saying so."""
    network, networks, picker = _network(restrict)
    if network is None:
        return render_template("health/no_network.html", restricted=restrict)
    return render_template(template, network=network, networks=networks, picker=picker, **build(network))


@bp.get("/")
@requires(VIEW_NETWORK_HEALTH)
def index():
    return _network_page("health/index.html", False, lambda network: {
        "score": score.compute(network, g.tenant.id), "handovers": services.open_handovers(network.id)})


@bp.get("/betrokkenheid")
@requires(VIEW_ENGAGEMENT)
def engagement_view():
    def build(network):
        eng = engagement.compute(network.id)
        # a judgement about a named person is personal data: each one shown goes to that person's access log
        for person in {p.id for p in eng.quiet + eng.overloaded}:
            kp.log_access(person, "view")  # committed with the request (platform/uow.py)
        return {"eng": eng, "missing_labels": [_fact_labels()[f] for f in eng.missing]}

    return _network_page("health/engagement.html", True, build)


@bp.get("/verloop")
@requires(VIEW_ENGAGEMENT)
def churn_view():
    return _network_page("health/churn.html", True, lambda network: {
        "churn": churn.compute(network.id, date.today()), "dependency": engagement.compute(network.id).dependency()})


@bp.route("/drempels", methods=["GET", "POST"])
@requires(MANAGE_HEALTH)
def thresholds():
    form = ThresholdsForm(data=engagement.thresholds() if request.method == "GET" else None)
    if form.validate_on_submit():
        try:
            services.save_thresholds({k: getattr(form, k).data for k in DEFAULTS})
        except services.HealthError as exc:
            db.session.rollback()
            getattr(form, exc.field).errors = list(getattr(form, exc.field).errors) + [str(exc)]
        else:
            db.session.commit()
            flash(_("The thresholds have been saved."), "success")
            return redirect(url_for(".engagement_view"))
    return render_template("health/thresholds.html", form=form), (422 if form.errors else 200)


@bp.post("/overdracht/<int:task_id>")
@requires(MANAGE_HEALTH)
def complete_handover(task_id):
    try:
        task = services.get_handover(task_id)
    except LookupError:
        abort(404)
    if ConfirmForm().validate_on_submit():
        services.complete_handover(task)
        db.session.commit()
        flash(_("The handover has been marked as done."), "success")
    return redirect(url_for(".index", netwerk=task.network_id))


def _fact_labels():
    return {"last_contact_on": _("contacts"), "meetings_missed_in_row": _("attendance at meetings"),
            "open_actions": _("open actions"), "roles_this_quarter": _("roles such as chair and host"),
            "last_attended_on": _("last meeting attended")}

