"""Moderation of the exchange by ESS advisors: the queue, decisions, unmasking, sanctions, export, reminders.

- Anonymous posts and replies are always pre-moderated; posts hidden by reports wait for review.
- Unmasking an anonymous author needs a reason, and is logged (`ExchangeReveal` + platform audit).
- A sanction is imposed on the person behind a post — also an anonymous one, without showing who it is;
  a ban removes all their posts and replies, the anonymous ones included (found by decrypting the
  identities here, never by a plain column that would link them).
- The queue reminder: an item waiting more than 24 hours is mailed to the ESS advisors once (a unique row
  per queue entry), within working hours.
"""
from __future__ import annotations

import csv
import io
from datetime import date, datetime, timedelta

from flask_babel import gettext as _, ngettext

from ...platform import audit
from ...platform.auth.models import User
from ...platform.extensions import db
from ...platform.i18n import in_language
from ...platform.models import utcnow
from ..advice.services import utc
from ...platform.policy import Role
from ...tenants.models import Tenant
from ...workers.queues import enqueue
from . import choices, services
from .models import ExchangePost, ExchangeReminder, ExchangeReply, ExchangeReport, ExchangeReveal, ExchangeSanction
from .services import ExchangeError, author_label, identity

REMIND_AFTER = timedelta(hours=24)


def queue() -> dict:
    """Pending and hidden posts, published posts with reports not yet reviewed, pending replies."""
    reported = db.select(ExchangeReport.post_id).filter_by(reviewed_at=None)
    posts = db.session.scalars(db.select(ExchangePost).where(
        ExchangePost.status.in_(("pending", "hidden"))
        | ((ExchangePost.status == "published") & ExchangePost.id.in_(reported)))
        .order_by(ExchangePost.queued_at, ExchangePost.id)).all()
    replies = db.session.scalars(db.select(ExchangeReply).filter_by(status="pending")
                                 .order_by(ExchangeReply.queued_at, ExchangeReply.id)).all()
    return {"posts": posts, "replies": replies}


def queue_size() -> int:
    q = queue()
    return len(q["posts"]) + len(q["replies"])


def open_reports(post: ExchangePost) -> list[ExchangeReport]:
    return db.session.scalars(db.select(ExchangeReport).filter_by(post_id=post.id, reviewed_at=None)
                              .order_by(ExchangeReport.id)).all()


_DECIDED = {"approve": "published", "reject": "rejected", "remove": "removed"}


def _decide(item, kind: str, decision: str, moderator_id: int, now: datetime, *, approvable: bool,
            impossible: str) -> None:
    """The moderation decision shared by posts and replies (`kind` "post" | "reply"): approve when
    `approvable`, reject a pending item, remove anything not removed yet; else ExchangeError(`impossible`).
    The item leaves the queue and records who decided; audited as `exchange.<kind>_<decision>`."""
    allowed = {"approve": approvable, "reject": item.status == "pending", "remove": item.status != "removed"}
    if not allowed.get(decision):
        raise ExchangeError(impossible)
    item.status = _DECIDED[decision]
    item.queued_at = None
    item.moderated_by_id, item.moderated_at = moderator_id, now
    audit.record(f"exchange.{kind}_{decision}", object_type=f"exchange_{kind}", object_id=item.id, platform=True,
                 actor_id=moderator_id)


def decide_post(post: ExchangePost, decision: str, moderator_id: int, now: datetime | None = None) -> None:
    """approve (publish / restore after reports) | reject (pending) | remove (anything)."""
    now = utc(now)
    reports = open_reports(post)
    _decide(post, "post", decision, moderator_id, now,
            approvable=post.status in ("pending", "hidden") or (post.status == "published" and bool(reports)),
            impossible=_("This decision is not possible for this post."))
    if decision == "approve":
        post.published_at = post.published_at or now
    for report in reports:
        report.reviewed_at = now


def decide_reply(reply: ExchangeReply, decision: str, moderator_id: int, now: datetime | None = None) -> None:
    """approve (pending: publish and tell the followers) | reject (pending) | remove (anything)."""
    now = utc(now)
    _decide(reply, "reply", decision, moderator_id, now, approvable=reply.status == "pending",
            impossible=_("This decision is not possible for this reply."))
    if decision == "approve":
        services.notify_followers(db.session.get(ExchangePost, reply.post_id), reply)


def reveal(post: ExchangePost, reply: ExchangeReply | None, moderator_id: int, reason: str) -> dict:
    """Unmask the author of an anonymous post or reply: returns municipality and user; logged."""
    item = reply or post
    reason = (reason or "").strip()
    if len(reason) < 10:
        raise ExchangeError(_("Give the reason for unmasking the author (at least 10 characters)."), "reason")
    if not item.anonymous:
        raise ExchangeError(_("This author is not anonymous."))
    who = identity(item) or {}
    db.session.add(ExchangeReveal(post_id=post.id, reply_id=reply.id if reply else None, moderator_id=moderator_id,
                                  reason=reason[:1000]))
    audit.record("exchange.author_revealed", object_type="exchange_reply" if reply else "exchange_post",
                 object_id=item.id, platform=True, actor_id=moderator_id)
    tenant = db.session.get(Tenant, who.get("tenant_id")) if who.get("tenant_id") else None
    user = db.session.get(User, who.get("user_id")) if who.get("user_id") else None
    return {"tenant": tenant.name if tenant else "", "user": (user.name or user.email) if user else ""}


