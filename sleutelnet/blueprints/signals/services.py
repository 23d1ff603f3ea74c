"""Signals: recording, editing, naming officials, state changes, reads (logged) and settings.

Services add and flush, never commit: the route commits once after a successful change (reads too, since
a read writes the access log). Rules broken by input raise `SignalError` with a translated message and the
field it belongs to. Audit events hold ids and codes only — never the text or a name.
"""
from __future__ import annotations

from datetime import date

from flask_babel import gettext as _
from sqlalchemy.orm import joinedload, selectinload, undefer

from ...platform import audit
from ...platform.auth.models import User
from ...platform.extensions import db
from ...platform.kernel import ServiceError, fetch, stored_or_added
from ...platform.models import utcnow
from ...platform.tenancy import current_tenant_id
from ...tenants.models import Membership
from ..keypersons.models import KeyPerson, Neighbourhood
from ..keypersons.services import current_actor_id, log_access
from ..network.models import Network, NetworkOfficial
from ..privacy.models import Erasure
from . import access, choices
from .models import (DEFAULT_FOLLOW_UP_DAYS, DEFAULT_RETENTION_MONTHS, Signal, SignalAccess, SignalEvent,
                     SignalReader, SignalSettings)
from .workdays import add_working_days

MAX_TEXT = 4000
MIN_FOLLOW_UP_DAYS, MAX_FOLLOW_UP_DAYS = 1, 60
MIN_RETENTION_MONTHS, MAX_RETENTION_MONTHS = 1, 120


class SignalError(ServiceError):
    """A rule of the signals area was broken (translated message, optional form field)."""


# --------------------------------------------------------------------------------------------------
# settings
# --------------------------------------------------------------------------------------------------

def get_settings() -> SignalSettings:
    """The tenant's settings; an unsaved row with the defaults when it has none."""
    found = db.session.scalar(db.select(SignalSettings))
    return found or SignalSettings(follow_up_days=DEFAULT_FOLLOW_UP_DAYS, retention_months=DEFAULT_RETENTION_MONTHS)


def stored_settings() -> SignalSettings:
    return stored_or_added(SignalSettings, get_settings)


def save_settings(*, follow_up_days, retention_months, actor_id: int | None = None) -> SignalSettings:
    if not isinstance(follow_up_days, int) or not MIN_FOLLOW_UP_DAYS <= follow_up_days <= MAX_FOLLOW_UP_DAYS:
        raise SignalError(_("Enter a number of working days from %(min)d to %(max)d.", min=MIN_FOLLOW_UP_DAYS,
                            max=MAX_FOLLOW_UP_DAYS), "follow_up_days")
    if not isinstance(retention_months, int) or not MIN_RETENTION_MONTHS <= retention_months <= MAX_RETENTION_MONTHS:
        raise SignalError(_("Enter a number of months from %(min)d to %(max)d.", min=MIN_RETENTION_MONTHS,
                            max=MAX_RETENTION_MONTHS), "retention_months")
    settings = stored_settings()
    settings.follow_up_days, settings.retention_months = follow_up_days, retention_months
    settings.updated_at = utcnow()
    settings.updated_by_id = actor_id if actor_id is not None else current_actor_id()
    db.session.flush()
    audit.record("signal.settings_changed", object_type="signal_settings", object_id=settings.id,
                 detail=f"follow_up_days={follow_up_days} retention_months={retention_months}")
    return settings


def deadline(start: date, days: int | None = None) -> date:
    return add_working_days(start, days if days is not None else get_settings().follow_up_days)


# --------------------------------------------------------------------------------------------------
# choices
# --------------------------------------------------------------------------------------------------

def recording_networks(user_id: int | None, see_all: bool) -> list[Network]:
    """Networks a user may record signals for: all (coordinators) or those they are linked to."""
    stmt = db.select(Network).order_by(Network.name, Network.id)
    if not see_all:
        linked = (db.select(NetworkOfficial.network_id).join(Membership, Membership.id == NetworkOfficial.membership_id)
                  .where(Membership.user_id == user_id, Membership.active.is_(True)))
        stmt = stmt.where(Network.id.in_(linked.scalar_subquery()))
    return db.session.scalars(stmt).all()


