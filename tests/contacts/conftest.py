"""Helpers for the contacts tests: a network with key persons in tenant "a" (or "b")."""
from __future__ import annotations

from datetime import date, timedelta

import pytest

from sleutelnet.platform.extensions import db
from sleutelnet.platform.tenancy import tenant_context


class Setup:
    def __init__(self, world):
        self.world = world

    def tenant(self, key="a"):
        return tenant_context(self.world.tenant_ids[key])

    def url(self, path="", key="a"):
        return f"/g/{self.world.slugs[key]}/{path}"

    def network(self, name="Sleutelpersonennetwerk", key="a") -> int:
        from sleutelnet.blueprints.network.models import Network

        with self.tenant(key):
            network = Network(name=name)
            db.session.add(network)
            db.session.commit()
            return network.id

    def person(self, name, network_id, key="a", status="active") -> int:
        from sleutelnet.blueprints.keypersons import services

        with self.tenant(key):
            return services.create_person({"network_id": network_id, "name": name}, status=status,
                                          status_on=date.today() - timedelta(days=60),
                                          actor_id=self.world.ids[f"coordinator_{key}"]).id

    def contact(self, person_ids, key="a", actor="official", **data) -> int:
        from sleutelnet.blueprints.contacts import services

        values = {"contacted_on": date.today() - timedelta(days=3), "channel": "phone", "topics": ["youth"],
                  "note": "Gesproken over de jongeren bij het plein."}
        values.update(data)
        with self.tenant(key):
            contact = services.record_contact(values, person_ids, actor_id=self.world.ids[f"{actor}_{key}"])
            db.session.commit()
            return contact.id


@pytest.fixture()
def setup(world):
    return Setup(world)


@pytest.fixture()
def net(setup):
    """A network with two active persons in tenant a: (network_id, fatima_id, youssef_id)."""
    network = setup.network()
    return network, setup.person("Fatima El Amrani", network), setup.person("Youssef Bakkali", network)
