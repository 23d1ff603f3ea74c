"""The exchange for ESS advisors, under /ess/uitwisseling/: all posts, the moderation queue, unmasking
with a logged reason, sanctions and the CSV export. Platform routes reading only platform tables."""
from __future__ import annotations

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ...platform.extensions import db
from ...platform.policy import requires
from . import choices, moderation, services
from .forms import ConfirmForm, RevealForm, SanctionForm
from .models import ExchangeReply, ExchangeSanction
from .permissions import MODERATE_EXCHANGE

bp = Blueprint("exchange_ess", __name__, url_prefix="/ess/uitwisseling", template_folder="templates")


@bp.context_processor
def _helpers():
    return {"xc": choices, "author_label": services.author_label}


def _post(post_id: int):
    try:
        return services.get_post(post_id)
    except LookupError:
        abort(404)


def _reply(post, reply_id):
    if reply_id is None:
        return None
    reply = db.session.get(ExchangeReply, reply_id)
    if reply is None or reply.post_id != post.id:
        abort(404)
    return reply


@bp.get("/")
@requires(MODERATE_EXCHANGE)
def index():
    tag, kind = request.args.get("onderwerp"), request.args.get("soort")
    page = services.feed(None, tag=tag, kind=kind, page=request.args.get("page", 1, type=int))
    return render_template("exchange/ess_index.html", page=page, counts=services.reply_counts([p.id for p in page.items]),
                           tag=tag, kind=kind, queue_size=moderation.queue_size())


@bp.get("/moderatie")
@requires(MODERATE_EXCHANGE)
def queue_page():
    q = moderation.queue()
    posts = {r.post_id: services.get_post(r.post_id) for r in q["replies"]}
    return render_template("exchange/ess_queue.html", q=q, reply_posts=posts, form=ConfirmForm(),
                           reports={p.id: moderation.open_reports(p) for p in q["posts"]})


@bp.get("/<int:post_id>")
@requires(MODERATE_EXCHANGE)
def show(post_id):
    post = _post(post_id)
    return render_template("exchange/ess_show.html", post=post,
                           replies=services.replies(post, include_unpublished=True),
                           reports=moderation.open_reports(post), reveals=moderation.reveals(post), form=ConfirmForm())


@bp.post("/<int:post_id>/besluit")
@requires(MODERATE_EXCHANGE)
def decide(post_id):
    post = _post(post_id)
    reply = _reply(post, request.form.get("reply_id", type=int))
    decision = request.form.get("decision")
    if ConfirmForm().validate_on_submit() and decision in ("approve", "reject", "remove"):
        try:
            if reply is not None:
                moderation.decide_reply(reply, decision, current_user.id)
            else:
                moderation.decide_post(post, decision, current_user.id)
        except services.ExchangeError as exc:
            flash(str(exc), "error")
        else:
            db.session.commit()
            flash(_("The decision has been saved."), "success")
    return redirect(request.form.get("back") == "queue" and url_for(".queue_page") or url_for(".show", post_id=post.id))


@bp.route("/<int:post_id>/onthullen", methods=["GET", "POST"])
@requires(MODERATE_EXCHANGE)
def reveal(post_id):
    """Unmask an anonymous author (?reactie=<id> for a reply): only with a reason, which is logged."""
    post = _post(post_id)
    reply = _reply(post, request.args.get("reactie", type=int))
    item = reply or post
    form = RevealForm()
    revealed = None
    if item.anonymous and form.validate_on_submit():
        try:
            revealed = moderation.reveal(post, reply, current_user.id, form.reason.data)
        except services.ExchangeError as exc:
            form.reason.errors.append(str(exc))
        else:
            db.session.commit()
    return render_template("exchange/ess_reveal.html", post=post, reply=reply, form=form, revealed=revealed,
                           anonymous=item.anonymous), (422 if form.errors else 200)


@bp.route("/<int:post_id>/sanctie", methods=["GET", "POST"])
@requires(MODERATE_EXCHANGE)
def sanction(post_id):
    """Sanction the author of the post (or of a reply, ?reactie=<id>) — anonymous authors included."""
    post = _post(post_id)
    reply = _reply(post, request.args.get("reactie", type=int))
    form = SanctionForm()
    if form.validate_on_submit():
        try:
            moderation.sanction(reply or post, form.kind.data, until=form.until.data, reason=form.reason.data,
                                moderator_id=current_user.id)
        except services.ExchangeError as exc:
            (getattr(form, exc.field).errors if exc.field else form.form_errors).append(str(exc))
        else:
            db.session.commit()
            flash(_("The sanction has been imposed."), "success")
            return redirect(url_for(".sanctions"))
    return render_template("exchange/ess_sanction.html", post=post, reply=reply, form=form), \
        (422 if form.errors else 200)


@bp.get("/sancties")
@requires(MODERATE_EXCHANGE)
def sanctions():
    return render_template("exchange/ess_sanctions.html", rows=moderation.sanctions(), form=ConfirmForm())


@bp.post("/sancties/<int:sanction_id>/opheffen")
@requires(MODERATE_EXCHANGE)
def lift(sanction_id):
    row = db.session.get(ExchangeSanction, sanction_id)
    if row is None:
        abort(404)
    if ConfirmForm().validate_on_submit():
        moderation.lift(row, current_user.id)
        db.session.commit()
        flash(_("The sanction has been lifted."), "success")
    return redirect(url_for(".sanctions"))


@bp.get("/export.csv")
@requires(MODERATE_EXCHANGE)
def export():
    return Response(moderation.export_csv(), mimetype="text/csv; charset=utf-8",
                    headers={"Content-Disposition": "attachment; filename=uitwisseling.csv"})