def reveals(post: ExchangePost) -> list[ExchangeReveal]:
    return db.session.scalars(db.select(ExchangeReveal).filter_by(post_id=post.id).order_by(ExchangeReveal.id)).all()


def _items_of(user_id: int):
    """Every post and reply written by `user_id`, anonymous ones included (decrypted here, internally)."""
    for model in (ExchangePost, ExchangeReply):
        yield from db.session.scalars(db.select(model).filter_by(author_user_id=user_id)).all()
        for item in db.session.scalars(db.select(model).where(model.author_identity.is_not(None))).all():
            if (identity(item) or {}).get("user_id") == user_id:
                yield item


def sanction(item, kind: str, *, until: date | None, reason: str, moderator_id: int,
             now: datetime | None = None) -> ExchangeSanction:
    """Sanction the author of `item` (a post or reply). A ban also removes all their posts and replies."""
    now = utc(now)
    if kind not in choices.SANCTIONS:
        raise ExchangeError(_("Choose one of the options."), "kind")
    reason = (reason or "").strip()
    if not reason:
        raise ExchangeError(_("Give the reason for the sanction."), "reason")
    who = identity(item) or {}
    user_id = who.get("user_id")
    if user_id is None:
        raise ExchangeError(_("This post has no author that can be sanctioned."))
    post_id = item.id if isinstance(item, ExchangePost) else item.post_id
    row = ExchangeSanction(user_id=user_id, kind=kind, until=until, reason=reason[:1000], via_post_id=post_id,
                           anonymous=item.anonymous, created_by_id=moderator_id, created_at=now)
    db.session.add(row)
    removed = 0
    if kind == "ban":
        for authored in _items_of(user_id):
            if authored.status != "removed":
                authored.status, authored.queued_at = "removed", None
                removed += 1
    db.session.flush()
    audit.record(f"exchange.sanction_{kind}", object_type="exchange_sanction", object_id=row.id, platform=True,
                 actor_id=moderator_id, detail=f"removed={removed}")
    return row


def sanctions() -> list[ExchangeSanction]:
    return db.session.scalars(db.select(ExchangeSanction).order_by(ExchangeSanction.id.desc())).all()


def lift(row: ExchangeSanction, moderator_id: int) -> None:
    if row.lifted_at is None:
        row.lifted_at = utcnow()
        audit.record("exchange.sanction_lifted", object_type="exchange_sanction", object_id=row.id, platform=True,
                     actor_id=moderator_id)


# --- export -------------------------------------------------------------------------------------------

EXPORT_COLUMNS = ("id", "published", "kind", "title", "tags", "visibility", "author", "replies", "status")


def export_csv() -> str:
    """Published posts as CSV (`;`, UTF-8 with BOM); the author column is the shown label, never an identity."""
    posts = db.session.scalars(db.select(ExchangePost).filter_by(status="published")
                               .order_by(ExchangePost.published_at, ExchangePost.id)).all()
    counts = services.reply_counts([p.id for p in posts])
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(EXPORT_COLUMNS)
    for p in posts:
        writer.writerow([p.id, p.published_at.date().isoformat() if p.published_at else "", p.kind, p.title,
                         ",".join(p.tag_codes), p.visibility, author_label(p), counts.get(p.id, 0), p.status])
    return out.getvalue()


# --- the 24-hour reminder (scheduled) -----------------------------------------------------------------

def remind(now: datetime | None = None) -> int:
    """Mail the ESS advisors about queue items waiting more than 24 hours, once per item and queue entry."""
    from ..advice.services import aware, is_working_time

    now = utc(now)
    if not is_working_time(now):
        return 0
    q = queue()
    due = []
    for kind, items in (("post", q["posts"]), ("reply", q["replies"])):
        for item in items:
            if item.queued_at is None or now - aware(item.queued_at) < REMIND_AFTER:
                continue
            exists = db.session.scalar(db.select(ExchangeReminder.id).filter_by(
                subject_type=kind, subject_id=item.id, queued_at=item.queued_at))
            if exists is None:
                db.session.add(ExchangeReminder(subject_type=kind, subject_id=item.id, queued_at=item.queued_at))
                due.append((kind, item))
    if not due:
        return 0
    db.session.flush()
    from ..advice.services import link

    advisors = db.session.scalars(db.select(User).filter_by(platform_role=Role.ESS_ADVISOR.value, active=True)).all()
    for user in advisors:
        with in_language(user.locale):
            lines = [f"- {author_label(item)}: {item.title if kind == 'post' else _('a reply')}" for kind, item in due]
            enqueue("sleutelnet.workers.mail.send_email", queue="mail", to=user.email,
                    subject=ngettext("Exchange: %(num)d item waiting for moderation for more than 24 hours",
                                     "Exchange: %(num)d items waiting for moderation for more than 24 hours", len(due)),
                    body="\n".join(lines) + "\n\n" + link("exchange_ess.queue_page"))
    return len(due)


def remind_job() -> int:
    from ...workers.runtime import app_instance

    with app_instance().app_context():
        sent = remind()
        db.session.commit()
        return sent
