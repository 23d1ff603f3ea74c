"""The agenda of a meeting: items with an owner and a duration that must fit the meeting, proposals by key
persons (through their RSVP page), and the backlog of the series for items not reached."""
from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy.orm import joinedload

from ...platform import audit
from ...platform.extensions import db
from ...platform.kernel import find
from .models import AgendaItem, Meeting
from .services import MeetingError, agenda_minutes, clean, parse_owner


def agenda(meeting_id: int, state: str = "scheduled") -> list[AgendaItem]:
    return db.session.scalars(db.select(AgendaItem).filter_by(meeting_id=meeting_id, state=state)
                              .options(joinedload(AgendaItem.owner_person), joinedload(AgendaItem.owner_user))
                              .order_by(AgendaItem.position, AgendaItem.id)).all()


def _check_fit(meeting: Meeting, duration: int, exclude_id: int | None = None) -> None:
    if not duration or duration < 1 or duration > 600:
        raise MeetingError(_("Enter the duration in minutes (1 to 600)."), "duration_minutes")
    total = agenda_minutes(meeting.id, exclude_id) + duration
    if total > meeting.duration_minutes:
        raise MeetingError(_("This item does not fit: the agenda would take %(total)d minutes, but the meeting "
                             "lasts %(max)d minutes. Shorten an item or move one to the backlog.",
                             total=total, max=meeting.duration_minutes), "duration_minutes")


def _editable_agenda(meeting: Meeting) -> None:
    if meeting.status not in ("concept", "planned"):
        raise MeetingError(_("The agenda of a meeting that has been held or cancelled can no longer be changed."))


def add_item(meeting: Meeting, *, title: str, duration_minutes: int, owner: str | None = None,
             description: str = "") -> AgendaItem:
    _editable_agenda(meeting)
    title = clean(title)
    if not title:
        raise MeetingError(_("Enter a title for the agenda item."), "title")
    _check_fit(meeting, duration_minutes)
    person_id, user_id = parse_owner(meeting, owner)
    position = (db.session.scalar(db.select(db.func.max(AgendaItem.position)).filter_by(meeting_id=meeting.id)) or 0) + 1
    item = AgendaItem(network_id=meeting.network_id, meeting_id=meeting.id, series_id=meeting.series_id,
                      title=title[:200], description=clean(description), duration_minutes=duration_minutes,
                      position=position, state="scheduled", owner_person_id=person_id, owner_user_id=user_id)
    db.session.add(item)
    db.session.flush()
    audit.record("meetings.agenda_added", object_type="meeting", object_id=meeting.id, detail=f"item={item.id}")
    return item


def get_item(meeting: Meeting, item_id: int) -> AgendaItem:
    return find(AgendaItem, id=item_id, meeting_id=meeting.id)


def remove_item(meeting: Meeting, item: AgendaItem, *, to_backlog: bool) -> None:
    _editable_agenda(meeting)
    if to_backlog:
        park(item, meeting)
    else:
        db.session.delete(item)
    db.session.flush()
    audit.record("meetings.agenda_removed", object_type="meeting", object_id=meeting.id,
                 detail=f"item={item.id} backlog={int(to_backlog)}")


def accept_proposal(meeting: Meeting, item: AgendaItem) -> None:
    _editable_agenda(meeting)
    if item.state != "proposed":
        raise LookupError(item.id)
    _check_fit(meeting, item.duration_minutes)
    item.state = "scheduled"
    item.position = (db.session.scalar(db.select(db.func.max(AgendaItem.position))
                                       .filter_by(meeting_id=meeting.id)) or 0) + 1
    db.session.flush()
    audit.record("meetings.proposal_accepted", object_type="meeting", object_id=meeting.id, detail=f"item={item.id}")


def park(item: AgendaItem, meeting: Meeting) -> None:
    item.state = "backlog"
    item.meeting_id = None
    item.series_id = meeting.series_id


def backlog(meeting: Meeting) -> list[AgendaItem]:
    """Items waiting for a next meeting: of the meeting's series, or of the network when it has no series."""
    query = db.select(AgendaItem).filter_by(state="backlog", network_id=meeting.network_id)
    query = query.filter_by(series_id=meeting.series_id) if meeting.series_id else query.filter(
        AgendaItem.series_id.is_(None))
    return db.session.scalars(query.options(joinedload(AgendaItem.owner_person), joinedload(AgendaItem.owner_user))
                              .order_by(AgendaItem.created_at, AgendaItem.id)).all()


def take_from_backlog(meeting: Meeting, item_id: int) -> AgendaItem:
    _editable_agenda(meeting)
    item = next((i for i in backlog(meeting) if i.id == item_id), None)
    if item is None:
        raise LookupError(item_id)
    _check_fit(meeting, item.duration_minutes)
    item.meeting_id, item.state = meeting.id, "scheduled"
    item.position = (db.session.scalar(db.select(db.func.max(AgendaItem.position))
                                       .filter_by(meeting_id=meeting.id)) or 0) + 1
    db.session.flush()
    audit.record("meetings.backlog_taken", object_type="meeting", object_id=meeting.id, detail=f"item={item.id}")
    return item
