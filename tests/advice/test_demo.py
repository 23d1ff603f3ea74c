"""Demo data: open advice requests in every state and an active exchange, fast and idempotent."""
from __future__ import annotations

import time

from sleutelnet.blueprints.advice import choices
from sleutelnet.blueprints.advice.demo import seed_demo_advice
from sleutelnet.blueprints.advice.models import AdviceInternalNote, AdviceRequest
from sleutelnet.blueprints.exchange.demo import seed_demo_exchange
from sleutelnet.blueprints.exchange.models import ExchangePost, ExchangeReply, ExchangeReport
from sleutelnet.platform.extensions import db
from tests.conftest import counted_statements


def test_demo_has_every_state_and_an_active_exchange(ctx, app, monkeypatch):
    from sleutelnet.blueprints import registry
    from sleutelnet.platform import features
    from sleutelnet.platform.demo import seed_demo

    # only the areas this demo builds on (the networks of the context), to keep the test fast
    monkeypatch.setattr(features, "_installed", (registry.network, registry.advice, registry.exchange))
    started = time.perf_counter()
    assert seed_demo()
    print(f"demo seed with networks, advice and exchange: {time.perf_counter() - started:.2f} s")
    states = set(db.session.scalars(db.select(AdviceRequest.state)))
    assert states == set(choices.STATES)
    utrecht = db.session.scalar(db.select(AdviceRequest).filter_by(state="new"))
    assert "Geanonimiseerde samenstelling" in utrecht.context_json and "< 5" in utrecht.context_json
    assert db.session.scalar(db.select(db.func.count()).select_from(AdviceInternalNote)) == 1
    assert db.session.scalar(db.select(db.func.count()).select_from(ExchangePost)) >= 4
    assert db.session.scalar(db.select(db.func.count()).select_from(ExchangeReply)) == 2
    assert db.session.scalar(db.select(db.func.count()).select_from(ExchangeReport)) == 2
    # idempotent
    before = db.session.scalar(db.select(db.func.count()).select_from(AdviceRequest))
    with counted_statements() as sent:
        seed_demo_advice()
        seed_demo_exchange()
    assert len(sent) <= 4, len(sent)  # seeded already: one look each, nothing written
    assert db.session.scalar(db.select(db.func.count()).select_from(AdviceRequest)) == before
    # the demo ESS account (2FA-exempt, demo only) sees the inbox with SLA clocks and the moderation queue
    from tests.conftest import Browser

    b = Browser(app.test_client())
    b.get("/inloggen")
    r = b.post("/inloggen", {"email": "ess@sleutelnet.example", "password": app.config["DEMO_PASSWORD"]})
    assert r.status_code == 302
    inbox = b.get("/ess/advies/?view=open").get_data(as_text=True)
    assert "Jongeren betrekken bij het netwerk" in inbox and "Verloop na een incident" in inbox
    queue = b.get("/ess/uitwisseling/moderatie").get_data(as_text=True)
    assert "Vergoeding voor sleutelpersonen" in queue
