"""The advice inbox: requests, their states, messages, internal notes, notifications.

States: new → assigned → in progress → waiting for the municipality → answered → closed; an answer can be
reopened by the municipality within 14 days (a new round: the resolution clock resumes). Services add and
flush; routes and jobs commit. ESS-side changes are written to the platform audit log (no tenant context
is entered); municipality-side changes to the tenant's own audit log.
"""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from flask import current_app, has_request_context, url_for
from flask_babel import gettext as _

from ...platform import audit
from ...platform.auth.models import User
from ...platform.extensions import db
from ...platform.i18n import in_language
from ...platform.models import utcnow
from ...platform.tenancy import current_tenant_id, tenant_context
from ...tenants.models import Membership
from ...workers.queues import enqueue
from . import assignment, sla
from .choices import (ANSWERED, ASSIGNED, CLOSED, IN_PROGRESS, NEW, OPEN_STATES, TOPICS, URGENCIES, WAITING)
from .models import AdviceEffect, AdviceInternalNote, AdviceMessage, AdviceRequest, AdviceStateChange
from .workhours import TZ, aware, is_working_time  # noqa: F401 - is_working_time: used by the exchange

REOPEN_DAYS = 14
PER_PAGE = 20
MAX_TEXT = 8000


class AdviceError(ValueError):
    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field


def _text(value: str | None, field: str, message: str) -> str:
    value = (value or "").strip()
    if not value:
        raise AdviceError(message, field)
    if len(value) > MAX_TEXT:
        raise AdviceError(_("This text is too long (at most %(max)d characters).", max=MAX_TEXT), field)
    return value


def utc(now: datetime | None) -> datetime:
    """UTC, always: SQLite keeps no offset, so a local time would be read back as UTC."""
    return utcnow() if now is None else aware(now).astimezone(timezone.utc)


def _today(now: datetime):
    return aware(now).astimezone(TZ).date()


# --- reading ------------------------------------------------------------------------------------------

def own_requests(tenant_id: int, page: int = 1):
    """The municipality's own requests, newest first (explicit tenant filter: a platform table)."""
    stmt = (db.select(AdviceRequest).filter_by(tenant_id=tenant_id)
            .order_by(AdviceRequest.created_at.desc(), AdviceRequest.id.desc()))
    return db.paginate(stmt, page=max(page, 1), per_page=PER_PAGE, error_out=False)


def own_request(tenant_id: int, request_id: int) -> AdviceRequest:
    req = db.session.scalar(db.select(AdviceRequest).filter_by(id=request_id, tenant_id=tenant_id))
    if req is None:
        raise LookupError(request_id)
    return req


def get_request(request_id: int) -> AdviceRequest:
    req = db.session.get(AdviceRequest, request_id)
    if req is None:
        raise LookupError(request_id)
    return req


def messages(req: AdviceRequest) -> list[AdviceMessage]:
    return db.session.scalars(db.select(AdviceMessage).filter_by(request_id=req.id)
                              .order_by(AdviceMessage.created_at, AdviceMessage.id)).all()


def notes(req: AdviceRequest) -> list[AdviceInternalNote]:
    """ESS pages only."""
    return db.session.scalars(db.select(AdviceInternalNote).filter_by(request_id=req.id)
                              .order_by(AdviceInternalNote.created_at, AdviceInternalNote.id)).all()


def history(req: AdviceRequest) -> list[AdviceStateChange]:
    return db.session.scalars(db.select(AdviceStateChange).filter_by(request_id=req.id)
                              .order_by(AdviceStateChange.at, AdviceStateChange.id)).all()


INBOX_VIEWS = ("mine", "unassigned", "open", "closed")


