"""National indicators of the signals area (computed per tenant inside its own context by the ESS area).

- `signals_<topic>`: signals reported in the quarter per 10,000 inhabitants (population from the Tenant
  row), one indicator per topic; opt-in (default off): a municipality decides to share this.
- `signals_follow_up_on_time`: of the signals reported in the quarter whose deadline has passed or that
  were followed up, the share forwarded or handled on or before the deadline (%).
`n_persons` is the number of signals behind the value (each a report by one person), for disclosure control.
A municipality that has never recorded a signal before the quarter's end has no data (None).
"""
from __future__ import annotations

from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import func

from ...platform.extensions import db
from ...platform.features import Indicator
from ...tenants.models import Tenant
from . import choices
from .models import Signal


def _has_data(end: date) -> bool:
    return db.session.scalar(db.select(Signal.id).where(Signal.reported_on < end).limit(1)) is not None


def per_topic(topic: str):
    def compute(tenant_id: int, start: date, end: date) -> dict | None:
        tenant = db.session.get(Tenant, tenant_id)
        if tenant is None or not tenant.population or not _has_data(end):
            return None
        n = db.session.scalar(db.select(func.count(Signal.id)).where(
            Signal.topic == topic, Signal.reported_on >= start, Signal.reported_on < end)) or 0
        return {"value": round(n * 10000 / tenant.population, 3), "n_persons": n}
    return compute


def follow_up_on_time(tenant_id: int, start: date, end: date, today: date | None = None) -> dict | None:
    today = today or date.today()
    rows = db.session.execute(db.select(Signal.follow_up_due_on, Signal.handled_on).where(
        Signal.reported_on >= start, Signal.reported_on < end)).all()
    judged = [(due, handled) for due, handled in rows if handled is not None or due < today]
    if not judged:
        return None
    on_time = sum(1 for due, handled in judged if handled is not None and handled <= due)
    return {"value": round(100.0 * on_time / len(judged), 1), "n_persons": len(judged)}


INDICATORS = tuple(
    Indicator(code=f"signals_{code}", label=_l("Signals per 10,000 inhabitants: %(topic)s", topic=label),
              compute=per_topic(code), opt_in_default=False, unit=_l("per 10,000 inhabitants"))
    for code, label in choices.TOPICS.items()
) + (Indicator(code="signals_follow_up_on_time", label=_l("Signals followed up within the deadline"),
               compute=follow_up_on_time, unit="%"),)
