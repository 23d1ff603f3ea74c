"""ESS side of the advice inbox, under /ess/advies/ (platform routes, ESS advisors).

These pages read only the platform-level advice tables: never a tenant table, never a cross-tenant
context (tests/advice/test_boundary.py). Internal notes are shown here and nowhere else.
"""
from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _, ngettext
from flask_login import current_user

from ...platform.extensions import db
from ...platform.models import utcnow
from ...platform.policy import requires
from . import assignment, choices, context, services, sla
from .forms import AssignForm, ConfirmForm, EssMessageForm, NoteForm, PromoteForm, SettingsForm
from .permissions import HANDLE_ADVICE_REQUESTS
from .workhours import TZ

bp = Blueprint("advice_ess", __name__, url_prefix="/ess/advies", template_folder="templates")


@bp.context_processor
def _helpers():
    return {"ac": choices, "sla": sla, "now": utcnow(), "HANDLE_ADVICE_REQUESTS": HANDLE_ADVICE_REQUESTS}


def _request(request_id: int):
    try:
        return services.get_request(request_id)
    except LookupError:
        abort(404)


@bp.get("/")
@requires(HANDLE_ADVICE_REQUESTS)
def inbox():
    view = request.args.get("view", "mine")
    if view not in services.INBOX_VIEWS:
        view = "mine"
    page = services.inbox(view, current_user.id, request.args.get("page", 1, type=int))
    names = {u.id: (u.name or u.email) for u in assignment.advisors()}
    return render_template("advice/ess_inbox.html", page=page, view=view, names=names)


def _render_show(req, *, message_form=None, note_form=None, code=200):
    now = utcnow()
    today = now.astimezone(TZ).date()
    advisors = assignment.advisors()
    return render_template(
        "advice/ess_show.html", req=req, messages=services.messages(req), notes=services.notes(req),
        history=services.history(req), sections=context.loads(req.context_json),
        first=sla.first_response(req, now), resolution=sla.resolution(req, now),
        handler_id=assignment.handler_id(req.assignee_id, today), names={u.id: u.name or u.email for u in advisors},
        message_form=message_form or EssMessageForm(), note_form=note_form or NoteForm(),
        assign_form=AssignForm(advisors=advisors, assignee_id=req.assignee_id or current_user.id),
        confirm_form=ConfirmForm()), code


@bp.get("/<int:request_id>")
@requires(HANDLE_ADVICE_REQUESTS)
def show(request_id):
    return _render_show(_request(request_id))


def _done(req, message):
    db.session.commit()
    flash(message, "success")
    return redirect(url_for(".show", request_id=req.id))


@bp.post("/<int:request_id>/toewijzen")
@requires(HANDLE_ADVICE_REQUESTS)
def assign(request_id):
    req = _request(request_id)
    form = AssignForm(advisors=assignment.advisors())
    if form.validate_on_submit():
        try:
            services.assign(req, form.assignee_id.data, current_user.id)
        except services.AdviceError as exc:
            flash(str(exc), "error")
        else:
            return _done(req, _("The request has been assigned."))
    else:
        flash(_("Choose one of the options."), "error")
    return redirect(url_for(".show", request_id=req.id))


@bp.post("/<int:request_id>/starten")
@requires(HANDLE_ADVICE_REQUESTS)
def start(request_id):
    req = _request(request_id)
    if ConfirmForm().validate_on_submit():
        try:
            services.start(req, current_user.id)
        except services.AdviceError as exc:
            flash(str(exc), "error")
        else:
            return _done(req, _("The request is now in progress."))
    return redirect(url_for(".show", request_id=req.id))


@bp.post("/<int:request_id>/bericht")
@requires(HANDLE_ADVICE_REQUESTS)
def message(request_id):
    req = _request(request_id)
    form = EssMessageForm()
    if form.validate_on_submit():
        try:
            services.send_to_municipality(req, form.body.data, form.kind.data, current_user.id)
        except services.AdviceError as exc:
            (getattr(form, exc.field).errors if exc.field in ("body", "kind") else form.form_errors).append(str(exc))
        else:
            return _done(req, _("Your message has been sent to the municipality."))
    return _render_show(req, message_form=form, code=422)


