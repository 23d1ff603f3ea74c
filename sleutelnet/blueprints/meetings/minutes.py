"""Attendance per person (the count is derived) and the two layers of the minutes: the shareable summary,
decisions and actions, and the confidential notes (coordinator and linked officials only)."""
from __future__ import annotations

from datetime import date

from flask_babel import gettext as _
from sqlalchemy.orm import joinedload

from ...platform import audit
from ...platform.extensions import db
from ...platform.i18n import sort_key
from ...platform.kernel import find
from ..keypersons.services import current_actor_id
from . import choices
from .agenda import agenda, park
from .models import Action, Attendance, Decision, Meeting, MeetingNotes
from .services import MeetingError, clean, parse_owner


def attendances(meeting_id: int) -> list[Attendance]:
    rows = db.session.scalars(db.select(Attendance).filter_by(meeting_id=meeting_id)
                              .options(joinedload(Attendance.person), joinedload(Attendance.user))).all()
    return sorted(rows, key=lambda a: (a.user_id is not None, sort_key(a.person.name if a.person else
                                                                       (a.user.name or a.user.email))))


def attendance_counts(meeting_id: int) -> dict[str, int]:
    """Derived, never typed: status -> number of people."""
    rows = db.session.execute(db.select(Attendance.status, db.func.count()).filter_by(meeting_id=meeting_id)
                              .group_by(Attendance.status)).all()
    counts = {code: 0 for code in choices.ATTENDANCE}
    counts.update({status: n for status, n in rows})
    return counts


def count_statuses(rows: list[Attendance]) -> dict[str, int]:
    """The same derived count from rows already loaded."""
    counts = {code: 0 for code in choices.ATTENDANCE}
    for row in rows:
        counts[row.status] = counts.get(row.status, 0) + 1
    return counts


def record_attendance(meeting: Meeting, statuses: dict[int, str]) -> int:
    """After the meeting: attendance id -> present/excused/absent. Returns the number changed."""
    if meeting.status not in choices.HELD_STATUSES:
        raise MeetingError(_("Record attendance once the meeting has been held."))
    changed = 0
    for row in db.session.scalars(db.select(Attendance).filter_by(meeting_id=meeting.id)):
        status = statuses.get(row.id)
        if status is None:
            continue
        if status not in choices.AFTER:
            raise MeetingError(_("Choose one of the options."), f"a{row.id}")
        if row.status != status:
            row.status, changed = status, changed + 1
    db.session.flush()
    audit.record("meetings.attendance", object_type="meeting", object_id=meeting.id, detail=f"changed={changed}")
    return changed


def decisions(meeting_id: int) -> list[Decision]:
    return db.session.scalars(db.select(Decision).filter_by(meeting_id=meeting_id)
                              .order_by(Decision.position, Decision.id)).all()


def actions(meeting_id: int) -> list[Action]:
    return db.session.scalars(db.select(Action).filter_by(meeting_id=meeting_id)
                              .options(joinedload(Action.owner_person), joinedload(Action.owner_user))
                              .order_by(Action.due_on, Action.id)).all()


def save_minutes(meeting: Meeting, *, summary: str, decision_lines: list[str], discussed_ids: set[int],
                 confidential_notes: str | None = None, may_write_confidential: bool = False) -> Meeting:
    """Save the draft minutes; on the first save, agenda items not reached move to the backlog."""
    if meeting.status not in ("held", "minutes_draft"):
        raise MeetingError(_("Minutes can be written once the meeting has been held, until they are approved."))
    summary = clean(summary)
    if not summary:
        raise MeetingError(_("Write a short summary of the meeting."), "summary")
    meeting.summary = summary
    for old in decisions(meeting.id):
        db.session.delete(old)
    for position, line in enumerate(line for line in (clean(x) for x in decision_lines) if line):
        db.session.add(Decision(meeting_id=meeting.id, text=line, position=position))
    moved = 0
    for item in agenda(meeting.id):
        if item.id in discussed_ids:
            item.state = "discussed"
        else:
            park(item, meeting)
            moved += 1
    if may_write_confidential and confidential_notes is not None:
        save_confidential_notes(meeting, confidential_notes)
    if meeting.status == "held":
        meeting.status = "minutes_draft"
    db.session.flush()
    audit.record("meetings.minutes_saved", object_type="meeting", object_id=meeting.id, detail=f"backlog={moved}")
    return meeting


def confidential_notes(meeting_id: int) -> str | None:
    """Layer 2 of the minutes; callers check VIEW_CONFIDENTIAL_MINUTES first."""
    return db.session.scalar(db.select(MeetingNotes.notes).filter_by(meeting_id=meeting_id))


def save_confidential_notes(meeting: Meeting, text: str | None) -> None:
    row = db.session.scalar(db.select(MeetingNotes).filter_by(meeting_id=meeting.id))
    if row is None:
        row = MeetingNotes(meeting_id=meeting.id)
        db.session.add(row)
    row.notes = clean(text) or None
    row.updated_by_id = current_actor_id()
    db.session.flush()
    audit.record("meetings.notes_saved", object_type="meeting", object_id=meeting.id)


def add_action(meeting: Meeting, *, description: str, owner: str | None, due_on: date | None) -> Action:
    if meeting.status not in choices.HELD_STATUSES:
        raise MeetingError(_("Actions are agreed at a meeting that has been held."))
    description = clean(description)
    if not description:
        raise MeetingError(_("Describe the action."), "description")
    if not owner:
        raise MeetingError(_("Choose who will do it."), "owner")
    if due_on is None:
        raise MeetingError(_("Enter the due date."), "due_on")
    person_id, user_id = parse_owner(meeting, owner)
    action = Action(meeting_id=meeting.id, description=description, owner_person_id=person_id,
                    owner_user_id=user_id, due_on=due_on)
    db.session.add(action)
    db.session.flush()
    audit.record("meetings.action_added", object_type="meeting", object_id=meeting.id, detail=f"action={action.id}")
    return action


def complete_action(meeting: Meeting, action_id: int) -> Action:
    action = find(Action, id=action_id, meeting_id=meeting.id)
    action.done_on = None if action.done_on else date.today()
    db.session.flush()
    audit.record("meetings.action_done", object_type="meeting", object_id=meeting.id,
                 detail=f"action={action.id} done={int(bool(action.done_on))}")
    return action
