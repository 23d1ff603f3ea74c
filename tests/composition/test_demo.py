"""The demo seeder sets Utrecht's targets once and leaves a network with targets alone."""
from __future__ import annotations

from sleutelnet.blueprints.composition import demo
from sleutelnet.blueprints.composition.models import DimensionTarget, RoleTarget
from sleutelnet.platform.extensions import db
from sleutelnet.platform.tenancy import tenant_context


def test_demo_targets_are_idempotent(world, net_a):  # tenant "a" is Utrecht (GM0344)
    demo.seed_demo_targets()
    demo.seed_demo_targets()
    with tenant_context(world.tenant_ids["a"]):
        roles = db.session.scalars(db.select(RoleTarget)).all()
        dims = db.session.scalars(db.select(DimensionTarget)).all()
    assert len(roles) == 4 and len(dims) == 9
    with tenant_context(world.tenant_ids["b"]):
        assert db.session.scalars(db.select(RoleTarget)).all() == []
