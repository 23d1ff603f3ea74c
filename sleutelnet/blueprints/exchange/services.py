"""Posts, replies, visibility, follows, reports and notifications of the exchange.

Everything here reads and writes only the platform-level exchange tables (plus the tenant registry for
province, safety region and participation counts). Services add and flush; routes commit.
"""
from __future__ import annotations

import json
from datetime import date, datetime

from flask_babel import gettext as _
from sqlalchemy import and_, func, or_

from ...platform import audit
from ...platform.extensions import db
from ...platform.kernel import ServiceError, find
from ...platform.models import utcnow
from ..advice.services import utc
from ...tenants.models import Tenant
from . import choices
from .models import (ExchangeFollow, ExchangeNotification, ExchangePost, ExchangePostTag, ExchangeReply,
                     ExchangeReport, ExchangeSanction)

PER_PAGE = 20
# the audit log's actor of an anonymous post or reply: 0 = deliberately not recorded (None would make
# `audit.record` fill in the logged-in user, which is exactly the link anonymity must not leave behind)
ANONYMOUS_ACTOR = 0
MAX_BODY = 8000


class ExchangeError(ServiceError):
    """A rule of the exchange area was broken (translated message, optional form field)."""


# --- who wrote it -------------------------------------------------------------------------------------

def author_label(item) -> str:
    """How the author is shown everywhere (pages, notifications, e-mails, exports)."""
    if item.author_mode == "municipality" and item.tenant is not None:
        return item.tenant.name
    if item.author_mode == "province" and item.province:
        return _("a municipality in %(province)s", province=item.province)
    if item.author_mode == "ess":
        return _("the ESS")
    return _("an anonymous municipality")


def identity(item) -> dict | None:
    """The decrypted identity of an anonymous author — internal use and logged reveals only."""
    if item.author_identity:
        return json.loads(item.author_identity)
    if item.author_user_id is not None:
        return {"tenant_id": item.tenant_id, "user_id": item.author_user_id}
    return None


def participants(tenant: Tenant, visibility: str) -> int:
    """Active municipalities in the region an anonymous or province-level author hides in."""
    if visibility == "safety_region":
        where = Tenant.safety_region_code == tenant.safety_region_code
    else:
        where = Tenant.province == tenant.province
    return db.session.scalar(db.select(func.count()).select_from(Tenant).where(where, Tenant.active.is_(True)))


def _author_fields(tenant: Tenant, user_id: int, mode: str, visibility: str) -> dict:
    if mode not in choices.AUTHOR_MODES:
        raise ExchangeError(_("Choose one of the options."), "author_mode")
    if mode != "municipality" and participants(tenant, visibility) < choices.MIN_PARTICIPANTS:
        raise ExchangeError(_("Not available: fewer than %(n)d municipalities in your region take part, so you "
                              "could be recognised. Post as your municipality instead.",
                              n=choices.MIN_PARTICIPANTS), "author_mode")
    fields = dict(author_mode=mode, province=tenant.province, safety_region_code=tenant.safety_region_code)
    if mode == "anonymous":
        fields.update(tenant_id=None, author_user_id=None,
                      author_identity=json.dumps({"tenant_id": tenant.id, "user_id": user_id}))
    else:
        fields.update(tenant_id=tenant.id, author_user_id=user_id, author_identity=None)
    return fields


def active_sanction(user_id: int, today: date | None = None) -> ExchangeSanction | None:
    today = today or date.today()
    return db.session.scalar(
        db.select(ExchangeSanction).where(ExchangeSanction.user_id == user_id, ExchangeSanction.lifted_at.is_(None),
                                          or_(ExchangeSanction.until.is_(None), ExchangeSanction.until >= today))
        .order_by(ExchangeSanction.kind.asc(), ExchangeSanction.id.desc()))  # "ban" sorts before "mute"


def _check_may_write(user_id: int) -> None:
    sanction = active_sanction(user_id)
    if sanction is not None:
        raise ExchangeError(_("You cannot post in the exchange at the moment (a moderator restricted your account)."))


def _text(value, field, message, limit=MAX_BODY) -> str:
    value = (value or "").strip()
    if not value:
        raise ExchangeError(message, field)
    if len(value) > limit:
        raise ExchangeError(_("This text is too long (at most %(max)d characters).", max=limit), field)
    return value


# --- writing ------------------------------------------------------------------------------------------

