"""In-app notifications and delivery preferences of the signed-in user (services flush; routes commit)."""
from __future__ import annotations

import json

from ...platform import audit, stored_texts
from ...platform.extensions import db
from ...platform.models import utcnow
from ...tenants import cache as tenant_cache
from .models import DEFAULT_DELIVERY, DELIVERY_CHOICES, Notification, NotificationPreference, ReminderDispatch

PER_PAGE = 25


def unread_count(user_id: int) -> int:
    """The header bell's count, cached per process until anything of the municipality changes
    (tenants/cache.py): a new notification, bulk inserted by the reminder sweep, or one marked read."""
    return tenant_cache.cached(f"unread:{user_id}", lambda: db.session.scalar(
        db.select(db.func.count()).select_from(Notification)
        .where(Notification.user_id == user_id, Notification.read_at.is_(None))) or 0)


def page(user_id: int, page_no: int = 1):
    stmt = (db.select(Notification).where(Notification.user_id == user_id)
            .order_by(Notification.read_at.is_not(None), Notification.id.desc()))
    return db.paginate(stmt, page=max(page_no, 1), per_page=PER_PAGE, error_out=False)


def titles(items) -> dict[int, str]:
    """notification id -> its title in the reader's language (the reminder's title is stored as rendered for
    the mail, in the municipality's language, and as its msgid and parameters next to it; one query)."""
    dispatch_ids = {n.dispatch_id for n in items if n.dispatch_id is not None}
    data = dict(db.session.execute(db.select(ReminderDispatch.id, ReminderDispatch.title_data)
                                   .where(ReminderDispatch.id.in_(dispatch_ids))).all()) if dispatch_ids else {}
    return {n.id: stored_texts.from_data(json.loads(data.get(n.dispatch_id) or "null"), n.title) for n in items}


def mark_read(item: Notification) -> None:
    if item.read_at is None:
        item.read_at = utcnow()
        audit.record("reminders.read", object_type="notification", object_id=item.id)
        db.session.flush()


def mark_all_read(user_id: int) -> int:
    result = db.session.execute(
        db.update(Notification).where(Notification.user_id == user_id, Notification.read_at.is_(None))
        .values(read_at=utcnow()), execution_options={"synchronize_session": False})
    audit.record("reminders.all_read", object_type="user", object_id=user_id)
    return result.rowcount or 0


def preferences(user_id: int, kind_codes) -> dict[str, str]:
    stored = dict(db.session.execute(db.select(NotificationPreference.kind, NotificationPreference.delivery)
                                     .where(NotificationPreference.user_id == user_id)).all())
    return {code: stored.get(code, DEFAULT_DELIVERY) for code in kind_codes}


def save_preferences(user_id: int, chosen: dict[str, str]) -> None:
    existing = {p.kind: p for p in db.session.scalars(
        db.select(NotificationPreference).where(NotificationPreference.user_id == user_id))}
    for kind, delivery in chosen.items():
        if delivery not in DELIVERY_CHOICES:
            raise ValueError(delivery)
        if kind in existing:
            existing[kind].delivery = delivery
        else:
            db.session.add(NotificationPreference(user_id=user_id, kind=kind, delivery=delivery))
    audit.record("reminders.preferences", object_type="user", object_id=user_id)
    db.session.flush()
