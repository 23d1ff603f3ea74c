"""Location rotation (§3.2) and chair rotation (§3.1).

§3.2: meeting in turn at the places of the member organisations strengthens the ties between groups, lets
the host's constituency see "their" key person take part, and makes for an informal atmosphere. The pool
holds the member organisations' addresses plus municipal and informal places; the proposal is the place
used least recently; warnings: the same host twice in a row, member organisations that have not hosted in
12 months.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time, timedelta

from flask_babel import gettext as _

from ...platform import audit
from ...platform.extensions import db
from ..keypersons.models import KeyPerson, KeyPersonOrganisation, Organisation
from . import choices
from .models import Meeting, MeetingLocation, MeetingSettings
from .services import INVITED_STATUSES, MeetingError, clean, local, to_utc

HOSTING_WINDOW = timedelta(days=365)


# --------------------------------------------------------------------------------------------------
# the pool
# --------------------------------------------------------------------------------------------------

def pool(active_only: bool = True) -> list[MeetingLocation]:
    query = db.select(MeetingLocation).order_by(MeetingLocation.name)
    if active_only:
        query = query.filter_by(active=True)
    return db.session.scalars(query).all()


def member_organisations(network_id: int) -> list[Organisation]:
    """Organisations represented by the network's current key persons."""
    return db.session.scalars(
        db.select(Organisation).join(KeyPersonOrganisation, KeyPersonOrganisation.organisation_id == Organisation.id)
        .join(KeyPerson, KeyPerson.id == KeyPersonOrganisation.person_id)
        .where(KeyPerson.network_id == network_id, KeyPerson.status.in_(INVITED_STATUSES))
        .distinct().order_by(Organisation.name)).all()


def refresh_pool(network_id: int) -> int:
    """Add the member organisations (with an address) that are not in the pool yet. Returns how many."""
    known = set(db.session.scalars(db.select(MeetingLocation.organisation_id)
                                   .where(MeetingLocation.organisation_id.is_not(None))))
    names = set(db.session.scalars(db.select(MeetingLocation.name)))
    added = 0
    for org in member_organisations(network_id):
        if org.id in known or not clean(org.address):
            continue
        name = org.name if org.name not in names else f"{org.name} ({org.address})"[:160]
        db.session.add(MeetingLocation(name=name, kind="member_organisation", address=org.address,
                                       organisation_id=org.id))
        names.add(name)
        added += 1
    if added:
        db.session.flush()
        audit.record("meetings.pool_refreshed", object_type="network", object_id=network_id, detail=f"added={added}")
    return added


def add_place(*, name: str, kind: str, address: str) -> MeetingLocation:
    name, address = clean(name), clean(address)
    if not name:
        raise MeetingError(_("Enter the name of the place."), "name")
    if kind not in choices.LOCATION_KINDS or kind == "member_organisation":
        raise MeetingError(_("Choose one of the options."), "kind")
    if kind != "online" and not address:
        raise MeetingError(_("Enter the address, so that everyone can find the place."), "address")
    if db.session.scalar(db.select(MeetingLocation.id).filter_by(name=name)):
        raise MeetingError(_("The pool already has a place with this name."), "name")
    location = MeetingLocation(name=name[:160], kind=kind, address=address[:250])
    db.session.add(location)
    db.session.flush()
    audit.record("meetings.place_added", object_type="meeting_location", object_id=location.id, detail=kind)
    return location


def get_location(location_id: int) -> MeetingLocation:
    location = db.session.scalar(db.select(MeetingLocation).filter_by(id=location_id))
    if location is None:
        raise LookupError(location_id)
    return location


def set_active(location: MeetingLocation, active: bool) -> None:
    location.active = active
    db.session.flush()
    audit.record("meetings.place_active", object_type="meeting_location", object_id=location.id,
                 detail=f"active={int(active)}")


# --------------------------------------------------------------------------------------------------
# proposals and warnings
# --------------------------------------------------------------------------------------------------

def _used(network_id: int, exclude_meeting_id: int | None = None):
    query = (db.select(Meeting.location_id, db.func.max(Meeting.starts_at))
             .where(Meeting.network_id == network_id, Meeting.status != "cancelled",
                    Meeting.location_id.is_not(None)).group_by(Meeting.location_id))
    if exclude_meeting_id:
        query = query.where(Meeting.id != exclude_meeting_id)
    return {location_id: local(last).date() for location_id, last in db.session.execute(query)}