def create_post(tenant: Tenant, user_id: int, *, kind: str, title: str, body: str, tags, visibility: str,
                author_mode: str, event_on: date | None = None, now: datetime | None = None) -> ExchangePost:
    now = utc(now)
    _check_may_write(user_id)
    if kind not in choices.KINDS:
        raise ExchangeError(_("Choose one of the options."), "kind")
    if visibility not in choices.VISIBILITIES:
        raise ExchangeError(_("Choose one of the options."), "visibility")
    tags = [t for t in dict.fromkeys(tags or ()) if t in choices.TAGS]
    if not tags:
        raise ExchangeError(_("Choose at least one topic."), "tags")
    if kind == "event" and event_on is None:
        raise ExchangeError(_("Enter the date of the event."), "event_on")
    anonymous = author_mode == "anonymous"
    post = ExchangePost(kind=kind, title=_text(title, "title", _("Enter a title."), 160),
                        body=_text(body, "body", _("Write the text.")), visibility=visibility,
                        event_on=event_on if kind == "event" else None, created_at=now,
                        status="pending" if anonymous else "published", queued_at=now if anonymous else None,
                        published_at=None if anonymous else now,
                        **_author_fields(tenant, user_id, author_mode, visibility))
    post.tags = [ExchangePostTag(tag=t) for t in tags]
    db.session.add(post)
    db.session.flush()
    if not anonymous:  # an anonymous author is not linked to the post anywhere in the clear
        follow(post, user_id)
    audit.record("exchange.post_created", object_type="exchange_post", object_id=post.id, platform=True,
                 actor_id=ANONYMOUS_ACTOR if anonymous else user_id, detail="anonymous" if anonymous else None)
    return post


def add_reply(post: ExchangePost, tenant: Tenant, user_id: int, *, body: str, author_mode: str,
              now: datetime | None = None) -> ExchangeReply:
    now = utc(now)
    _check_may_write(user_id)
    if post.status != "published":
        raise ExchangeError(_("This post no longer accepts replies."), "body")
    anonymous = author_mode == "anonymous"
    reply = ExchangeReply(post_id=post.id, body=_text(body, "body", _("Write a reply.")), created_at=now,
                          status="pending" if anonymous else "published", queued_at=now if anonymous else None,
                          **_author_fields(tenant, user_id, author_mode, post.visibility))
    db.session.add(reply)
    db.session.flush()
    audit.record("exchange.reply_created", object_type="exchange_reply", object_id=reply.id, platform=True,
                 actor_id=ANONYMOUS_ACTOR if anonymous else user_id, detail="anonymous" if anonymous else None)
    if not anonymous:
        notify_followers(post, reply)
    return reply


def promote_answer(*, title: str, body: str, tags, actor_id: int, now: datetime | None = None) -> ExchangePost:
    """An advice answer the ESS publishes (anonymised by the advisor), shown as written by the ESS."""
    now = utc(now)
    tags = [t for t in dict.fromkeys(tags or ()) if t in choices.TAGS]
    if not tags:
        raise ExchangeError(_("Choose at least one topic."), "tags")
    post = ExchangePost(kind="worked", title=_text(title, "title", _("Enter a title."), 160),
                        body=_text(body, "body", _("Write the text.")), visibility="all", status="published",
                        author_mode="ess", created_at=now, published_at=now, moderated_by_id=actor_id,
                        moderated_at=now)
    post.tags = [ExchangePostTag(tag=t) for t in tags]
    db.session.add(post)
    db.session.flush()
    audit.record("exchange.answer_promoted", object_type="exchange_post", object_id=post.id, platform=True,
                 actor_id=actor_id)
    return post


def follow(post: ExchangePost, user_id: int) -> bool:
    """Follow (True) or, when already following, unfollow (False)."""
    row = db.session.scalar(db.select(ExchangeFollow).filter_by(post_id=post.id, user_id=user_id))
    if row is not None:
        db.session.delete(row)
        db.session.flush()
        return False
    db.session.add(ExchangeFollow(post_id=post.id, user_id=user_id))
    db.session.flush()
    return True


def is_following(post: ExchangePost, user_id: int) -> bool:
    return db.session.scalar(db.select(ExchangeFollow.id).filter_by(post_id=post.id, user_id=user_id)) is not None


def notify_followers(post: ExchangePost, reply: ExchangeReply) -> int:
    """In-app notifications of a published reply; never to its own author, and with no identity inside
    (the notification points at the reply, whose label is rendered by `author_label`)."""
    author = (identity(reply) or {}).get("user_id")
    followers = db.session.scalars(db.select(ExchangeFollow.user_id).filter_by(post_id=post.id)).all()
    count = 0
    for user_id in followers:
        if user_id == author:
            continue
        exists = db.session.scalar(db.select(ExchangeNotification.id).filter_by(user_id=user_id, reply_id=reply.id))
        if exists is None:
            db.session.add(ExchangeNotification(user_id=user_id, post_id=post.id, reply_id=reply.id))
            count += 1
    db.session.flush()
    return count


