"""Evaluation pages under /g/<slug>/evaluatie: evaluations per network, the schedule, reflection moments."""
from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from ...platform.extensions import db
from ...platform.policy import requires
from ..keypersons import services as kp
from . import choices, services
from .forms import NetworkPickForm, NewEvaluationForm, ReflectionForm, ScheduleForm, evaluation_form
from .permissions import MANAGE_EVALUATIONS, VIEW_EVALUATIONS

bp = Blueprint("evaluation", __name__, url_prefix="/evaluatie", template_folder="templates")


@bp.context_processor
def _helpers():
    return {"ec": choices, "label": choices.label, "MANAGE_EVALUATIONS": MANAGE_EVALUATIONS}


def _network():
    networks = kp.networks()
    picker = NetworkPickForm(request.args, networks=networks)
    requested = picker.netwerk.data if picker.validate() else None
    network = kp.pick_network(requested, networks)
    if network is not None:
        picker.netwerk.data = network.id  # the picker shows the network the page is about
    return network, networks, picker


def _set_error(form, field, message):
    target = getattr(form, field, None) if field else None
    if target is not None:
        target.errors = list(target.errors) + [message]
    else:
        form.form_errors.append(message)


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
    if form.validate_on_submit():
        try:
            evaluation = services.start_evaluation(network.id, period_start=form.period_start.data,
                                                   period_end=form.period_end.data)
        except services.EvaluationError as exc:
            db.session.rollback()
            _set_error(form, exc.field, str(exc))
        else:
            db.session.commit()
            return redirect(url_for(".edit", evaluation_id=evaluation.id))
    return render_template("evaluation/new.html", form=form, network=network), (422 if form.errors else 200)


@bp.route("/<int:evaluation_id>", methods=["GET", "POST"])
@requires(VIEW_EVALUATIONS)
def edit(evaluation_id):
    try:
        evaluation = services.get_evaluation(evaluation_id)
    except LookupError:
        abort(404)
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
        from ...platform.policy import can

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
                _set_error(form, field, message)
    return render_template("evaluation/edit.html", evaluation=evaluation, form=form, goals=goals, editable=editable), \
        (422 if form.errors else 200)


@bp.route("/planning", methods=["GET", "POST"])
@requires(MANAGE_EVALUATIONS)
def schedule():
    network, _networks, _picker = _network()
    if network is None:
        return render_template("evaluation/no_network.html")
    form = ScheduleForm(obj=services.schedule(network.id))
    if form.validate_on_submit():
        try:
            services.save_schedule(network.id, interval_months=form.interval_months.data,
                                   reflection_every=form.reflection_every.data,
                                   reflect_with_network=form.reflect_with_network.data)
        except services.EvaluationError as exc:
            db.session.rollback()
            _set_error(form, exc.field, str(exc))
        else:
            db.session.commit()
            flash(_("The schedule has been saved."), "success")
            return redirect(url_for(".index", netwerk=network.id))
    return render_template("evaluation/schedule.html", form=form, network=network), (422 if form.errors else 200)


@bp.route("/reflectie", methods=["GET", "POST"])
@requires(MANAGE_EVALUATIONS)
def reflection():
    network, _networks, _picker = _network()
    if network is None:
        return render_template("evaluation/no_network.html")
    form = ReflectionForm()
    if form.validate_on_submit():
        row = services.current_reflection(network.id)
        try:
            services.answer_reflection(row, coordinator_answer=form.coordinator_answer.data,
                                       network_answer=form.network_answer.data)
        except services.EvaluationError as exc:
            db.session.rollback()
            _set_error(form, exc.field, str(exc))
        else:
            db.session.commit()
            flash(_("The reflection has been saved."), "success")
            return redirect(url_for(".index", netwerk=network.id))
    return render_template("evaluation/reflection.html", form=form, network=network,
                           due=services.reflection_due(network.id), schedule=services.schedule(network.id)), \
        (422 if form.errors else 200)