def last_used(network_id: int) -> dict[int, date]:
    """location id -> date of its latest (not cancelled) meeting in this network."""
    return _used(network_id)


def propose_location(network_id: int, exclude_meeting_id: int | None = None) -> MeetingLocation | None:
    """The active place used least recently (never used first; online places last)."""
    used = _used(network_id, exclude_meeting_id)
    candidates = pool()
    if not candidates:
        return None
    return min(candidates, key=lambda loc: (loc.kind == "online", used.get(loc.id, date.min), loc.name.lower()))


@dataclass
class Warning:
    code: str
    message: str


def _host(location: MeetingLocation) -> tuple:
    return ("org", location.organisation_id) if location.organisation_id else ("place", location.id)


def warnings(network_id: int, location_id: int | None, on: date, exclude_meeting_id: int | None = None) -> list[Warning]:
    out: list[Warning] = []
    locations = {loc.id: loc for loc in pool(active_only=False)}
    chosen = locations.get(location_id)
    if chosen is not None:
        previous = db.session.scalar(
            db.select(Meeting.location_id).where(
                Meeting.network_id == network_id, Meeting.status != "cancelled", Meeting.location_id.is_not(None),
                Meeting.starts_at < _start_of(on), Meeting.id != (exclude_meeting_id or 0))
            .order_by(Meeting.starts_at.desc()).limit(1))
        if previous is not None and previous in locations and _host(locations[previous]) == _host(chosen):
            out.append(Warning("same_host", _("%(host)s also hosted the previous meeting. The guide recommends "
                                              "meeting in turn at the member organisations' places (§3.2).",
                                              host=chosen.name)))
    used = _used(network_id, exclude_meeting_id)
    hosted: dict[int, date] = {}
    for loc_id, last in used.items():
        loc = locations.get(loc_id)
        if loc is not None and loc.organisation_id:
            hosted[loc.organisation_id] = max(hosted.get(loc.organisation_id, date.min), last)
    waiting = sorted({loc.name for loc in locations.values()
                      if loc.active and loc.organisation_id and loc.id != location_id
                      and hosted.get(loc.organisation_id, date.min) < on - HOSTING_WINDOW})
    if waiting:
        out.append(Warning("not_hosted", _("Not a host in the last 12 months: %(names)s.",
                                           names=", ".join(waiting[:8]) + (" …" if len(waiting) > 8 else ""))))
    return out


def _start_of(day: date):
    return to_utc(day, time(0, 0))


# --------------------------------------------------------------------------------------------------
# the chair (§3.1)
# --------------------------------------------------------------------------------------------------

def settings(network_id: int) -> MeetingSettings | None:
    return db.session.scalar(db.select(MeetingSettings).filter_by(network_id=network_id))


def save_chair_mode(network_id: int, mode: str) -> MeetingSettings:
    if mode not in choices.CHAIR_MODES:
        raise MeetingError(_("Choose one of the options."), "chair_mode")
    row = settings(network_id)
    if row is None:
        row = MeetingSettings(network_id=network_id)
        db.session.add(row)
    row.chair_mode = mode
    db.session.flush()
    audit.record("meetings.chair_mode", object_type="network", object_id=network_id, detail=mode)
    return row


def eligible_chairs(network_id: int) -> list[tuple[int, str]]:
    return [(pid, name) for pid, name in db.session.execute(db.select(KeyPerson.id, KeyPerson.name).where(
        KeyPerson.network_id == network_id, KeyPerson.status.in_(INVITED_STATUSES)).order_by(KeyPerson.sort_name, KeyPerson.id))]


def propose_chair(network_id: int) -> tuple[int, str] | None:
    """Rotating mode: the eligible key person who chaired least recently (never first, then by name)."""
    last = dict(db.session.execute(
        db.select(Meeting.chair_person_id, db.func.max(Meeting.starts_at))
        .where(Meeting.network_id == network_id, Meeting.status != "cancelled", Meeting.chair_person_id.is_not(None))
        .group_by(Meeting.chair_person_id)).all())
    people = eligible_chairs(network_id)
    if not people:
        return None
    never = [p for p in people if p[0] not in last]
    if never:
        return never[0]
    return min(people, key=lambda p: local(last[p[0]]))
