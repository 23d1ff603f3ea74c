"""Reminder kinds of the signals area (dispatched by the reminders area; see platform.features.ReminderKind).

Every `find_due(tenant_id, today)` runs inside the tenant's context. A `Due` carries a link and a neutral
title only ("Een signaal vraagt opvolging") — never the topic, the neighbourhood, a name or the text — so a
mail or notification about a signal reveals nothing to whoever else might read it.

- `signal_follow_up`: an open signal (reported / in progress) whose deadline is within `DUE_SOON_DAYS`
  calendar days (or today): once per signal and deadline (reference date = the deadline, offset 0);
- `signal_overdue`: an open signal past its deadline: once per signal and deadline;
- `signal_named`: an official was named on a signal: once per naming (subject = the naming row).

Recipients of the follow-up kinds are the people the signal names (recorder + named officials) who are
still active members of the tenant. Reopening a signal sets a new deadline, hence new reminders.
"""
from __future__ import annotations

from datetime import date, timedelta

from flask import url_for
from flask_babel import lazy_gettext as _l

from ...platform.extensions import db
from ...platform.features import Due
from ...tenants.models import Membership, Tenant
from . import choices
from .models import Signal, SignalReader

DUE_SOON_DAYS = 2  # calendar days before the deadline the "due" reminder may go out
NAMED_LOOKBACK_DAYS = 7  # a naming older than this (e.g. while the sweep was down) is not announced any more
TITLE = _l("A signal needs follow-up")
OVERDUE_TITLE = _l("The follow-up of a signal is overdue")
NAMED_TITLE = _l("You have been named on a signal")


def _url(tenant_slug: str, signal_id: int) -> str:
    try:
        return url_for("tenant.signals.detail", tenant_slug=tenant_slug, signal_id=signal_id, _external=True)
    except RuntimeError:  # no request or SERVER_NAME: a path the mail template can prefix
        return f"/g/{tenant_slug}/signalen/{signal_id}"


def _active_members(tenant_id: int) -> set[int]:
    return set(db.session.scalars(db.select(Membership.user_id).filter_by(tenant_id=tenant_id, active=True)))


def _recipients(signals: list[Signal], tenant_id: int) -> dict[int, tuple[int, ...]]:
    """signal id -> active users it names (recorder + named officials), in two queries for any number."""
    ids = [s.id for s in signals]
    named: dict[int, set[int]] = {sid: set() for sid in ids}
    if ids:
        for sid, uid in db.session.execute(db.select(SignalReader.signal_id, SignalReader.user_id)
                                           .where(SignalReader.signal_id.in_(ids))):
            named[sid].add(uid)
    active = _active_members(tenant_id)
    out = {}
    for s in signals:
        users = named[s.id] | ({s.recorded_by_id} if s.recorded_by_id else set())
        out[s.id] = tuple(sorted(users & active))
    return out


def _follow_up_dues(tenant_id: int, today: date, overdue: bool):
    tenant = db.session.get(Tenant, tenant_id)
    stmt = db.select(Signal).where(Signal.status.in_(choices.OPEN_STATUSES), Signal.purged_at.is_(None))
    if overdue:
        stmt = stmt.where(Signal.follow_up_due_on < today)
    else:
        stmt = stmt.where(Signal.follow_up_due_on >= today,
                          Signal.follow_up_due_on <= today + timedelta(days=DUE_SOON_DAYS))
    signals = db.session.scalars(stmt.order_by(Signal.id)).all()
    recipients = _recipients(signals, tenant_id)
    kind = "signal_overdue" if overdue else "signal_follow_up"
    for signal in signals:
        if not recipients[signal.id]:
            continue
        yield Due(kind=kind, subject_type="signal", subject_id=signal.id, reference_date=signal.follow_up_due_on,
                  offset_days=0, user_ids=recipients[signal.id], url=_url(tenant.slug, signal.id),
                  title=OVERDUE_TITLE if overdue else TITLE, payload={"due_on": signal.follow_up_due_on.isoformat()})


def find_follow_up_due(tenant_id: int, today: date):
    yield from _follow_up_dues(tenant_id, today, overdue=False)


def find_follow_up_overdue(tenant_id: int, today: date):
    yield from _follow_up_dues(tenant_id, today, overdue=True)


def find_named(tenant_id: int, today: date):
    tenant = db.session.get(Tenant, tenant_id)
    active = _active_members(tenant_id)
    rows = db.session.execute(
        db.select(SignalReader.id, SignalReader.signal_id, SignalReader.user_id, SignalReader.named_on)
        .join(Signal, Signal.id == SignalReader.signal_id)
        .where(SignalReader.named_on >= today - timedelta(days=NAMED_LOOKBACK_DAYS), SignalReader.named_on <= today,
               Signal.status != "closed", Signal.purged_at.is_(None))
        .order_by(SignalReader.id)).all()
    for reader_id, signal_id, user_id, named_on in rows:
        if user_id not in active:
            continue
        yield Due(kind="signal_named", subject_type="signal_reader", subject_id=reader_id, reference_date=named_on,
                  offset_days=0, user_ids=(user_id,), url=_url(tenant.slug, signal_id), title=NAMED_TITLE)
