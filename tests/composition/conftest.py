"""Fixtures for the composition and recruitment tests: a network in tenant A and a person factory that
writes the register's rows directly (with a status history), so the tests control every date."""
from __future__ import annotations

from datetime import date, timedelta

import pytest

from sleutelnet.platform.extensions import db
from sleutelnet.platform.tenancy import tenant_context


@pytest.fixture()
def net_a(world):
    from sleutelnet.blueprints.network.models import Network

    with tenant_context(world.tenant_ids["a"]):
        network = Network(name="Netwerk Utrecht")
        db.session.add(network)
        db.session.commit()
        return network.id


class People:
    """make(...) adds one key person to a network of the tenant, with roles and a status history."""

    def __init__(self, tenant_id: int, network_id: int):
        self.tenant_id, self.network_id = tenant_id, network_id

    def make(self, name="Persoon", *, status="active", roles=(), history=None, channel=None, referred_by=None,
             age_group=None, helping_profession=None, education=None, known=None, migration=None,
             neighbourhood_id=None, organisation_ids=(), network_id=None):
        from sleutelnet.blueprints.privacy.models import ConsentRecord
        from sleutelnet.blueprints.keypersons.models import (KeyPerson, KeyPersonOrganisation, KeyPersonRole,
                                                             KeyPersonStatusChange)

        history = history if history is not None else [(status, date.today() - timedelta(days=30))]
        with tenant_context(self.tenant_id):
            person = KeyPerson(network_id=network_id or self.network_id, name=name, status=history[-1][0],
                               status_since=history[-1][1], recruitment_channel=channel, referred_by_id=referred_by,
                               age_group=age_group, helping_profession=helping_profession, education=education,
                               known_to_municipality=known, neighbourhood_id=neighbourhood_id)
            if migration is not None:
                person.migration_background = migration
            db.session.add(person)
            db.session.flush()
            if migration is not None:  # the consent register is the only record of consent
                db.session.add(ConsentRecord(person_id=person.id, scope="special_category", basis="consent",
                                             given_on=date.today(), obtained_via="written"))
            for role in roles:
                db.session.add(KeyPersonRole(person_id=person.id, role=role))
            for org_id in organisation_ids:
                db.session.add(KeyPersonOrganisation(person_id=person.id, organisation_id=org_id))
            previous = None
            for to_status, on in history:
                db.session.add(KeyPersonStatusChange(person_id=person.id, changed_on=on, from_status=previous,
                                                     to_status=to_status, reason=""))
                previous = to_status
            db.session.commit()
            return person.id

    def many(self, n, **kwargs):
        return [self.make(f"{kwargs.pop('prefix', 'Persoon')} {i}", **kwargs) for i in range(n)]


@pytest.fixture()
def people(world, net_a):
    return People(world.tenant_ids["a"], net_a)


def section(html: str, start_marker: str, end_marker: str = "<h3") -> str:
    """The part of a page from `start_marker` up to the next `end_marker` (or the end)."""
    i = html.index(start_marker)
    j = html.find(end_marker, i + len(start_marker))
    return html[i: j if j != -1 else len(html)]
