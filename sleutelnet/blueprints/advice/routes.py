"""Municipality side of the advice inbox, under /g/<slug>/advies/ (coordinators and officials).

Requests live in platform tables; every lookup here filters explicitly by the current tenant
(`services.own_request`), so another municipality's request answers 404 like any tenant object.
"""
from __future__ import annotations

from flask import Blueprint, abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ...platform.extensions import db
from ...platform.policy import requires
from ..network import services as net_services
from . import choices, context, services, sla
from .forms import ConfirmForm, MessageForm, RequestForm
from .permissions import ASK_ESS_ADVICE

bp = Blueprint("advice", __name__, url_prefix="/advies", template_folder="templates")


@bp.context_processor
def _helpers():
    return {"ac": choices, "sla": sla, "ASK_ESS_ADVICE": ASK_ESS_ADVICE}


def _own(request_id: int):
    try:
        return services.own_request(g.tenant.id, request_id)
    except LookupError:
        abort(404)


@bp.get("/")
@requires(ASK_ESS_ADVICE)
def index():
    page = services.own_requests(g.tenant.id, request.args.get("page", 1, type=int))
    unread = {r.id for r in services.unread_answers(g.tenant.id)}
    return render_template("advice/index.html", page=page, unread=unread)


def _network(network_id):
    if not network_id:
        return None
    try:
        return net_services.get_network(network_id)
    except LookupError:
        return None


@bp.route("/nieuw", methods=["GET", "POST"])
@requires(ASK_ESS_ADVICE)
def new():
    form = RequestForm(networks=context.network_choices())
    if request.method == "GET" or not form.validate_on_submit():
        code = 422 if request.method == "POST" else 200
        return render_template("advice/new.html", form=form, preview=None), code
    if request.form.get("action") == "edit":
        return render_template("advice/new.html", form=form, preview=None)
    sections = context.build(form.context_kinds.data, _network(form.network_id.data))
    fingerprint = context.fingerprint(sections)
    if request.form.get("action") != "send" or form.fingerprint.data != fingerprint:
        if request.form.get("action") == "send":
            flash(_("The context changed since the preview. Check it again before sending."), "warning")
        form.fingerprint.data = fingerprint
        return render_template("advice/new.html", form=form, preview=sections)
    try:
        req = services.create_request(g.tenant, current_user.id, topic=form.topic.data, subject=form.subject.data,
                                      question=form.question.data, urgency=form.urgency.data,
                                      context_json=context.dumps(sections))
    except services.AdviceError as exc:
        getattr(form, exc.field or "subject").errors.append(str(exc))
        return render_template("advice/new.html", form=form, preview=None), 422
    db.session.commit()
    flash(_("Your question has been sent to the ESS."), "success")
    return redirect(url_for(".show", request_id=req.id))


def _render_show(req, form=None, code=200):
    return render_template("advice/show.html", req=req, messages=services.messages(req),
                           sections=context.loads(req.context_json), form=form or MessageForm(),
                           can_reopen=services.can_reopen(req)), code


@bp.get("/<int:request_id>")
@requires(ASK_ESS_ADVICE)
def show(request_id):
    req = _own(request_id)
    services.mark_read(req)
    db.session.commit()
    return _render_show(req)


@bp.post("/<int:request_id>/bericht")
@requires(ASK_ESS_ADVICE)
def reply(request_id):
    req = _own(request_id)
    form = MessageForm()
    if form.validate_on_submit():
        try:
            services.municipality_reply(req, form.body.data, current_user.id)
        except services.AdviceError as exc:
            form.body.errors.append(str(exc))
        else:
            db.session.commit()
            flash(_("Your message has been sent to the ESS."), "success")
            return redirect(url_for(".show", request_id=req.id))
    return _render_show(req, form, 422)


def _confirm(request_id: int, action: str, do, done_message: str):
    req = _own(request_id)
    form = ConfirmForm()
    if form.validate_on_submit():
        try:
            do(req)
        except services.AdviceError as exc:
            flash(str(exc), "error")
        else:
            db.session.commit()
            flash(done_message, "success")
        return redirect(url_for(".show", request_id=req.id))
    return render_template("advice/confirm.html", req=req, form=form, action=action)


@bp.route("/<int:request_id>/sluiten", methods=["GET", "POST"])
@requires(ASK_ESS_ADVICE)
def close(request_id):
    return _confirm(request_id, "close",
                    lambda req: services.close(req, current_user.id, by_municipality=True),
                    _("The request has been closed."))


@bp.route("/<int:request_id>/heropenen", methods=["GET", "POST"])
@requires(ASK_ESS_ADVICE)
def reopen(request_id):
    return _confirm(request_id, "reopen", lambda req: services.reopen(req, current_user.id),
                    _("The request has been reopened; the ESS will pick it up again."))


@bp.route("/<int:request_id>/toestemming", methods=["GET", "POST"])
@requires(ASK_ESS_ADVICE)
def consent(request_id):
    return _confirm(request_id, "consent", lambda req: services.give_share_consent(req, current_user.id),
                    _("Thank you. The ESS may now share the answer, anonymised, in the exchange."))
