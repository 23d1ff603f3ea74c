"""The home-page card: per network the indicators that need attention, and open tasks (handover,
evaluation, reflection). Only aggregates and tasks — no names."""
from __future__ import annotations

from datetime import date


def home_context(tenant) -> dict | None:
    from ..evaluation import services as evaluation
    from ..keypersons import services as kp
    from . import score, services

    networks = kp.networks()
    if not networks:
        return None
    today = date.today()
    cards = []
    for network in networks[:5]:
        result = score.compute(network, tenant.id, today)
        cards.append({"network": network, "score": result, "tasks": evaluation.tasks(network.id, today),
                      "handovers": services.open_handovers(network.id)})
    return {"cards": cards}
