"""Reminder kinds of the meetings area, for the reminder dispatch (see platform.features.ReminderKind).

`find_due(tenant_id, today)` runs inside the tenant's context and yields `Due` objects; the dispatch
inserts one row per (tenant, kind, subject, reference date, offset) before sending, so yielding the same
Due on every sweep is safe. The reference date is the meeting date (or an action's due date): a moved
meeting gets new reminders. Titles and payloads carry no confidential text and no names.
"""
from __future__ import annotations

from datetime import date, time, timedelta
from typing import Iterator

from flask_babel import lazy_gettext as _l, lazy_ngettext

from ...platform.extensions import db
from ...platform.features import Due
from ...tenants.models import Membership, Tenant
from ..keypersons.models import KeyPerson
from ..network.models import NetworkOfficial
from . import choices
from .models import Action, Attendance, Meeting
from .services import local, to_utc

OVERDUE_AFTER = 7  # days after the due date: a second, "overdue" reminder


def _organisers(tenant_id: int, network_id: int) -> tuple[int, ...]:
    """The coordinators and the officials linked to the network."""
    coordinators = db.session.scalars(db.select(Membership.user_id).filter_by(
        tenant_id=tenant_id, role="coordinator", active=True)).all()
    linked = db.session.scalars(db.select(Membership.user_id).join(
        NetworkOfficial, NetworkOfficial.membership_id == Membership.id)
        .where(NetworkOfficial.network_id == network_id, Membership.active.is_(True))).all()
    return tuple(sorted(set(coordinators) | set(linked)))


def _urls(tenant_id: int):
    """meeting id -> the path of its page (the tenant's slug read once per call)."""
    slug = db.session.scalar(db.select(Tenant.slug).filter_by(id=tenant_id))
    return lambda meeting_id: f"/g/{slug}/bijeenkomsten/{meeting_id}"


class _Organisers:
    """`_organisers` per network, read once per find_due call."""

    def __init__(self, tenant_id: int):
        self.tenant_id, self.cache = tenant_id, {}

    def __call__(self, network_id: int) -> tuple[int, ...]:
        if network_id not in self.cache:
            self.cache[network_id] = _organisers(self.tenant_id, network_id)
        return self.cache[network_id]


def _upcoming(today: date, days: int) -> list[Meeting]:
    start = to_utc(today, time(0, 0))
    return db.session.scalars(db.select(Meeting).where(
        Meeting.status == "planned", Meeting.starts_at >= start,
        Meeting.starts_at < start + timedelta(days=days + 1)).order_by(Meeting.starts_at)).all()


def due_offset(meeting_day: date, offsets, today: date) -> int | None:
    """The reminder to send today: the smallest offset whose moment has come (a meeting planned three days
    ahead gets its 7-day reminder now and its 1-day reminder later, never both at once)."""
    if today >= meeting_day:
        return None
    started = [d for d in offsets if today >= meeting_day - timedelta(days=d)]
    return min(started) if started else None


def meeting_reminders(tenant_id: int, today: date) -> Iterator[Due]:
    """Reminders before a planned meeting, at the meeting's own offsets (default 7 and 1 days before)."""
    url, organisers = _urls(tenant_id), _Organisers(tenant_id)
    for meeting in _upcoming(today, max(choices.REMINDER_CHOICES)):
        day = local(meeting.starts_at).date()
        offset = due_offset(day, meeting.reminder_days or (), today)
        if offset is None:
            continue
        emails = db.session.scalars(db.select(KeyPerson.email).join(Attendance, Attendance.person_id == KeyPerson.id)
                                    .where(Attendance.meeting_id == meeting.id,
                                           Attendance.status.in_(("invited", "accepted")),
                                           KeyPerson.email != "")).all()
        yield Due(kind="meeting_reminder", subject_type="meeting", subject_id=meeting.id, reference_date=day,
                  offset_days=offset, user_ids=organisers(meeting.network_id),
                  emails=tuple(sorted(set(emails))), url=url(meeting.id),
                  title=_l("Reminder: meeting on %(date)s", date=day.isoformat()),
                  payload={"date": day.isoformat(), "time": local(meeting.starts_at).strftime("%H:%M"),
                           "place": meeting.location.name if meeting.location else ""})


def rsvp_outstanding(tenant_id: int, today: date) -> Iterator[Due]:
    """A few days before a meeting: tell the organisers how many invitees have not answered (a count)."""
    url, organisers = _urls(tenant_id), _Organisers(tenant_id)
    for meeting in _upcoming(today, choices.RSVP_OUTSTANDING_DAYS):
        day = local(meeting.starts_at).date()
        if due_offset(day, (choices.RSVP_OUTSTANDING_DAYS,), today) is None:
            continue
        open_count = db.session.scalar(db.select(db.func.count()).select_from(Attendance).where(
            Attendance.meeting_id == meeting.id, Attendance.status == "invited", Attendance.person_id.is_not(None)))
        if not open_count:
            continue
        yield Due(kind="meeting_rsvp_outstanding", subject_type="meeting", subject_id=meeting.id,
                  reference_date=day, offset_days=choices.RSVP_OUTSTANDING_DAYS,
                  user_ids=organisers(meeting.network_id), url=url(meeting.id),
                  title=lazy_ngettext("%(num)d invitee has not answered yet", "%(num)d invitees have not answered yet",
                                      open_count), payload={"open": open_count})


def actions_due(tenant_id: int, today: date) -> Iterator[Due]:
    """Open actions on their due date (offset 0) and a week after it (overdue, offset -7)."""
    rows = db.session.execute(db.select(Action, Meeting.network_id, KeyPerson.email)
                              .join(Meeting, Meeting.id == Action.meeting_id)
                              .outerjoin(KeyPerson, KeyPerson.id == Action.owner_person_id)
                              .where(Action.done_on.is_(None), Action.due_on.is_not(None),
                                     Action.due_on <= today)).all()
    url, organisers = _urls(tenant_id), _Organisers(tenant_id)
    for action, network_id, email in rows:
        overdue = today >= action.due_on + timedelta(days=OVERDUE_AFTER)
        users = set(organisers(network_id))
        if action.owner_user_id:
            users.add(action.owner_user_id)
        emails = (email,) if email else ()
        yield Due(kind="meeting_action", subject_type="meeting_action", subject_id=action.id,
                  reference_date=action.due_on, offset_days=-OVERDUE_AFTER if overdue else 0,
                  user_ids=tuple(sorted(users)), emails=emails, url=url(action.meeting_id),
                  title=(_l("An action from a meeting is overdue") if overdue else _l("An action from a meeting is due")),
                  payload={"due_on": action.due_on.isoformat()})


