"""Signals test fixtures: tenant A's network with three officials — the recorder (`official_a`), a named
colleague (`colleague_a`) and a third official (`third_a`) — all linked to the network, plus a key person."""
from __future__ import annotations

from datetime import date, timedelta

import pytest

from sleutelnet.platform.extensions import db
from sleutelnet.platform.tenancy import tenant_context

SECRET = "Geheime-melding-over-Kanaleneiland-7731"


class SignalWorld:
    def __init__(self, world):
        from sleutelnet.blueprints.keypersons import services as kp
        from sleutelnet.blueprints.network import services as net
        from sleutelnet.platform.auth.models import User
        from sleutelnet.platform.auth.passwords import hash_password
        from sleutelnet.tenants.models import Membership
        from tests.conftest import PASSWORD

        self.world = world
        self.tenant_id = world.tenant_ids["a"]
        pw = hash_password(PASSWORD)
        for key, name in (("colleague_a", "Collega Bakker"), ("third_a", "Derde Jansen")):
            user = User(email=f"{key}@example.org", name=name, password_hash=pw)
            db.session.add(user)
            db.session.flush()
            db.session.add(Membership(tenant_id=self.tenant_id, user_id=user.id, role="official"))
            world.users[key] = user
            world.ids[key] = user.id
        db.session.commit()
        with tenant_context(self.tenant_id):
            network = net.create_network("Sleutelpersonennetwerk Test")
            self.network_id = network.id
            memberships = {m.user_id: m.id for m in db.session.scalars(
                db.select(Membership).filter_by(tenant_id=self.tenant_id))}
            for key in ("official_a", "colleague_a", "third_a", "coordinator_a"):
                net.link_official(network, memberships[world.ids[key]], "")
            self.person_id = kp.create_person({"network_id": network.id, "name": "Fatima El Amrani"},
                                              status="active", actor_id=world.ids["coordinator_a"]).id

    def tenant(self):
        return tenant_context(self.tenant_id)

    def url(self, path=""):
        return f"/g/{self.world.slugs['a']}/signalen/{path}"

    def record(self, actor="official_a", readers=("colleague_a",), text=SECRET, reported_on=None, sensitivity="strict",
               person=True, **extra) -> int:
        from sleutelnet.blueprints.signals import services

        data = {"reported_on": reported_on or date.today() - timedelta(days=1), "topic": "tension", "urgency": "high",
                "sensitivity": sensitivity, "description": text,
                "source_kind": "keyperson" if person else "anonymous",
                "source_person_id": self.person_id if person else None, **extra}
        with self.tenant():
            signal = services.record_signal(self.network_id, data, reader_ids=[self.world.ids[r] for r in readers],
                                            actor_id=self.world.ids[actor], see_all=actor.startswith("coordinator"))
            db.session.commit()
            return signal.id

    def move(self, signal_id, *statuses, actor="official_a", on=None, partner="police"):
        from sleutelnet.blueprints.signals import services
        from sleutelnet.blueprints.signals.models import Signal

        with self.tenant():
            for status in statuses:
                signal = db.session.get(Signal, signal_id)
                services.transition(signal, status, occurred_on=on, partner=partner, actor_id=self.world.ids[actor])
            db.session.commit()

    def get(self, signal_id):
        from sleutelnet.blueprints.signals.models import Signal

        db.session.expire_all()
        return db.session.get(Signal, signal_id)


@pytest.fixture()
def sw(world):
    return SignalWorld(world)
