"""Read-side of contacts: the filtered list, a person's timeline, last contact, counts (no N+1)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import selectinload

from ...platform.extensions import db
from ...platform.pagination import paginate
from .models import Contact, ContactPerson

PER_PAGE = 25
TIMELINE_PER_PAGE = 20


@dataclass
class Filters:
    network_id: int | None = None
    channel: str | None = None
    topic: str | None = None
    recorded_by_id: int | None = None
    date_from: date | None = None
    date_to: date | None = None
    follow_up: str | None = None  # "open" / "overdue"


def list_contacts(filters: Filters, page: int = 1):
    stmt = db.select(Contact).options(selectinload(Contact.person_links), selectinload(Contact.recorded_by))
    if filters.network_id:
        stmt = stmt.where(Contact.network_id == filters.network_id)
    if filters.channel:
        stmt = stmt.where(Contact.channel == filters.channel)
    if filters.topic:
        stmt = stmt.where(Contact.topics.contains(f",{filters.topic},"))
    if filters.recorded_by_id:
        stmt = stmt.where(Contact.recorded_by_id == filters.recorded_by_id)
    if filters.date_from:
        stmt = stmt.where(Contact.contacted_on >= filters.date_from)
    if filters.date_to:
        stmt = stmt.where(Contact.contacted_on <= filters.date_to)
    if filters.follow_up in ("open", "overdue"):
        stmt = stmt.where(Contact.follow_up_due.is_not(None), Contact.follow_up_done_on.is_(None))
        if filters.follow_up == "overdue":
            stmt = stmt.where(Contact.follow_up_due < date.today())
    stmt = stmt.order_by(Contact.contacted_on.desc(), Contact.id.desc())
    return paginate(stmt, page=page, per_page=PER_PAGE)  # page and total in one query


def timeline(person_id: int, page: int = 1):
    """The contacts of one key person, newest first (the route logs the read: `access_person`)."""
    stmt = (db.select(Contact).join(ContactPerson, ContactPerson.contact_id == Contact.id)
            .where(ContactPerson.person_id == person_id)
            .options(selectinload(Contact.person_links), selectinload(Contact.recorded_by))
            .order_by(Contact.contacted_on.desc(), Contact.id.desc()))
    return paginate(stmt, page=page, per_page=TIMELINE_PER_PAGE)


def last_contacts(person_ids, today: date | None = None) -> dict[int, dict]:
    """{person_id: {"last_contact_on": date}} for the persons that have a contact (engagement health)."""
    ids = list(person_ids)
    if not ids:
        return {}
    out = {}
    for start in range(0, len(ids), 500):
        rows = db.session.execute(
            db.select(ContactPerson.person_id, db.func.max(Contact.contacted_on))
            .join(Contact, Contact.id == ContactPerson.contact_id)
            .where(ContactPerson.person_id.in_(ids[start:start + 500]),
                   *([Contact.contacted_on <= today] if today else []))
            .group_by(ContactPerson.person_id)).all()
        out.update({pid: {"last_contact_on": last} for pid, last in rows})
    return out


def counts_per_month(network_id: int | None, months: int = 12) -> list[dict]:
    """Contacts and persons reached per month and channel — numbers only (viewers see this)."""
    today = date.today()
    year, month = today.year, today.month - (months - 1)
    while month <= 0:
        month, year = month + 12, year - 1
    first = date(year, month, 1)
    stmt = db.select(Contact.contacted_on, Contact.channel, db.func.count()).where(Contact.contacted_on >= first)
    if network_id:
        stmt = stmt.where(Contact.network_id == network_id)
    rows = db.session.execute(stmt.group_by(Contact.contacted_on, Contact.channel)).all()
    buckets: dict[tuple[int, int], dict] = {}
    for day, channel, n in rows:
        bucket = buckets.setdefault((day.year, day.month), {"month": date(day.year, day.month, 1), "total": 0,
                                                             "channels": {}})
        bucket["total"] += n
        bucket["channels"][channel] = bucket["channels"].get(channel, 0) + n
    return [buckets[k] for k in sorted(buckets, reverse=True)]
