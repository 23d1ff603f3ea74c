"""The home-page card: per network the indicators that need attention, and open tasks (handover,
evaluation, reflection). Only aggregates and tasks — no names."""
from __future__ import annotations

from datetime import date


def home_context(tenant) -> dict | None:
    from ...platform.policy import can
    from ..evaluation import services as evaluation
    from ..evaluation.permissions import MANAGE_EVALUATIONS
    from ..keypersons import services as kp
    from . import score, services

    networks = kp.networks()
    if not networks:
        return None
    today = date.today()
    cards = []
    for network in networks[:5]:
        result = score.compute(network, tenant.id, today)
        # tasks only for those who can act on them (administrators see the indicators)
        acting = can(MANAGE_EVALUATIONS)
        cards.append({"network": network, "score": result,
                      "tasks": evaluation.tasks(network.id, today) if acting else [],
                      "handovers": services.open_handovers(network.id) if acting else []})
    return {"cards": cards}