def inbox(view: str, user_id: int, page: int = 1, now: datetime | None = None):
    now = utc(now)
    stmt = db.select(AdviceRequest)
    if view == "mine":
        stmt = stmt.where(AdviceRequest.state.in_(OPEN_STATES),
                          AdviceRequest.assignee_id.in_(assignment.handled_assignees(user_id, _today(now))))
    elif view == "unassigned":
        stmt = stmt.where(AdviceRequest.assignee_id.is_(None), AdviceRequest.state.in_(OPEN_STATES))
    elif view == "closed":
        stmt = stmt.where(AdviceRequest.state.in_((ANSWERED, CLOSED)))
    else:
        stmt = stmt.where(AdviceRequest.state.in_(OPEN_STATES))
    stmt = stmt.order_by((AdviceRequest.urgency == "urgent").desc(), AdviceRequest.created_at, AdviceRequest.id)
    return db.paginate(stmt, page=max(page, 1), per_page=PER_PAGE, error_out=False)


def can_reopen(req: AdviceRequest, now: datetime | None = None) -> bool:
    now = utc(now)
    if req.state not in (ANSWERED, CLOSED) or req.answered_at is None:
        return False
    return aware(now) - aware(req.answered_at) <= timedelta(days=REOPEN_DAYS)


# --- changing -----------------------------------------------------------------------------------------

def _tenant_audit(req: AdviceRequest, action: str, actor_id: int | None) -> None:
    """A municipality's own action goes into its own audit log (its own context: the tenant route's, or
    — for the demo seeder — entered here for that one tenant)."""
    if current_tenant_id() == req.tenant_id:
        audit.record(action, object_type="advice_request", object_id=req.id, actor_id=actor_id)
        return
    with tenant_context(req.tenant_id):
        audit.record(action, object_type="advice_request", object_id=req.id, actor_id=actor_id)
        db.session.flush()


def _set_state(req: AdviceRequest, state: str, actor_id: int | None, now: datetime) -> None:
    if req.state == state:
        return
    sla.move_clock(req, state, now)
    db.session.add(AdviceStateChange(request_id=req.id, from_state=req.state, to_state=state, actor_id=actor_id,
                                     at=now))
    req.state = state


def create_request(tenant, user_id: int, *, topic: str, subject: str, question: str, urgency: str,
                   context_json: str | None, now: datetime | None = None, auto_assign: bool = True) -> AdviceRequest:
    now = utc(now)
    if topic not in TOPICS:
        raise AdviceError(_("Choose one of the options."), "topic")
    if urgency not in URGENCIES:
        raise AdviceError(_("Choose one of the options."), "urgency")
    subject = (subject or "").strip()
    if not subject:
        raise AdviceError(_("Enter a short subject."), "subject")
    if len(subject) > 160:
        raise AdviceError(_("This text is too long (at most %(max)d characters).", max=160), "subject")
    req = AdviceRequest(tenant_id=tenant.id, topic=topic, subject=subject, urgency=urgency,
                        question=_text(question, "question", _("Enter your question.")), context_json=context_json,
                        asked_by_id=user_id, state=NEW, created_at=now, clock_started_at=now)
    db.session.add(req)
    db.session.flush()
    db.session.add(AdviceStateChange(request_id=req.id, from_state=None, to_state=NEW, actor_id=user_id, at=now))
    _tenant_audit(req, "advice.request_sent", user_id)
    if auto_assign:
        assign_round_robin(req, now)
    return req


def assign(req: AdviceRequest, assignee_id: int, actor_id: int | None, now: datetime | None = None) -> None:
    now = utc(now)
    if req.state not in OPEN_STATES:
        raise AdviceError(_("Only an open request can be assigned."))
    if assignee_id not in {u.id for u in assignment.advisors()}:
        raise AdviceError(_("Choose one of the options."), "assignee_id")
    req.assignee_id = assignee_id
    if req.state == NEW:
        _set_state(req, ASSIGNED, actor_id, now)
    db.session.flush()
    audit.record("advice.assigned", object_type="advice_request", object_id=req.id, platform=True,
                 actor_id=actor_id, detail=f"assignee={assignee_id}")


