"""Evaluation pages under /g/<slug>/evaluatie: evaluations per network, the schedule, reflection moments."""
from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from ...platform.extensions import db
from ...platform.forms import show_error
from ...platform.kernel import ServiceError, get_or_404, submit
from ...platform.policy import can, requires
from ..network import services as network_services
from . import choices, services
from .forms import NewEvaluationForm, ReflectionForm, ScheduleForm, evaluation_form
from .models import Evaluation
from .permissions import MANAGE_EVALUATIONS, VIEW_EVALUATIONS

bp = Blueprint("evaluation", __name__, url_prefix="/evaluatie", template_folder="templates")


@bp.context_processor
def _helpers():
    return {"ec": choices, "label": choices.label, "MANAGE_EVALUATIONS": MANAGE_EVALUATIONS}


_network = network_services.picked


@bp.get("/")
@requires(VIEW_EVALUATIONS)
def index():
    network, networks, picker = _network()
    if network is None:
        return render_template("evaluation/no_network.html")
    page = db.paginate(services.evaluations(network.id), page=request.args.get("page", 1, type=int), per_page=20,
                       error_out=False)
    return render_template("evaluation/index.html", network=network, networks=networks, picker=picker, page=page,
                           due=services.next_due(network.id), schedule=services.schedule(network.id),
                           reflection_due=services.reflection_due(network.id),
                           reflections=services.reflections(network.id), goals=services.goals_of(network.id))


@bp.route("/nieuw", methods=["GET", "POST"])
@requires(MANAGE_EVALUATIONS)
def new():
    network, _networks, _picker = _network()
    if network is None:
        return render_template("evaluation/no_network.html")
    form = NewEvaluationForm()
    return submit(form, lambda: services.start_evaluation(network.id, period_start=form.period_start.data,
                                                              period_end=form.period_end.data),
                      message=None, done=lambda evaluation: url_for(".edit", evaluation_id=evaluation.id)) or \
        (render_template("evaluation/new.html", form=form, network=network), (422 if form.errors else 200))


@bp.route("/<int:evaluation_id>", methods=["GET", "POST"])
@requires(VIEW_EVALUATIONS)
def edit(evaluation_id):
    evaluation = get_or_404(Evaluation, evaluation_id)
    labels = dict(services.goals_of(evaluation.network_id))
    goals = [(row.goal, labels.get(row.goal, row.goal)) for row in evaluation.goals]
    form = evaluation_form(goals, obj=evaluation)
    if request.method == "GET":
        for row in evaluation.goals:
            form[f"assessment_{row.goal}"].data = row.assessment or ""
            form[f"evidence_{row.goal}"].data = row.evidence
            form[f"change_{row.goal}"].data = row.change
    editable = evaluation.status == "draft"
    if request.method == "POST":
        if not can(MANAGE_EVALUATIONS):
            abort(403)
        if form.validate_on_submit() and editable:
            answers = {code: {"assessment": form[f"assessment_{code}"].data, "evidence": form[f"evidence_{code}"].data,
                              "change": form[f"change_{code}"].data} for code, _l in goals}
            errors = services.save_evaluation(evaluation, goals=answers, experts=form.experts.data,
                                              share_decision=form.share_decision.data, summary=form.summary.data,
                                              complete=form.complete.data)
            if not errors:
                db.session.commit()
                flash(_("The evaluation has been completed.") if form.complete.data else
                      _("The evaluation has been saved."), "success")
                return redirect(url_for(".edit", evaluation_id=evaluation.id))
            db.session.rollback()
            for field, message in errors:
                show_error(form, ServiceError(message, field))
    return render_template("evaluation/edit.html", evaluation=evaluation, form=form, goals=goals, editable=editable), \
        (422 if form.errors else 200)


@bp.route("/planning", methods=["GET", "POST"])
@requires(MANAGE_EVALUATIONS)
def schedule():
    network, _networks, _picker = _network()
    if network is None:
        return render_template("evaluation/no_network.html")
    form = ScheduleForm(obj=services.schedule(network.id))
    return submit(form, lambda: services.save_schedule(
        network.id, interval_months=form.interval_months.data, reflection_every=form.reflection_every.data,
        reflect_with_network=form.reflect_with_network.data),
        message=_("The schedule has been saved."), done=url_for(".index", netwerk=network.id)) or \
        (render_template("evaluation/schedule.html", form=form, network=network), (422 if form.errors else 200))


@bp.route("/reflectie", methods=["GET", "POST"])
@requires(MANAGE_EVALUATIONS)
def reflection():
    network, _networks, _picker = _network()
    if network is None:
        return render_template("evaluation/no_network.html")
    form = ReflectionForm()
    return submit(form, lambda: services.answer_reflection(
        services.current_reflection(network.id), coordinator_answer=form.coordinator_answer.data,
        network_answer=form.network_answer.data),
        message=_("The reflection has been saved."), done=url_for(".index", netwerk=network.id)) or \
        (render_template("evaluation/reflection.html", form=form, network=network,
                            due=services.reflection_due(network.id), schedule=services.schedule(network.id)), \
         (422 if form.errors else 200)
 )