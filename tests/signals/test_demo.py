"""The demo seeder: a handful of signals in every state per demo municipality, Dutch, named officials,
with a bounded number of statements and idempotent."""
from __future__ import annotations

from sqlalchemy.orm import undefer

from sleutelnet.platform.extensions import db
from sleutelnet.platform.tenancy import tenant_context
from tests.conftest import counted_statements


def test_demo_signals(world):
    from sleutelnet.blueprints.keypersons.demo import seed_demo_keypersons
    from sleutelnet.blueprints.network.demo import seed_demo_networks
    from sleutelnet.blueprints.signals import choices, demo
    from sleutelnet.blueprints.signals.models import Signal, SignalReader

    seed_demo_networks()
    seed_demo_keypersons()
    with counted_statements() as sent:
        demo.seed_demo_signals()
    assert len(sent) <= 400, len(sent)  # 355 on SQLite, 358 on PostgreSQL
    for key in ("a", "b"):
        with tenant_context(world.tenant_ids[key]):
            signals = db.session.scalars(db.select(Signal).options(undefer(Signal.description))).all()
            assert 5 <= len(signals) <= 12
            assert {s.status for s in signals} == set(choices.STATUSES)
            assert {s.sensitivity for s in signals} == set(choices.SENSITIVITIES)
            assert {s.source_kind for s in signals} == set(choices.SOURCES)
            dutch = (" de ", " het ", " een ", " van ", " zijn ")
            assert all(any(w in s.description for w in dutch) for s in signals)
            readers = set(db.session.scalars(db.select(SignalReader.user_id)))
            assert readers == {world.ids[f"official_{key}"]}
            assert any(s.neighbourhood_id for s in signals)
            count = len(signals)
    demo.seed_demo_signals()  # idempotent
    with tenant_context(world.tenant_ids["b"]):
        assert db.session.scalar(db.select(db.func.count(Signal.id))) == count