def assign_round_robin(req: AdviceRequest, now: datetime | None = None) -> bool:
    now = utc(now)
    advisor = assignment.pick_advisor(_today(now), now)
    if advisor is None:
        return False
    req.assignee_id = advisor.id
    _set_state(req, ASSIGNED, None, now)
    db.session.flush()
    audit.record("advice.assigned", object_type="advice_request", object_id=req.id, platform=True,
                 detail=f"round-robin assignee={advisor.id}")
    return True


def start(req: AdviceRequest, actor_id: int, now: datetime | None = None) -> None:
    now = utc(now)
    if req.state not in (NEW, ASSIGNED):
        raise AdviceError(_("This request is not waiting to be started."))
    if req.assignee_id is None:
        req.assignee_id = actor_id
    _set_state(req, IN_PROGRESS, actor_id, now)
    audit.record("advice.started", object_type="advice_request", object_id=req.id, platform=True, actor_id=actor_id)


ESS_KINDS = ("message", "info_request", "answer")


def send_to_municipality(req: AdviceRequest, body: str, kind: str, actor_id: int,
                         now: datetime | None = None) -> AdviceMessage:
    """An ESS message: any kind counts as the first response; `info_request` waits for the municipality
    (the resolution clock pauses), `answer` answers the request and notifies the municipality."""
    now = utc(now)
    if kind not in ESS_KINDS:
        raise AdviceError(_("Choose one of the options."), "kind")
    if req.state not in OPEN_STATES:
        raise AdviceError(_("This request is no longer open; it must be reopened first."))
    message = AdviceMessage(request_id=req.id, tenant_id=req.tenant_id, side="ess", kind=kind, author_id=actor_id,
                            body=_text(body, "body", _("Write a message.")), created_at=now)
    db.session.add(message)
    if req.assignee_id is None:
        req.assignee_id = actor_id
    if req.first_response_at is None:
        req.first_response_at = now
    target = {"info_request": WAITING, "answer": ANSWERED}.get(kind, IN_PROGRESS)
    _set_state(req, target, actor_id, now)
    if kind == "answer":
        req.answered_at = now
    db.session.flush()
    audit.record(f"advice.{kind}_sent", object_type="advice_request", object_id=req.id, platform=True,
                 actor_id=actor_id)
    if kind == "answer":
        notify_answered(req, message)
    return message


def municipality_reply(req: AdviceRequest, body: str, user_id: int, now: datetime | None = None) -> AdviceMessage:
    now = utc(now)
    if req.state not in OPEN_STATES:
        raise AdviceError(_("This request is no longer open; reopen it to continue."))
    message = AdviceMessage(request_id=req.id, tenant_id=req.tenant_id, side="municipality", kind="reply",
                            author_id=user_id, body=_text(body, "body", _("Write a message.")), created_at=now)
    db.session.add(message)
    if req.state == WAITING:
        _set_state(req, IN_PROGRESS, user_id, now)
    db.session.flush()
    _tenant_audit(req, "advice.reply_sent", user_id)
    return message


def add_note(req: AdviceRequest, body: str, actor_id: int, now: datetime | None = None) -> AdviceInternalNote:
    note = AdviceInternalNote(request_id=req.id, body=_text(body, "body", _("Write a note.")), author_id=actor_id,
                              created_at=utc(now))
    db.session.add(note)
    db.session.flush()
    audit.record("advice.note_added", object_type="advice_request", object_id=req.id, platform=True,
                 actor_id=actor_id)
    return note


def close(req: AdviceRequest, actor_id: int, *, by_municipality: bool, now: datetime | None = None) -> None:
    now = utc(now)
    if by_municipality and req.state != ANSWERED:
        raise AdviceError(_("Only an answered request can be closed."))
    if req.state == CLOSED:
        raise AdviceError(_("This request is already closed."))
    _set_state(req, CLOSED, actor_id, now)
    req.closed_at = now
    if by_municipality:
        _tenant_audit(req, "advice.closed", actor_id)
    else:
        audit.record("advice.closed", object_type="advice_request", object_id=req.id, platform=True,
                     actor_id=actor_id)


