"""Helpers for the key-person register tests: networks, reference lists and persons made through the services."""
from __future__ import annotations

from datetime import date, timedelta

import pytest

from sleutelnet.platform.extensions import db
from sleutelnet.platform.tenancy import tenant_context


class Register:
    """Creates register data in tenant "a" or "b" of the `world` and returns ids (objects expire on commit)."""

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

    def neighbourhood(self, name, parent_id=None, key="a") -> int:
        from sleutelnet.blueprints.keypersons import reference

        with self.tenant(key):
            return reference.save_neighbourhood(None, name=name, parent_id=parent_id).id

    def organisation(self, name, kind="foundation", key="a") -> int:
        from sleutelnet.blueprints.keypersons import reference

        with self.tenant(key):
            return reference.save_organisation(None, name=name, kind=kind).id

    def person(self, name="Fatima El Amrani", *, network_id, key="a", status="lead", roles=(), organisation_ids=(),
               special=None, status_on=None, actor="coordinator", **data) -> int:
        from sleutelnet.blueprints.keypersons import services

        with self.tenant(key):
            return services.create_person(
                {"network_id": network_id, "name": name, **data}, roles=roles, organisation_ids=organisation_ids,
                status=status, status_on=status_on or date.today() - timedelta(days=30), special=special,
                actor_id=self.world.ids[f"{actor}_{key}"]).id

    def get(self, person_id, key="a", **kwargs):
        """A freshly loaded person (use inside `with reg.tenant():`)."""
        from sleutelnet.blueprints.keypersons import services

        db.session.expire_all()
        return services.get_person(person_id, **kwargs)


@pytest.fixture()
def reg(world):
    return Register(world)


@pytest.fixture()
def network_a(reg):
    return reg.network()
