"""The home-page card: per network the indicators that need attention, and open tasks (handover,
evaluation, reflection). Only aggregates and tasks — no names."""
from __future__ import annotations

import time
from datetime import date

# The home page is the most visited page and the score takes some 30 queries per network: its indicators
# are kept per process for a few minutes (per municipality, network, day and language; only computed
# figures and advice, no person). The network-health page itself always computes them afresh.
CACHE_SECONDS = 300
_cache: dict[tuple, tuple[float, list]] = {}


def _score(network, tenant_id: int, today: date):
    from flask_babel import get_locale

    from . import score

    key = (tenant_id, network.id, today, get_locale().language)
    now = time.monotonic()
    hit = _cache.get(key)
    if hit is not None and now - hit[0] < CACHE_SECONDS:
        return score.HealthScore(network, hit[1])
    result = score.compute(network, tenant_id, today)
    if len(_cache) > 10_000:  # bounded: at most a few per network
        _cache.clear()
    _cache[key] = (now, result.indicators)
    return result


def _tasks(network_id: int, today: date) -> list:
    """Evaluation and reflection tasks, cached per process until the tenant's evaluations, reflections,
    schedules or meetings change (tenants/cache.py)."""
    from flask_babel import get_locale

    from ...tenants import cache as tenant_cache
    from ..evaluation import services as evaluation

    return tenant_cache.cached(f"tasks:{network_id}:{today}:{get_locale().language}",
                               lambda: evaluation.tasks(network_id, today))


def _handovers(network_id: int) -> list[int]:
    """Ids of the open handover tasks (the card only counts them), cached until one changes."""
    from ...tenants import cache as tenant_cache
    from . import services

    return tenant_cache.cached(f"handovers:{network_id}",
                               lambda: [task.id for task in services.open_handovers(network_id)])


def home_context(tenant) -> dict | None:
    from ...platform.policy import can
    from ..evaluation.permissions import MANAGE_EVALUATIONS
    from ..keypersons import services as kp

    networks = kp.networks()
    if not networks:
        return None
    today = date.today()
    cards = []
    for network in networks[:5]:
        result = _score(network, tenant.id, today)
        # tasks only for those who can act on them (administrators see the indicators)
        acting = can(MANAGE_EVALUATIONS)
        cards.append({"network": network, "score": result,
                      "tasks": _tasks(network.id, today) if acting else [],
                      "handovers": _handovers(network.id) if acting else []})
    return {"cards": cards}
