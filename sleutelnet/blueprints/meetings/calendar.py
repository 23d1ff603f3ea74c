"""Calendar files: an .ics per meeting and a personal feed per user behind a revocable token.

Both carry the meeting's title, type, time (with a VTIMEZONE for Europe/Amsterdam, so times never drift),
place and a link back to the meeting page — never the attendee list, the minutes or confidential notes.
The feed token is random; only its SHA-256 is stored, prefixed in the URL by the tenant id so the lookup
runs inside that tenant's context. Revoking deletes the row, and every old URL stops working.
"""
from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from typing import TYPE_CHECKING

from flask import current_app, url_for

from ...platform import audit
from ...platform.extensions import db
from ...platform.models import utcnow
from . import choices
from .models import CalendarFeed, Meeting
from .services import local

if TYPE_CHECKING:
    from icalendar import Calendar, Event

PRODID = "-//Sleutelnet//Bijeenkomsten//NL"
FEED_WINDOW = timedelta(days=400)


def _calendar(name: str) -> Calendar:
    from icalendar import Calendar, Timezone  # only calendar downloads need it (80 modules, ~8 MB per worker)

    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    cal.add_component(Timezone.from_tzid("Europe/Amsterdam"))
    return cal


def meeting_url(tenant_slug: str, meeting_id: int) -> str:
    return current_app.config["BASE_URL"].rstrip("/") + url_for("tenant.meetings.detail", tenant_slug=tenant_slug,
                                                                meeting_id=meeting_id)


def _event(meeting: Meeting, tenant_slug: str) -> Event:
    from icalendar import Event

    event = Event()
    event.add("uid", f"meeting-{meeting.id}-{meeting.tenant_id}@sleutelnet")
    event.add("dtstamp", utcnow())
    start = local(meeting.starts_at)
    event.add("dtstart", start)
    event.add("dtend", start + timedelta(minutes=meeting.duration_minutes))
    event.add("summary", meeting.title)
    event.add("categories", [str(choices.label(choices.KINDS, meeting.kind))])
    if meeting.location is not None:
        event.add("location", ", ".join(x for x in (meeting.location.name, meeting.location.address) if x))
    link = meeting_url(tenant_slug, meeting.id)
    event.add("url", link)
    event.add("description", link)
    event.add("status", "CANCELLED" if meeting.status == "cancelled" else
              ("TENTATIVE" if meeting.status == "concept" else "CONFIRMED"))
    event.add("sequence", int(meeting.updated_at.timestamp()) % 2_000_000_000 if meeting.updated_at else 0)
    return event


def meeting_ics(meeting: Meeting, tenant_slug: str) -> bytes:
    cal = _calendar(meeting.title)
    cal.add_component(_event(meeting, tenant_slug))
    return cal.to_ical()


def feed_ics(meetings: list[Meeting], tenant_slug: str, name: str) -> bytes:
    cal = _calendar(name)
    for meeting in meetings:
        cal.add_component(_event(meeting, tenant_slug))
    return cal.to_ical()


def feed_meetings(network_ids: list[int] | None) -> list[Meeting]:
    from sqlalchemy.orm import joinedload

    now = utcnow()
    query = (db.select(Meeting).options(joinedload(Meeting.location))
             .where(Meeting.starts_at >= now - FEED_WINDOW, Meeting.starts_at <= now + FEED_WINDOW,
                    Meeting.status != "concept").order_by(Meeting.starts_at))
    if network_ids is not None:
        query = query.where(Meeting.network_id.in_(network_ids))
    return db.session.scalars(query).all()


# --------------------------------------------------------------------------------------------------
# the personal feed token
# --------------------------------------------------------------------------------------------------

def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def feed_of(user_id: int) -> CalendarFeed | None:
    return db.session.scalar(db.select(CalendarFeed).filter_by(user_id=user_id))


def new_feed(user_id: int, tenant_id: int) -> str:
    """A new token (replacing any earlier one); returns the token, shown once."""
    old = feed_of(user_id)
    if old is not None:
        db.session.delete(old)
        db.session.flush()
    secret = secrets.token_urlsafe(32)
    feed = CalendarFeed(user_id=user_id, token_hash=_hash(secret))
    db.session.add(feed)
    db.session.flush()
    audit.record("meetings.feed_created", object_type="calendar_feed", object_id=feed.id)
    return f"{tenant_id}-{secret}"


def revoke_feed(user_id: int) -> bool:
    feed = feed_of(user_id)
    if feed is None:
        return False
    audit.record("meetings.feed_revoked", object_type="calendar_feed", object_id=feed.id)
    db.session.delete(feed)
    db.session.flush()
    return True


def split_token(token: str) -> tuple[int, str] | None:
    tenant, _, secret = (token or "").partition("-")
    if not tenant.isdigit() or len(secret) < 20:
        return None
    return int(tenant), secret


def feed_for_secret(secret: str) -> CalendarFeed | None:
    """Inside the tenant's context."""
    return db.session.scalar(db.select(CalendarFeed).filter_by(token_hash=_hash(secret)))


def feed_url(token: str) -> str:
    return current_app.config["BASE_URL"].rstrip("/") + url_for("meetings_public.feed", token=token)