def reopen(req: AdviceRequest, user_id: int, now: datetime | None = None) -> None:
    now = utc(now)
    if not can_reopen(req, now):
        raise AdviceError(_("A request can be reopened only within %(days)d days after the answer.", days=REOPEN_DAYS))
    req.round += 1
    req.answered_at = None
    req.closed_at = None
    _set_state(req, IN_PROGRESS if req.assignee_id else NEW, user_id, now)
    _tenant_audit(req, "advice.reopened", user_id)


def give_share_consent(req: AdviceRequest, user_id: int, now: datetime | None = None) -> None:
    if req.share_consent_at is None:
        req.share_consent_at = utc(now)
        req.share_consent_by_id = user_id
        _tenant_audit(req, "advice.share_consent", user_id)


# --- notifications ------------------------------------------------------------------------------------

def link(endpoint: str, **values) -> str:
    """An absolute link for an e-mail (also from a job, outside any request)."""
    base = current_app.config["BASE_URL"].rstrip("/")
    if has_request_context():
        return base + url_for(endpoint, **values)
    with current_app.test_request_context():
        return base + url_for(endpoint, **values)


def record_effect(req: AdviceRequest, kind: str, *, message_id: int = 0, recipient_id: int | None = None) -> AdviceEffect | None:
    """Record an effect once; None when it was recorded before (so it is not sent again)."""
    key = dict(request_id=req.id, kind=kind, round=req.round, message_id=message_id)
    if db.session.scalar(db.select(AdviceEffect.id).filter_by(**key)) is not None:
        return None
    effect = AdviceEffect(tenant_id=req.tenant_id, recipient_id=recipient_id, **key)
    db.session.add(effect)
    db.session.flush()
    return effect


def send_mail(user: User, subject: str, body: str, tenant_id: int | None = None) -> None:
    enqueue("sleutelnet.workers.mail.send_email", queue="mail", tenant_id=tenant_id, to=user.email,
            subject=subject, body=body)


def notify_answered(req: AdviceRequest, message: AdviceMessage) -> None:
    """In-app notification (the effect row, read on the municipality's pages) and an e-mail to the asker.
    The mail names the subject and links to the request; never the answer, never an internal note."""
    effect = record_effect(req, "answered", message_id=message.id, recipient_id=req.asked_by_id)
    if effect is None:
        return
    asker = db.session.get(User, req.asked_by_id) if req.asked_by_id else None
    member = asker and asker.active and db.session.scalar(
        db.select(Membership.id).filter_by(tenant_id=req.tenant_id, user_id=asker.id, active=True))
    if member:
        with in_language(asker.locale):
            url = link("tenant.advice.show", tenant_slug=req.tenant.slug, request_id=req.id)
            send_mail(asker, _("The ESS has answered your advice request"),
                  _("The ESS has answered your advice request “%(subject)s”.\n\nRead the answer in Sleutelnet: %(url)s",
                    subject=req.subject, url=url))
        effect.emailed = True


def unread_answers(tenant_id: int) -> list[AdviceRequest]:
    ids = db.select(AdviceEffect.request_id).filter_by(tenant_id=tenant_id, kind="answered", read_at=None)
    return db.session.scalars(db.select(AdviceRequest).where(AdviceRequest.id.in_(ids), AdviceRequest.tenant_id == tenant_id)
                              .order_by(AdviceRequest.id.desc())).all()


def mark_read(req: AdviceRequest, now: datetime | None = None) -> None:
    for effect in db.session.scalars(db.select(AdviceEffect).filter_by(request_id=req.id, kind="answered",
                                                                       read_at=None)).all():
        effect.read_at = utc(now)
