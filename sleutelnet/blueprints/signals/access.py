"""Need-to-know: who may read a signal. A signal is readable by its recorder, by the officials it names
(`SignalReader`) and by holders of SEE_ALL_SIGNALS (coordinators). Everyone else gets a 404 — a response
never tells whether a signal exists — and sees counts at most."""
from __future__ import annotations

from sqlalchemy import or_, true

from ...platform.extensions import db
from ...platform.policy import can
from .models import Signal, SignalReader
from .permissions import SEE_ALL_SIGNALS


def sees_all() -> bool:
    return can(SEE_ALL_SIGNALS)


def readable_clause(user_id: int | None, see_all: bool):
    """A where-clause on Signal: the signals this user may read."""
    if see_all:
        return true()
    if user_id is None:
        return Signal.id.is_(None)
    named = db.select(SignalReader.signal_id).where(SignalReader.user_id == user_id)
    return or_(Signal.recorded_by_id == user_id, Signal.id.in_(named.scalar_subquery()))


def may_name_readers(signal: Signal | None, user_id: int | None, see_all: bool) -> bool:
    """Who may change the list of named officials: the recorder and coordinators."""
    return see_all or signal is None or (user_id is not None and signal.recorded_by_id == user_id)

