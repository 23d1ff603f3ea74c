"""National indicators of network health (computed per municipality inside its own context).

Inside the national job's `indicator_run` the networks, and each network's engagement per day, are read
once for both indicators and every quarter (`features.once`)."""
from __future__ import annotations

from datetime import date, timedelta

from ...platform.extensions import db
from ...platform.features import once
from ..network.models import Network


def _networks():
    return once(("health.networks",), lambda: db.session.scalars(db.select(Network).order_by(Network.id)).all())


def _engagement(network_id: int, today: date):
    from . import engagement

    return once(("health.engagement", network_id, today), lambda: engagement.compute(network_id, today))


def network_health_score(tenant_id: int, start: date, end: date) -> dict | None:
    """Share (0–100) of the known health indicators that are in order, averaged over the networks."""
    from . import score

    networks = _networks()
    if not networks:
        return None
    today = min(end - timedelta(days=1), date.today())
    shares, persons = [], 0
    for network in networks:
        result = score.compute(network, tenant_id, today, eng=_engagement(network.id, today))
        if result.share_in_order is not None:
            shares.append(result.share_in_order)
    if not shares:
        return None
    return {"value": round(100 * sum(shares) / len(shares), 1), "n_persons": persons}


def quiet_share(tenant_id: int, start: date, end: date) -> dict | None:
    """Share (0–100) of active key persons who are quiet, over all networks; None when not recorded."""
    today = min(end - timedelta(days=1), date.today())
    quiet = total = 0
    for network in _networks():
        eng = _engagement(network.id, today)
        if eng.quiet_share() is None:
            continue
        quiet += len(eng.quiet)
        total += len(eng.persons)
    return {"value": round(100 * quiet / total, 1), "n_persons": total} if total else None
