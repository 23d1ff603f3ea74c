"""The demo seeder: realistic, varied, deterministic and idempotent."""
from __future__ import annotations

from collections import Counter

from sleutelnet.blueprints.keypersons import choices, demo
from sleutelnet.blueprints.keypersons.models import (KeyPerson, KeyPersonExit, KeyPersonIntake, KeyPersonRole,
                                                     KeyPersonSuccessor, Neighbourhood, Organisation)
from sleutelnet.platform.extensions import db


def test_demo_seeder(reg, world):
    demo.seed_demo_keypersons()
    for key, slug in (("a", "utrecht"), ("b", "zwolle")):
        with reg.tenant(key):
            persons = db.session.scalars(db.select(KeyPerson)).all()
            assert 40 <= len(persons) <= 150, (slug, len(persons))
            statuses = Counter(p.status for p in persons)
            assert set(statuses) == set(choices.STATUSES), statuses
            assert statuses["active"] > statuses["exited"]
            assert {r for (r,) in db.session.execute(db.select(KeyPersonRole.role))} == set(choices.ROLES)
            assert len({p.recruitment_channel for p in persons}) == len(choices.RECRUITMENT_CHANNELS)
            assert sum(1 for p in persons if p.referred_by_id) >= 5  # snowball chains
            reasons = {e.reason for e in db.session.scalars(db.select(KeyPersonExit))}
            assert len(reasons) >= 4
            assert db.session.scalar(db.select(db.func.count(KeyPersonIntake.id))) >= len(persons) // 2
            assert db.session.scalar(db.select(db.func.count(KeyPersonSuccessor.id))) >= 1
            wijken = set(db.session.scalars(db.select(Neighbourhood.name)))
            assert set(demo.PLACES[slug]) <= wijken
            assert db.session.scalar(db.select(db.func.count(Organisation.id))) >= 10
            assert any(p.special_category_consent_on for p in persons)  # from the consent register
            names = {p.name for p in persons}
            assert len(names) == len(persons)
    with reg.tenant("a"):
        assert db.session.scalar(db.select(Neighbourhood.id).filter_by(name="Kanaleneiland")) is not None
        before = db.session.scalar(db.select(db.func.count(KeyPerson.id)))
    demo.seed_demo_keypersons()  # idempotent
    with reg.tenant("a"):
        assert db.session.scalar(db.select(db.func.count(KeyPerson.id))) == before


def test_names_are_deterministic():
    import random

    first = demo._names(random.Random("sleutelnet-keypersons-utrecht"), 10)
    assert first == demo._names(random.Random("sleutelnet-keypersons-utrecht"), 10)
    assert len(set(first)) == 10