def reader_choices(network_id: int, exclude_user_id: int | None = None) -> list[tuple[int, str]]:
    """(user id, name) of the officials linked to the network who can be named on a signal."""
    rows = db.session.execute(
        db.select(Membership.user_id).join(NetworkOfficial, NetworkOfficial.membership_id == Membership.id)
        .where(NetworkOfficial.network_id == network_id, Membership.active.is_(True),
               Membership.tenant_id == current_tenant_id(), Membership.role == "official")).scalars().all()
    users = db.session.scalars(db.select(User).where(User.id.in_(set(rows)))).all() if rows else []
    out = [(u.id, u.name or u.email) for u in users if u.id != exclude_user_id]
    return sorted(out, key=lambda p: p[1].lower())


def source_choices(network_id: int) -> list[tuple[int, str]]:
    """(id, name) of the network's key persons whose data have not been erased."""
    erased = db.select(Erasure.person_id)
    rows = db.session.execute(db.select(KeyPerson.id, KeyPerson.name).where(
        KeyPerson.network_id == network_id, KeyPerson.id.not_in(erased)).order_by(KeyPerson.sort_name, KeyPerson.id))
    return [(pid, name) for pid, name in rows]


# --------------------------------------------------------------------------------------------------
# reading
# --------------------------------------------------------------------------------------------------

def get_signal(signal_id: int, user_id: int | None, see_all: bool, *, with_text: bool = False,
               light: bool = False) -> Signal:
    """A signal this user may read, else LookupError (the route answers 404 either way). `light`: the row
    only; otherwise with everything the detail page shows, in a constant number of queries."""
    stmt = db.select(Signal).filter_by(id=signal_id).where(access.readable_clause(user_id, see_all))
    if light:
        return fetch(stmt, signal_id)
    stmt = (stmt
            .options(selectinload(Signal.readers).joinedload(SignalReader.user), joinedload(Signal.network),
                     joinedload(Signal.source_person), joinedload(Signal.neighbourhood).joinedload(Neighbourhood.parent),
                     joinedload(Signal.recorded_by), selectinload(Signal.events).joinedload(SignalEvent.actor)))
    if with_text:
        stmt = stmt.options(undefer(Signal.description))
    return fetch(stmt, signal_id)


def record_read(signal: Signal, actor_id: int | None = None, action: str = "view") -> None:
    """Someone saw the signal's text: the signal's access log (strictly confidential signals), the source
    person's access log (signals from a key person) and an audit event; the caller commits."""
    actor_id = actor_id if actor_id is not None else current_actor_id()
    if signal.strict:
        db.session.add(SignalAccess(signal_id=signal.id, user_id=actor_id, action=action))
    if signal.source_person_id is not None:
        log_access(signal.source_person_id, "view" if action == "view" else "edit", actor_id)
    audit.record("signal.viewed" if action == "view" else "signal.edited_text", object_type="signal",
                 object_id=signal.id, actor_id=actor_id, detail=f"sensitivity={signal.sensitivity}")
    db.session.flush()


def access_log(signal_id: int, limit: int = 200) -> list[SignalAccess]:
    return db.session.scalars(db.select(SignalAccess).filter_by(signal_id=signal_id)
                              .options(joinedload(SignalAccess.user))
                              .order_by(SignalAccess.at.desc(), SignalAccess.id.desc()).limit(limit)).all()


# --------------------------------------------------------------------------------------------------
# writing
# --------------------------------------------------------------------------------------------------

def _clean_text(value) -> str:
    text = (value or "").strip()
    if not text:
        raise SignalError(_("Describe what was reported."), "description")
    if len(text) > MAX_TEXT:
        raise SignalError(_("This text is too long (at most %(max)d characters).", max=MAX_TEXT), "description")
    return text