def notifications(user_id: int, limit: int = 50) -> list[ExchangeNotification]:
    return db.session.scalars(db.select(ExchangeNotification).filter_by(user_id=user_id)
                              .order_by(ExchangeNotification.id.desc()).limit(limit)).all()


def mark_notifications_read(user_id: int) -> None:
    for n in db.session.scalars(db.select(ExchangeNotification).filter_by(user_id=user_id, read_at=None)).all():
        n.read_at = utcnow()


def report(post: ExchangePost, tenant: Tenant, user_id: int, *, reason: str, note: str = "",
           now: datetime | None = None) -> bool:
    """Report a post; False when this municipality reported it before. Reports of 3 different
    municipalities (not yet reviewed) hide the post until a moderator reviewed it."""
    now = utc(now)
    if reason not in choices.REPORT_REASONS:
        raise ExchangeError(_("Choose one of the options."), "reason")
    sanction = active_sanction(user_id)
    if sanction is not None and sanction.kind == "ban":
        raise ExchangeError(_("You cannot post in the exchange at the moment (a moderator restricted your account)."))
    if db.session.scalar(db.select(ExchangeReport.id).filter_by(post_id=post.id, tenant_id=tenant.id)) is not None:
        return False
    db.session.add(ExchangeReport(post_id=post.id, tenant_id=tenant.id, user_id=user_id, reason=reason,
                                  note=(note or "").strip()[:1000] or None, created_at=now))
    db.session.flush()
    open_reports = db.session.scalar(db.select(func.count(func.distinct(ExchangeReport.tenant_id)))
                                     .filter_by(post_id=post.id, reviewed_at=None))
    post.queued_at = post.queued_at or now  # in the moderation queue from the first report
    if open_reports >= choices.REPORTS_TO_HIDE and post.status == "published":
        post.status = "hidden"
    audit.record("exchange.post_reported", object_type="exchange_post", object_id=post.id, platform=True,
                 actor_id=user_id, detail=f"reason={reason}")
    return True


# --- reading ------------------------------------------------------------------------------------------

def _visible_to(tenant: Tenant):
    """Published posts a municipality may see, plus its own non-anonymous posts in any state."""
    audience = or_(ExchangePost.visibility == "all",
                   and_(ExchangePost.visibility == "province", ExchangePost.province == tenant.province),
                   and_(ExchangePost.visibility == "safety_region",
                        ExchangePost.safety_region_code == tenant.safety_region_code))
    return or_(and_(ExchangePost.status == "published", audience), ExchangePost.tenant_id == tenant.id)


def feed(tenant: Tenant | None, *, tag: str | None = None, kind: str | None = None, page: int = 1):
    """Posts for a municipality (`tenant`) or, with None, every published post (ESS)."""
    stmt = db.select(ExchangePost)
    stmt = stmt.where(_visible_to(tenant)) if tenant is not None else stmt.filter_by(status="published")
    if tag in choices.TAGS:
        stmt = stmt.where(ExchangePost.id.in_(db.select(ExchangePostTag.post_id).filter_by(tag=tag)))
    if kind in choices.KINDS:
        stmt = stmt.filter_by(kind=kind)
    stmt = stmt.order_by(func.coalesce(ExchangePost.published_at, ExchangePost.created_at).desc(),
                         ExchangePost.id.desc())
    return db.paginate(stmt, page=max(page, 1), per_page=PER_PAGE, error_out=False)


def visible_post(tenant: Tenant, post_id: int) -> ExchangePost:
    post = db.session.scalar(db.select(ExchangePost).where(ExchangePost.id == post_id, _visible_to(tenant)))
    if post is None:
        raise LookupError(post_id)
    return post


def get_post(post_id: int) -> ExchangePost:
    return find(ExchangePost, id=post_id)


def replies(post: ExchangePost, *, include_unpublished: bool = False) -> list[ExchangeReply]:
    stmt = db.select(ExchangeReply).filter_by(post_id=post.id)
    if not include_unpublished:
        stmt = stmt.filter_by(status="published")
    return db.session.scalars(stmt.order_by(ExchangeReply.created_at, ExchangeReply.id)).all()


def reply_counts(post_ids) -> dict[int, int]:
    if not post_ids:
        return {}
    return dict(db.session.execute(db.select(ExchangeReply.post_id, func.count())
                                   .where(ExchangeReply.post_id.in_(post_ids), ExchangeReply.status == "published")
                                   .group_by(ExchangeReply.post_id)).all())


def anonymity_available(tenant: Tenant) -> dict[str, bool]:
    """Per visibility: may this municipality post as "a municipality in …" or anonymously?"""
    return {v: participants(tenant, v) >= choices.MIN_PARTICIPANTS for v in choices.VISIBILITIES}
