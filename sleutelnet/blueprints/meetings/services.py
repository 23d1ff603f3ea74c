"""Meetings: visibility, planning, the state machine, attendance and the two layers of minutes.

Services add and flush; routes commit. Every change writes an audit event (ids and codes only).
"""
from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

from flask import g, has_request_context
from flask_babel import gettext as _, ngettext
from sqlalchemy.orm import joinedload

from ...platform import audit
from ...platform.extensions import db
from ...platform.kernel import ServiceError
from ...platform.pagination import paginate
from ...platform.models import utcnow
from ...platform.policy import Role, tenant_role
from ..network import services as network_services
from ...platform.tenancy import current_tenant_id
from ..keypersons.models import KeyPerson
from ..keypersons.services import current_actor_id
from ..network.models import Network, NetworkOfficial
from . import choices
from .models import AgendaItem, Attendance, Meeting, MeetingLocation, MeetingSeries

TZ = ZoneInfo("Europe/Amsterdam")
# key persons who are invited to the network's meetings
INVITED_STATUSES = ("active", "returned")


class MeetingError(ServiceError):
    """A rule of the meetings area was broken (translated message, optional form field)."""


def local(moment: datetime) -> datetime:
    """A stored moment in Dutch local time (SQLite hands back naive UTC)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(TZ)


def to_utc(day: date, at: time) -> datetime:
    return datetime.combine(day, at, tzinfo=TZ).astimezone(timezone.utc)


def clean(value) -> str:
    return (value or "").strip()


# --------------------------------------------------------------------------------------------------
# visibility: officials see the meetings of the networks they are linked to (§3.1 "vast groepje")
# --------------------------------------------------------------------------------------------------

def linked_network_ids(membership_id: int) -> list[int]:
    return list(db.session.scalars(db.select(NetworkOfficial.network_id).filter_by(membership_id=membership_id)))


def visible_network_ids() -> list[int] | None:
    """None = every network of the tenant (coordinator, viewer's calendar); else the official's linked ones."""
    if not has_request_context() or tenant_role() != Role.OFFICIAL:
        return None
    cached = g.get("_meeting_networks")
    if cached is None:
        cached = g._meeting_networks = linked_network_ids(g.membership.id)
    return cached


def networks() -> list[Network]:
    query = db.select(Network).order_by(Network.id)
    ids = visible_network_ids()
    if ids is not None:
        query = query.where(Network.id.in_(ids))
    return db.session.scalars(query).all()


def pick_network(network_id: int | None) -> Network | None:
    """The requested visible network (remembered as the user's current one), else the current, else the first."""
    return network_services.current_network(network_id, networks())


def get_network(network_id: int) -> Network:
    network = db.session.get(Network, network_id) if network_id else None
    ids = visible_network_ids()
    if network is None or (ids is not None and network.id not in ids):
        raise LookupError(network_id)
    return network


def get_meeting(meeting_id: int) -> Meeting:
    query = db.select(Meeting).filter_by(id=meeting_id).options(
        joinedload(Meeting.location), joinedload(Meeting.network), joinedload(Meeting.series),
        joinedload(Meeting.chair_person), joinedload(Meeting.chair_user), joinedload(Meeting.approved_by))
    meeting = db.session.scalar(query)
    ids = visible_network_ids()
    if meeting is None or (ids is not None and meeting.network_id not in ids):
        raise LookupError(meeting_id)
    return meeting


def calendar(network_id: int | None, *, upcoming: bool, page: int = 1, per_page: int = 20):
    query = db.select(Meeting).options(joinedload(Meeting.location), joinedload(Meeting.network))
    ids = visible_network_ids()
    if ids is not None:
        query = query.where(Meeting.network_id.in_(ids))
    if network_id:
        query = query.where(Meeting.network_id == network_id)
    now = utcnow() - timedelta(hours=12)
    if upcoming:
        query = query.where(Meeting.starts_at >= now).order_by(Meeting.starts_at, Meeting.id)
    else:
        query = query.where(Meeting.starts_at < now).order_by(Meeting.starts_at.desc(), Meeting.id.desc())
    return paginate(query, page=page, per_page=per_page)  # page and total in one query


# --------------------------------------------------------------------------------------------------
# series
# --------------------------------------------------------------------------------------------------

def series_of(network_id: int) -> list[MeetingSeries]:
    return db.session.scalars(db.select(MeetingSeries).filter_by(network_id=network_id)
                              .order_by(MeetingSeries.name)).all()


def create_series(network: Network, *, name: str, kind: str, cadence: str | None) -> MeetingSeries:
    from ..network import choices as network_choices
    from ..network.services import get_frameworks

    name = clean(name)
    if not name:
        raise MeetingError(_("Enter a name for the series."), "name")
    if kind not in choices.KINDS:
        raise MeetingError(_("Choose one of the options."), "kind")
    if not cadence:  # the network's frameworks (§1.3) give the default rhythm
        frameworks = get_frameworks(network)
        cadence = frameworks.meeting_cadence if frameworks else None
    if cadence and cadence not in network_choices.CADENCES:
        raise MeetingError(_("Choose one of the options."), "cadence")
    if db.session.scalar(db.select(MeetingSeries.id).filter_by(network_id=network.id, name=name)):
        raise MeetingError(_("This network already has a series with this name."), "name")
    series = MeetingSeries(network_id=network.id, name=name, kind=kind, cadence=cadence)
    db.session.add(series)
    db.session.flush()
    audit.record("meetings.series_created", object_type="meeting_series", object_id=series.id)
    return series


CADENCE_DAYS = {"weekly": 7, "biweekly": 14, "monthly": 28, "six_weekly": 42, "quarterly": 91, "half_yearly": 182}


def next_date(series: MeetingSeries | None, after: date | None) -> date | None:
    """The next date in the series' rhythm after its last meeting (monthly: same weekday, four weeks on)."""
    if series is None or after is None or not series.cadence:
        return None
    return after + timedelta(days=CADENCE_DAYS[series.cadence])


def last_meeting_of(series_id: int) -> Meeting | None:
    return db.session.scalar(db.select(Meeting).filter(Meeting.series_id == series_id, Meeting.status != "cancelled")
                             .order_by(Meeting.starts_at.desc()).limit(1))


# --------------------------------------------------------------------------------------------------
# planning and editing
# --------------------------------------------------------------------------------------------------

def _check_location(location_id):
    if location_id is None:
        return None
    location = db.session.scalar(db.select(MeetingLocation).filter_by(id=location_id))
    if location is None:
        raise MeetingError(_("Choose one of the options."), "location_id")
    return location


def _check_person(network_id: int, person_id, field: str):
    if person_id is None:
        return None
    found = db.session.scalar(db.select(KeyPerson.id).filter_by(id=person_id, network_id=network_id))
    if found is None:
        raise MeetingError(_("Choose one of the options."), field)
    return found


def _apply(meeting: Meeting, data: dict) -> None:
    title = clean(data.get("title"))
    if not title:
        raise MeetingError(_("Enter a title for the meeting."), "title")
    if data.get("kind") not in choices.KINDS:
        raise MeetingError(_("Choose one of the options."), "kind")
    if data.get("day") is None:
        raise MeetingError(_("Enter the date of the meeting."), "day")
    if data.get("start") is None:
        raise MeetingError(_("Enter the starting time."), "start")
    duration = data.get("duration_minutes")
    if not duration or not 15 <= duration <= 600:
        raise MeetingError(_("A meeting lasts between 15 and 600 minutes."), "duration_minutes")
    days = sorted({int(d) for d in data.get("reminder_days") or ()}, reverse=True)
    if any(d not in choices.REMINDER_CHOICES for d in days):
        raise MeetingError(_("Choose one of the options."), "reminder_days")
    series_id = data.get("series_id")
    if series_id is not None and db.session.scalar(
            db.select(MeetingSeries.id).filter_by(id=series_id, network_id=meeting.network_id)) is None:
        raise MeetingError(_("Choose one of the options."), "series_id")
    if meeting.id is not None and duration < agenda_minutes(meeting.id):
        raise MeetingError(ngettext("The agenda already takes %(num)d minute; shorten it first or choose a longer meeting.",
                                    "The agenda already takes %(num)d minutes; shorten it first or choose a longer meeting.",
                                    agenda_minutes(meeting.id)), "duration_minutes")
    _check_location(data.get("location_id"))
    chair_person_id = _check_person(meeting.network_id, data.get("chair_person_id"), "chair_person_id")
    meeting.title = title
    meeting.kind = data["kind"]
    meeting.series_id = series_id
    meeting.starts_at = to_utc(data["day"], data["start"])
    meeting.duration_minutes = duration
    meeting.location_id = data.get("location_id")
    meeting.chair_person_id = chair_person_id
    meeting.chair_user_id = data.get("chair_user_id")
    meeting.chair_name = clean(data.get("chair_name"))[:120]
    meeting.reminder_days = days


def create_meeting(network: Network, data: dict, *, actor_id: int | None = None) -> Meeting:
    meeting = Meeting(network_id=network.id, status="concept", created_by_id=actor_id or current_actor_id())
    _apply(meeting, data)
    db.session.add(meeting)
    db.session.flush()
    audit.record("meetings.created", object_type="meeting", object_id=meeting.id, detail=meeting.kind)
    return meeting


def update_meeting(meeting: Meeting, data: dict) -> Meeting:
    if meeting.status not in ("concept", "planned"):
        raise MeetingError(_("A meeting that has been held or cancelled can no longer be changed."))
    _apply(meeting, data)
    db.session.flush()
    audit.record("meetings.updated", object_type="meeting", object_id=meeting.id)
    return meeting


def allowed_transitions(meeting: Meeting) -> tuple[str, ...]:
    return choices.TRANSITIONS[meeting.status]


def transition(meeting: Meeting, target: str, *, reason: str = "", actor_id: int | None = None) -> Meeting:
    """Move the meeting to `target` if the state machine allows it (see choices.TRANSITIONS)."""
    if target not in allowed_transitions(meeting):
        raise MeetingError(_("This step is not possible for a meeting that is \"%(status)s\".",
                             status=choices.label(choices.STATUSES, meeting.status)))
    if target == "cancelled":
        reason = clean(reason)
        if not reason:
            raise MeetingError(_("Give the reason for cancelling; the invitees will want to know."), "reason")
        meeting.cancel_reason = reason[:300]
    if target == "planned" and meeting.location_id is None:
        raise MeetingError(_("Choose a location before planning the meeting."))
    if target == "held":
        if meeting.starts_at.replace(tzinfo=meeting.starts_at.tzinfo or timezone.utc) > utcnow():
            raise MeetingError(_("The meeting has not started yet; record it as held on the day itself or later."))
        for row in db.session.scalars(db.select(Attendance).filter_by(meeting_id=meeting.id)):
            if row.status in choices.BEFORE:
                row.status = choices.AFTER_DEFAULT[row.status]
    if target == "minutes_approved":
        if not clean(meeting.summary):
            raise MeetingError(_("Write the summary before approving the minutes."))
        meeting.approved_at = utcnow()
        meeting.approved_by_id = actor_id or current_actor_id()
    previous, meeting.status = meeting.status, target
    db.session.flush()
    audit.record("meetings.status", object_type="meeting", object_id=meeting.id, detail=f"{previous}->{target}")
    return meeting


# --------------------------------------------------------------------------------------------------
# shared by the agenda and the minutes
# --------------------------------------------------------------------------------------------------

def agenda_minutes(meeting_id: int, exclude_id: int | None = None) -> int:
    query = db.select(db.func.coalesce(db.func.sum(AgendaItem.duration_minutes), 0)).filter_by(
        meeting_id=meeting_id, state="scheduled")
    if exclude_id:
        query = query.where(AgendaItem.id != exclude_id)
    return int(db.session.scalar(query))


def parse_owner(meeting: Meeting, owner: str | None) -> tuple[int | None, int | None]:
    """An owner code "p<id>" (key person of the network) or "u<id>" (team member) -> (person_id, user_id)."""
    if not owner:
        return None, None
    try:
        kind, number = owner[0], int(owner[1:])
    except (ValueError, IndexError):
        raise MeetingError(_("Choose one of the options."), "owner") from None
    if kind == "p":
        return _check_person(meeting.network_id, number, "owner"), None
    if kind == "u" and number in dict(team_choices()):
        return None, number
    raise MeetingError(_("Choose one of the options."), "owner")


def team_choices() -> list[tuple[int, str]]:
    from ..keypersons.services import team_choices as kp_team

    tenant_id = current_tenant_id()
    return kp_team(tenant_id) if tenant_id else []
