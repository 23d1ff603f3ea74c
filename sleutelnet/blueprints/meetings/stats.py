"""Numbers for other areas: engagement facts per key person (§3.3) and national indicators.

Both run inside a tenant's context and use a fixed number of grouped queries, whatever the data size.
"""
from __future__ import annotations

from datetime import date, time, timedelta

from ...platform.extensions import db
from .choices import HELD_STATUSES
from .models import Action, Attendance, Meeting, MeetingLocation
from .services import local, to_utc


def _quarter_start(day: date) -> date:
    return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def engagement(person_ids, today: date) -> dict[int, dict]:
    """{person_id: {"meetings_missed_in_row", "last_attended_on", "open_actions", "roles_this_quarter"}}."""
    ids = list(person_ids)
    out = {pid: {"meetings_missed_in_row": 0, "last_attended_on": None, "open_actions": 0,
                 "roles_this_quarter": set()} for pid in ids}
    if not ids:
        return out
    end = to_utc(today + timedelta(days=1), time(0, 0))
    rows = db.session.execute(
        db.select(Attendance.person_id, Attendance.status, Meeting.starts_at)
        .join(Meeting, Meeting.id == Attendance.meeting_id)
        .where(Attendance.person_id.in_(ids), Meeting.status.in_(HELD_STATUSES), Meeting.starts_at < end)
        .order_by(Attendance.person_id, Meeting.starts_at.desc())).all()
    streak_open = {pid: True for pid in ids}
    for pid, status, starts_at in rows:
        facts = out[pid]
        if status == "present":
            if facts["last_attended_on"] is None:
                facts["last_attended_on"] = local(starts_at).date()
            streak_open[pid] = False
        elif streak_open[pid] and status in ("absent", "excused"):
            facts["meetings_missed_in_row"] += 1
    for pid, n in db.session.execute(db.select(Action.owner_person_id, db.func.count())
                                     .where(Action.owner_person_id.in_(ids), Action.done_on.is_(None))
                                     .group_by(Action.owner_person_id)):
        out[pid]["open_actions"] = n
    start = to_utc(_quarter_start(today), time(0, 0))
    quarter = (Meeting.starts_at >= start, Meeting.starts_at < end, Meeting.status != "cancelled")
    for pid in db.session.scalars(db.select(Meeting.chair_person_id).where(Meeting.chair_person_id.in_(ids), *quarter)):
        out[pid]["roles_this_quarter"].add("chair")
    hosts = db.session.execute(
        db.select(MeetingLocation.organisation_id).join(Meeting, Meeting.location_id == MeetingLocation.id)
        .where(MeetingLocation.organisation_id.is_not(None), *quarter)).scalars().all()
    if hosts:
        from ..keypersons.models import KeyPersonOrganisation

        for pid in db.session.scalars(db.select(KeyPersonOrganisation.person_id).where(
                KeyPersonOrganisation.person_id.in_(ids), KeyPersonOrganisation.organisation_id.in_(set(hosts)))):
            out[pid]["roles_this_quarter"].add("host")
    return out


def _period(start: date, end: date):
    return Meeting.starts_at >= to_utc(start, time(0, 0)), Meeting.starts_at < to_utc(end, time(0, 0))


def _attendees(start: date, end: date) -> int:
    return db.session.scalar(db.select(db.func.count(db.distinct(Attendance.person_id)))
                             .join(Meeting, Meeting.id == Attendance.meeting_id)
                             .where(*_period(start, end), Meeting.status.in_(HELD_STATUSES),
                                    Attendance.status == "present", Attendance.person_id.is_not(None))) or 0


def held_vs_planned(tenant_id: int, start: date, end: date) -> dict | None:
    """Share of the meetings planned in the quarter (not drafts) that were held."""
    rows = dict(db.session.execute(db.select(Meeting.status, db.func.count()).where(
        *_period(start, end), Meeting.status != "concept").group_by(Meeting.status)).all())
    planned = sum(rows.values())
    if not planned:
        return None
    held = sum(rows.get(s, 0) for s in HELD_STATUSES)
    return {"value": round(held / planned, 3), "n_persons": _attendees(start, end)}


def attendance_rate(tenant_id: int, start: date, end: date) -> dict | None:
    """Of the key persons invited to meetings held in the quarter, the share that was present."""
    rows = dict(db.session.execute(db.select(Attendance.status, db.func.count())
                                   .join(Meeting, Meeting.id == Attendance.meeting_id)
                                   .where(*_period(start, end), Meeting.status.in_(HELD_STATUSES),
                                          Attendance.person_id.is_not(None)).group_by(Attendance.status)).all())
    invited = sum(rows.values())
    if not invited:
        return None
    return {"value": round(rows.get("present", 0) / invited, 3), "n_persons": _attendees(start, end)}


def location_rotation(tenant_id: int, start: date, end: date) -> dict | None:
    """Distinct hosts (organisation, or place when it is not an organisation's) per meeting held."""
    rows = db.session.execute(db.select(Meeting.location_id, MeetingLocation.organisation_id)
                              .join(MeetingLocation, MeetingLocation.id == Meeting.location_id)
                              .where(*_period(start, end), Meeting.status.in_(HELD_STATUSES))).all()
    if not rows:
        return None
    hosts = {("org", org) if org else ("place", loc) for loc, org in rows}
    return {"value": round(len(hosts) / len(rows), 3), "n_persons": _attendees(start, end)}
