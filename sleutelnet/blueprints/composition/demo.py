"""Demo composition targets (`flask demo seed`): Utrecht has set its own targets, the other demo
municipalities use the defaults. Idempotent: a network that already has targets is left alone."""
from __future__ import annotations

from ...platform.demo import demo_tenants
from ...platform.extensions import db
from ..network.models import Network
from . import targets
from .models import DimensionTarget, RoleTarget

UTRECHT = {
    "roles": {"connector": (3, None), "representative": (2, None), "doer": (2, None), "critic": (1, 10)},
    "dims": {
        "age_group": ({"under_25": 20, "25_40": 30, "40_65": 35, "65_plus": 15}, 10),
        "education": ({"theoretical": 50, "practical": 50}, 15),
        "known_to_municipality": ({"unknown": 40}, 15),
        "migration_background": ({"with": 50, "without": 50}, 15),
    },
}


def seed_demo_targets() -> None:
    for _tenant, _slug in demo_tenants(slugs=("utrecht",)):
        network = db.session.scalar(db.select(Network).order_by(Network.id).limit(1))
        if network is None:
            continue
        has_targets = any(db.session.scalar(db.select(model.id).filter_by(network_id=network.id).limit(1))
                          for model in (RoleTarget, DimensionTarget))
        if has_targets:
            continue
        targets.save(network.id, roles=UTRECHT["roles"], dims=UTRECHT["dims"], actor_id=None)
