"""Health services: who may see engagement per person, thresholds, handover tasks for officials leaving.

A handover task is created by a listener on the network area's official links: unlinking an official (the
network area's own action) inserts the task in the same transaction, so no unlink is ever missed."""
from __future__ import annotations

from datetime import date

from flask import g
from flask_babel import gettext as _
from sqlalchemy import event

from ...platform import audit
from ...platform.extensions import db
from ...platform.kernel import ServiceError
from ...platform.policy import Role, tenant_role
from ..keypersons.services import current_actor_id
from ..network.models import Network, NetworkOfficial
from .models import DEFAULTS, HandoverTask, HealthSettings

LIMITS = {"quiet_missed_meetings": (1, 20), "quiet_no_contact_days": (14, 730), "overload_open_actions": (1, 50),
          "overload_buddies": (1, 10)}


class HealthError(ServiceError):
    """A rule of the health area was broken (translated message, optional form field)."""


def visible_networks(networks: list[Network]) -> list[Network]:
    """Coordinators see every network; officials only the networks they are linked to (§3.3: engagement is
    for the coordinator and the linked officials, never for the key person or other staff)."""
    if tenant_role() == Role.COORDINATOR:
        return networks
    membership = getattr(g, "membership", None)
    if membership is None:
        return []
    linked = set(db.session.scalars(db.select(NetworkOfficial.network_id).filter_by(membership_id=membership.id)))
    return [n for n in networks if n.id in linked]


def save_thresholds(values: dict) -> HealthSettings:
    row = db.session.scalar(db.select(HealthSettings)) or HealthSettings(**DEFAULTS)
    for key, (lo, hi) in LIMITS.items():
        value = values.get(key)
        if value is None or not lo <= value <= hi:
            raise HealthError(_("Enter a whole number between %(lo)d and %(hi)d.", lo=lo, hi=hi), key)
        setattr(row, key, value)
    row.updated_by_id = current_actor_id()
    db.session.add(row)
    db.session.flush()
    audit.record("health.thresholds_saved", object_type="health_settings", object_id=row.id)
    return row


def open_handovers(network_id: int | None = None) -> list[HandoverTask]:
    stmt = db.select(HandoverTask).filter(HandoverTask.done_on.is_(None))
    if network_id is not None:
        stmt = stmt.filter_by(network_id=network_id)
    return db.session.scalars(stmt.order_by(HandoverTask.created_on)).all()


def get_handover(task_id: int) -> HandoverTask:
    found = db.session.scalar(db.select(HandoverTask).filter_by(id=task_id))
    if found is None:
        raise LookupError(task_id)
    return found


def complete_handover(task: HandoverTask) -> None:
    if task.done_on is None:
        task.done_on, task.done_by_id = date.today(), current_actor_id()
        db.session.flush()
        audit.record("health.handover_done", object_type="handover_task", object_id=task.id)


@event.listens_for(NetworkOfficial, "after_delete")
def _official_unlinked(mapper, connection, target):
    table = HandoverTask.__table__
    today = date.today()
    exists = connection.execute(db.select(table.c.id).where(
        table.c.tenant_id == target.tenant_id, table.c.network_id == target.network_id,
        table.c.membership_id == target.membership_id, table.c.created_on == today)).first()
    if exists is None:
        connection.execute(table.insert().values(tenant_id=target.tenant_id, network_id=target.network_id,
                                                 membership_id=target.membership_id, created_on=today))


# -- the public entry points for other areas (the council report) ----------------------------------

def network_score(network: Network, tenant_id: int, today: date | None = None):
    """The health indicators of a network with their advice (see score.py)."""
    from . import score

    return score.compute(network, tenant_id, today)


def network_churn(network_id: int, today: date, *, start: date | None = None, end: date | None = None):
    """Inflow, outflow, returners per quarter, exit reasons, median tenure (see churn.py)."""
    from . import churn

    return churn.compute(network_id, today, start=start, end=end)
