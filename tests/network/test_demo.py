"""Demo networks: Utrecht has completed phase 1, Zwolle is halfway, Amersfoort has just started."""
from __future__ import annotations

from sleutelnet.blueprints import registry
from sleutelnet.blueprints.network import services, status
from sleutelnet.blueprints.network.demo import seed_demo_networks
from sleutelnet.platform.extensions import db
from sleutelnet.platform.tenancy import tenant_context
from sleutelnet.tenants.models import Tenant


def _states(slug):
    tenant = db.session.scalar(db.select(Tenant).filter_by(slug=slug))
    with tenant_context(tenant.id):
        networks = services.list_networks()
        assert len(networks) == 1, slug
        sections = status.phase_one(networks[0])
        names = [link.membership.user.email for link in services.linked_officials(networks[0])]
        return [s.state for s in sections], names


def test_demo_networks_at_three_stages(ctx, monkeypatch):
    from sleutelnet.platform.demo import seed_demo

    from sleutelnet.platform import features

    monkeypatch.setattr(features, "_installed", (registry.network,))
    assert seed_demo()
    states, officials = _states("utrecht")
    assert states == [status.DONE] * 4
    assert set(officials) == {"official@utrecht.example", "coordinator@utrecht.example"}
    states, officials = _states("zwolle")
    assert states.count(status.DONE) == 2 and status.IN_PROGRESS in states
    assert officials == ["coordinator@zwolle.example"]
    states, _ = _states("amersfoort")
    assert states[0] == status.IN_PROGRESS and states[1:3] == [status.OPEN, status.OPEN]
    # Utrecht's role history: director first, facilitator now
    tenant = db.session.scalar(db.select(Tenant).filter_by(slug="utrecht"))
    with tenant_context(tenant.id):
        history = services.role_history(services.list_networks()[0])
        assert [r.role for r in history] == ["facilitator", "director"]
    # running the seeder again adds nothing
    seed_demo_networks()
    for slug in ("utrecht", "zwolle", "amersfoort"):
        _states(slug)