def _check(data: dict, network_id: int) -> dict:
    """Validated column values from form data (codes, dates, references within the tenant and network)."""
    reported_on = data.get("reported_on")
    if reported_on is None:
        raise SignalError(_("Enter the date of the signal."), "reported_on")
    if reported_on > date.today():
        raise SignalError(_("The date cannot be in the future."), "reported_on")
    for name, options in (("topic", choices.TOPICS), ("urgency", choices.URGENCIES),
                          ("sensitivity", choices.SENSITIVITIES), ("source_kind", choices.SOURCES)):
        if data.get(name) not in options:
            raise SignalError(_("Choose one of the options."), name)
    person_id = data.get("source_person_id") if data["source_kind"] == "keyperson" else None
    if data["source_kind"] == "keyperson":
        if person_id is None:
            raise SignalError(_("Choose the key person who reported it, or choose \"anonymous within the "
                                "network\"."), "source_person_id")
        if person_id not in {pid for pid, _name in source_choices(network_id)}:
            raise SignalError(_("Choose a key person of this network from the list."), "source_person_id")
    nb = data.get("neighbourhood_id")
    if nb is not None and db.session.scalar(db.select(Neighbourhood.id).filter_by(id=nb)) is None:
        raise SignalError(_("Choose a neighbourhood from the list."), "neighbourhood_id")
    return {"reported_on": reported_on, "source_kind": data["source_kind"], "source_person_id": person_id,
            "topic": data["topic"], "urgency": data["urgency"], "sensitivity": data["sensitivity"],
            "neighbourhood_id": nb, "description": _clean_text(data.get("description"))}


def _set_readers(signal: Signal, user_ids, actor_id: int | None) -> bool:
    wanted = set(user_ids or ())
    allowed = {uid for uid, _name in reader_choices(signal.network_id)}
    if wanted - allowed:
        raise SignalError(_("Choose officials linked to this network from the list."), "reader_ids")
    current = {r.user_id: r for r in signal.readers}
    if set(current) == wanted:
        return False
    signal.readers = [current.get(uid) or SignalReader(user_id=uid, named_on=date.today(), named_by_id=actor_id)
                      for uid in sorted(wanted)]
    return True


def record_signal(network_id: int, data: dict, *, reader_ids=(), actor_id: int | None = None,
                  see_all: bool = False) -> Signal:
    actor_id = actor_id if actor_id is not None else current_actor_id()
    if network_id not in {n.id for n in recording_networks(actor_id, see_all)}:
        raise SignalError(_("Choose a network you are linked to."), "network_id")
    values = _check(data, network_id)
    signal = Signal(network_id=network_id, status="reported", status_since=values["reported_on"],
                    follow_up_due_on=deadline(values["reported_on"]), recorded_by_id=actor_id, **values)
    db.session.add(signal)
    db.session.flush()
    _set_readers(signal, reader_ids, actor_id)
    db.session.add(SignalEvent(signal_id=signal.id, occurred_on=values["reported_on"], from_status=None,
                               to_status="reported", actor_id=actor_id))
    db.session.add(SignalAccess(signal_id=signal.id, user_id=actor_id, action="edit"))
    if signal.source_person_id is not None:
        log_access(signal.source_person_id, "edit", actor_id)
    audit.record("signal.recorded", object_type="signal", object_id=signal.id, actor_id=actor_id,
                 detail=f"network={network_id} topic={signal.topic} sensitivity={signal.sensitivity} "
                        f"readers={len(signal.readers)}")
    db.session.flush()
    return signal