@bp.post("/<int:request_id>/notitie")
@requires(HANDLE_ADVICE_REQUESTS)
def note(request_id):
    req = _request(request_id)
    form = NoteForm()
    if form.validate_on_submit():
        try:
            services.add_note(req, form.body.data, current_user.id)
        except services.AdviceError as exc:
            form.body.errors.append(str(exc))
        else:
            return _done(req, _("The internal note has been saved."))
    return _render_show(req, note_form=form, code=422)


@bp.route("/<int:request_id>/sluiten", methods=["GET", "POST"])
@requires(HANDLE_ADVICE_REQUESTS)
def close(request_id):
    req = _request(request_id)
    form = ConfirmForm()
    if form.validate_on_submit():
        try:
            services.close(req, current_user.id, by_municipality=False)
        except services.AdviceError as exc:
            flash(str(exc), "error")
            return redirect(url_for(".show", request_id=req.id))
        return _done(req, _("The request has been closed."))
    return render_template("advice/ess_confirm_close.html", req=req, form=form)


@bp.post("/verdelen")
@requires(HANDLE_ADVICE_REQUESTS)
def distribute():
    if ConfirmForm().validate_on_submit():
        from .jobs import run_sweep

        counts = run_sweep(utcnow())
        db.session.commit()
        flash(ngettext("%(num)d new request assigned.", "%(num)d new requests assigned.", counts["assigned"]), "success")
    return redirect(url_for(".inbox", view="unassigned"))


@bp.route("/instellingen", methods=["GET", "POST"])
@requires(HANDLE_ADVICE_REQUESTS)
def settings():
    """Capacity, absence and substitute of an advisor (?advisor=<id>; default: yourself)."""
    advisors = assignment.advisors()
    ids = {u.id for u in advisors}
    advisor_id = request.args.get("advisor", current_user.id, type=int)
    if advisor_id not in ids:
        abort(404)
    row = assignment.settings_for(advisor_id)
    form = SettingsForm(obj=row, advisors=advisors, user_id=advisor_id)
    if request.method == "GET" and row is None:
        form.capacity.data = 10
    if form.validate_on_submit():
        if form.substitute_id.data is not None and form.substitute_id.data not in ids - {advisor_id}:
            form.substitute_id.errors.append(_("Choose one of the options."))
        else:
            row = assignment.settings_for(advisor_id, create=True)
            row.capacity, row.absent_from, row.absent_until, row.substitute_id = (
                form.capacity.data, form.absent_from.data, form.absent_until.data, form.substitute_id.data)
            from ...platform import audit

            audit.record("advice.advisor_settings", object_type="user", object_id=advisor_id, platform=True)
            db.session.commit()
            flash(_("The settings have been saved."), "success")
            return redirect(url_for(".settings", advisor=advisor_id))
    rows = {s.user_id: s for s in (assignment.settings_for(u.id) for u in advisors) if s}
    loads = assignment.open_loads()
    code = 422 if form.errors else 200
    return render_template("advice/ess_settings.html", form=form, advisors=advisors, advisor_id=advisor_id,
                           rows=rows, loads=loads, today=utcnow().astimezone(TZ).date()), code


@bp.route("/<int:request_id>/delen", methods=["GET", "POST"])
@requires(HANDLE_ADVICE_REQUESTS)
def promote(request_id):
    """Promote an answer into the exchange: anonymised (the ESS edits the text), with the consent the
    municipality recorded on the request; the post never names the municipality."""
    from ..exchange import services as exchange

    req = _request(request_id)
    if req.share_consent_at is None or req.promoted_post_id or req.state not in ("answered", "closed"):
        flash(_("This answer cannot be shared: the municipality has not given consent, or it was shared already."),
              "error")
        return redirect(url_for(".show", request_id=req.id))
    answer = next((m for m in reversed(services.messages(req)) if m.kind == "answer"), None)
    form = PromoteForm(data=None if request.method == "POST" else {
        "title": req.subject, "body": answer.body if answer else "", "tags": [req.topic]})
    if form.validate_on_submit():
        try:
            post = exchange.promote_answer(title=form.title.data, body=form.body.data, tags=form.tags.data,
                                           actor_id=current_user.id)
        except exchange.ExchangeError as exc:
            getattr(form, exc.field or "body").errors.append(str(exc))
        else:
            req.promoted_post_id = post.id
            return _done(req, _("The answer has been published in the exchange."))
    return render_template("advice/ess_promote.html", req=req, form=form), (422 if form.errors else 200)
