"""Fixtures for the care, health, evaluation and report tests: a network with active key persons."""
from __future__ import annotations

import pytest

from sleutelnet.platform.extensions import db
from sleutelnet.platform.tenancy import tenant_context


def make_network(world, n=6, key="a", name="Netwerk Zorg"):
    from sleutelnet.blueprints.keypersons import services as kp
    from sleutelnet.blueprints.network.models import Network

    with tenant_context(world.tenant_ids[key]):
        network = Network(name=name)
        db.session.add(network)
        db.session.flush()
        ids = [kp.create_person({"network_id": network.id, "name": f"Persoon Zorg {i}",
                                 "email": f"persoon{i}@voorbeeld.example"}, status="active",
                                actor_id=world.ids[f"coordinator_{key}"]).id for i in range(n)]
        db.session.commit()
        return network.id, ids


@pytest.fixture()
def net(world):
    return make_network(world)