def update_signal(signal: Signal, data: dict, *, reader_ids=None, actor_id: int | None = None) -> list[str]:
    """Edit an open signal; `reader_ids` only from users who may name readers. Returns the changed fields."""
    if signal.status == "closed":
        raise SignalError(_("A closed signal cannot be changed. Reopen it first."))
    if signal.purged:
        raise SignalError(_("The text of this signal has been removed under the retention period."))
    actor_id = actor_id if actor_id is not None else current_actor_id()
    values = _check(data, signal.network_id)
    changed = []
    for name, value in values.items():
        if getattr(signal, name) != value:
            setattr(signal, name, value)
            changed.append(name)
    if "reported_on" in changed and signal.status == "reported":  # still in its first period: move the deadline
        signal.status_since = signal.reported_on
        signal.follow_up_due_on = deadline(signal.reported_on)
    if reader_ids is not None and _set_readers(signal, reader_ids, actor_id):
        changed.append("readers")
    if changed:
        signal.updated_at = utcnow()
        db.session.add(SignalAccess(signal_id=signal.id, user_id=actor_id, action="edit"))
        if signal.source_person_id is not None:
            log_access(signal.source_person_id, "edit", actor_id)
        audit.record("signal.updated", object_type="signal", object_id=signal.id, actor_id=actor_id,
                     detail=",".join(changed)[:200])
    db.session.flush()
    return changed


def allowed_transitions(signal: Signal) -> tuple[str, ...]:
    if signal.purged:
        return ()
    return choices.TRANSITIONS.get(signal.status, ())


def transition(signal: Signal, to_status: str, *, occurred_on: date | None = None, partner: str | None = None,
               partner_name: str = "", actor_id: int | None = None) -> SignalEvent:
    """Move the signal to another state (see choices.TRANSITIONS); closing needs feedback to the reporter."""
    if to_status not in choices.STATUSES:
        raise SignalError(_("Choose one of the options."), "to_status")
    if to_status == "closed" and signal.status != "feedback_given":
        raise SignalError(_("Give feedback to the reporter before closing the signal: it keeps the trust of the "
                            "network (guide §3.1)."), "to_status")
    if to_status not in allowed_transitions(signal):
        raise SignalError(_("This signal cannot move from \"%(from)s\" to \"%(to)s\".",
                            **{"from": choices.label(choices.STATUSES, signal.status),
                               "to": choices.label(choices.STATUSES, to_status)}), "to_status")
    occurred_on = occurred_on or date.today()
    if occurred_on > date.today():
        raise SignalError(_("The date cannot be in the future."), "occurred_on")
    if occurred_on < signal.status_since:
        raise SignalError(_("The date cannot be before the current state began (%(date)s).",
                            date=signal.status_since.isoformat()), "occurred_on")
    partner_name = (partner_name or "").strip()
    if to_status == "forwarded":
        if partner not in choices.PARTNERS:
            raise SignalError(_("Choose the partner the signal was forwarded to."), "partner")
        if partner == "other" and not partner_name:
            raise SignalError(_("Enter the name of the partner organisation."), "partner_name")
        if len(partner_name) > 120:
            raise SignalError(_("This text is too long (at most %(max)d characters).", max=120), "partner_name")
    else:
        partner, partner_name = None, ""
    actor_id = actor_id if actor_id is not None else current_actor_id()
    reopening = signal.status == "closed"
    event = SignalEvent(signal_id=signal.id, occurred_on=occurred_on, from_status=signal.status, to_status=to_status,
                        partner=partner, partner_name=partner_name, actor_id=actor_id)
    db.session.add(event)
    signal.status, signal.status_since, signal.updated_at = to_status, occurred_on, utcnow()
    if to_status == "forwarded":
        signal.forwarded_to = partner
    if to_status in choices.HANDLED_STATUSES and signal.handled_on is None:
        signal.handled_on = occurred_on
    if to_status == "closed":
        signal.closed_on = occurred_on
    if reopening:  # a new follow-up period starts: new deadline, new reminders
        signal.closed_on = None
        signal.handled_on = None
        signal.follow_up_due_on = deadline(occurred_on)
    audit.record("signal.reopened" if reopening else "signal.status_changed", object_type="signal",
                 object_id=signal.id, actor_id=actor_id,
                 detail=f"from={event.from_status} to={to_status}" + (f" partner={partner}" if partner else ""))
    db.session.flush()
    return event
