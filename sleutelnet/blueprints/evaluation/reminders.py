"""Reminders and national indicator of evaluation (§3.4), run inside the tenant's context."""
from __future__ import annotations

from datetime import date, timedelta

from flask_babel import lazy_gettext as _l

from ...platform.extensions import db
from ...platform.features import Due
from ..care import services as care
from ..network.models import Network
from . import choices, services
from .models import Evaluation


def evaluation_due(tenant_id: int, today: date):
    """30 days before the evaluation is due and on the day itself (coordinators)."""
    users = care.coordinator_ids(tenant_id)
    for network_id, in db.session.execute(db.select(Network.id).order_by(Network.id)):
        due = services.next_due(network_id, today)
        if due is None:
            continue
        for offset in (choices.DUE_SOON_DAYS, 0):
            if due - timedelta(days=offset) <= today <= due + timedelta(days=choices.DUE_SOON_DAYS):
                yield Due("evaluation.due", "network", network_id, due, offset, user_ids=users,
                          url=care.tenant_url("tenant.evaluation.index", tenant_id, netwerk=network_id),
                          title=_l("The periodic evaluation of the network is due"))


def reflection_due(tenant_id: int, today: date):
    users = care.coordinator_ids(tenant_id)
    for network_id, in db.session.execute(db.select(Network.id).order_by(Network.id)):
        due = services.reflection_due(network_id, today)
        if due <= today:
            yield Due("evaluation.reflection_due", "network", network_id, due, 0, user_ids=users,
                      url=care.tenant_url("tenant.evaluation.reflection", tenant_id, netwerk=network_id),
                      title=_l("A reflection moment of the network is due"))


def evaluations_done(tenant_id: int, start: date, end: date) -> dict | None:
    """National indicator: evaluations completed in the quarter (all networks of the municipality)."""
    n = db.session.scalar(db.select(db.func.count()).select_from(Evaluation).filter(
        Evaluation.status == "completed", Evaluation.completed_on >= start, Evaluation.completed_on < end))
    networks = db.session.scalar(db.select(db.func.count()).select_from(Network))
    return None if not networks else {"value": float(n), "n_persons": 0}
