"""The exchange as a municipality sees it, under /g/<slug>/uitwisseling/.

Posts are platform rows; a post outside this municipality's audience (another province, ESS only, not yet
published) answers 404 exactly like an object of another tenant (`services.visible_post`).
"""
from __future__ import annotations

from flask import Blueprint, abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ...platform.extensions import db
from ...platform.policy import requires
from . import choices, services
from .forms import PostForm, ReplyForm, ReportForm
from .permissions import POST_TO_EXCHANGE, VIEW_EXCHANGE

bp = Blueprint("exchange", __name__, url_prefix="/uitwisseling", template_folder="templates")


@bp.context_processor
def _helpers():
    return {"xc": choices, "author_label": services.author_label, "POST_TO_EXCHANGE": POST_TO_EXCHANGE}


def _post(post_id: int):
    try:
        return services.visible_post(g.tenant, post_id)
    except LookupError:
        abort(404)


@bp.get("/")
@requires(VIEW_EXCHANGE)
def index():
    tag, kind = request.args.get("onderwerp"), request.args.get("soort")
    page = services.feed(g.tenant, tag=tag, kind=kind, page=request.args.get("page", 1, type=int))
    counts = services.reply_counts([p.id for p in page.items])
    unread = sum(1 for n in services.notifications(current_user.id) if n.read_at is None)
    return render_template("exchange/index.html", page=page, counts=counts, tag=tag, kind=kind, unread=unread)


@bp.route("/nieuw", methods=["GET", "POST"])
@requires(POST_TO_EXCHANGE)
def new():
    form = PostForm()
    available = services.anonymity_available(g.tenant)
    if form.validate_on_submit():
        try:
            post = services.create_post(g.tenant, current_user.id, kind=form.kind.data, title=form.title.data,
                                        body=form.body.data, tags=form.tags.data, visibility=form.visibility.data,
                                        author_mode=form.author_mode.data, event_on=form.event_on.data)
        except services.ExchangeError as exc:
            (getattr(form, exc.field).errors if exc.field else form.form_errors).append(str(exc))
        else:
            db.session.commit()
            if post.status == "pending":
                flash(_("Thank you. Your anonymous post is checked by a moderator before it is published."), "success")
                return redirect(url_for(".index"))
            flash(_("Your post has been published."), "success")
            return redirect(url_for(".show", post_id=post.id))
    unavailable = [choices.label(choices.VISIBILITIES, v) for v, ok in available.items() if not ok]
    return render_template("exchange/new.html", form=form, unavailable=unavailable), (422 if form.errors else 200)


def _render_show(post, form=None, code=200):
    return render_template("exchange/show.html", post=post, replies=services.replies(post),
                           form=form or ReplyForm(), following=services.is_following(post, current_user.id),
                           anonymity=services.participants(g.tenant, post.visibility) >= choices.MIN_PARTICIPANTS), code


@bp.get("/<int:post_id>")
@requires(VIEW_EXCHANGE)
def show(post_id):
    return _render_show(_post(post_id))


@bp.post("/<int:post_id>/reactie")
@requires(POST_TO_EXCHANGE)
def reply(post_id):
    post = _post(post_id)
    form = ReplyForm()
    if form.validate_on_submit():
        try:
            item = services.add_reply(post, g.tenant, current_user.id, body=form.body.data,
                                      author_mode=form.author_mode.data)
        except services.ExchangeError as exc:
            (getattr(form, exc.field).errors if exc.field else form.form_errors).append(str(exc))
        else:
            db.session.commit()
            flash(_("Your anonymous reply is checked by a moderator before it is published.") if item.status == "pending"
                  else _("Your reply has been published."), "success")
            return redirect(url_for(".show", post_id=post.id))
    return _render_show(post, form, 422)


@bp.post("/<int:post_id>/volgen")
@requires(POST_TO_EXCHANGE)
def follow(post_id):
    post = _post(post_id)
    from .forms import ConfirmForm

    if ConfirmForm().validate_on_submit():
        following = services.follow(post, current_user.id)
        db.session.commit()
        flash(_("You follow this post: new replies appear under Notifications.") if following
              else _("You no longer follow this post."), "success")
    return redirect(url_for(".show", post_id=post.id))


@bp.route("/<int:post_id>/melden", methods=["GET", "POST"])
@requires(POST_TO_EXCHANGE)
def report(post_id):
    post = _post(post_id)
    form = ReportForm()
    if form.validate_on_submit():
        try:
            new = services.report(post, g.tenant, current_user.id, reason=form.reason.data, note=form.note.data)
        except services.ExchangeError as exc:
            (getattr(form, exc.field).errors if exc.field else form.form_errors).append(str(exc))
        else:
            db.session.commit()
            flash(_("Thank you. A moderator will look at the post.") if new
                  else _("Your municipality has already reported this post."), "success")
            return redirect(url_for(".index"))
    return render_template("exchange/report.html", post=post, form=form), (422 if form.errors else 200)


@bp.get("/meldingen")
@requires(VIEW_EXCHANGE)
def notifications():
    items = services.notifications(current_user.id)
    unread = {n.id for n in items if n.read_at is None}
    services.mark_notifications_read(current_user.id)
    db.session.commit()
    return render_template("exchange/notifications.html", items=items, unread=unread)
