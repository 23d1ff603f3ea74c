"""The national boundary: no ESS route (inbox or exchange) enters a cross-tenant context, and ESS code does
not use `cross_tenant` at all. Any tenant table touched without a tenant context would raise in the ORM
guard, so a 200 with no cross-tenant scope proves the pages read only platform tables."""
from __future__ import annotations

from pathlib import Path

import pytest

from sleutelnet.blueprints.advice import services
from sleutelnet.platform import tenancy
from sleutelnet.platform.extensions import db

AREAS = Path(__file__).resolve().parents[2] / "sleutelnet" / "blueprints"


@pytest.fixture()
def scopes(monkeypatch):
    """Every scope entered while the fixture is active, and every ORM statement run across tenants."""
    seen = {"scopes": [], "cross_statements": 0}
    original = tenancy._scoped

    def recording(scope):
        seen["scopes"].append(scope)
        return original(scope)

    monkeypatch.setattr(tenancy, "_scoped", recording)
    from sqlalchemy import event
    from sqlalchemy.orm import Session

    def on_execute(state):
        if tenancy.cross_tenant_reason():
            seen["cross_statements"] += 1

    event.listen(Session, "do_orm_execute", on_execute)
    yield seen
    event.remove(Session, "do_orm_execute", on_execute)


def test_no_ess_route_enters_a_cross_tenant_context(app, world, ess_login, scopes):
    from sleutelnet.blueprints.exchange import services as exchange

    req = services.create_request(world.tenants["a"], world.ids["coordinator_a"], topic="1.1", subject="Vraag",
                                  question="Tekst", urgency="normal", context_json=None)
    post = exchange.create_post(world.tenants["a"], world.ids["coordinator_a"], kind="worked", title="Titel",
                                body="Tekst", tags=["1.1"], visibility="all", author_mode="municipality")
    db.session.commit()
    values = {"request_id": req.id, "post_id": post.id, "sanction_id": 1}
    ess = ess_login()
    scopes["scopes"].clear()
    rules = [r for r in app.url_map.iter_rules() if r.rule.startswith(("/ess/advies", "/ess/uitwisseling"))]
    assert len(rules) > 10
    visited = 0
    for rule in rules:
        url = rule.rule
        for arg in rule.arguments:
            url = url.replace(f"<int:{arg}>", str(values[arg]))
        if "GET" in rule.methods:
            assert ess.get(url).status_code in (200, 302, 404), url
            visited += 1
    # and the main changes
    assert ess.post(f"/ess/advies/{req.id}/notitie", {"body": "Notitie"}).status_code == 302
    assert ess.post(f"/ess/advies/{req.id}/bericht", {"body": "Antwoord", "kind": "answer"}).status_code == 302
    assert ess.post(f"/ess/uitwisseling/{post.id}/besluit", {"decision": "remove"}).status_code == 302
    assert visited > 8
    assert not [s for s in scopes["scopes"] if s.cross_tenant_reason], "an ESS route entered a cross-tenant context"
    assert not [s for s in scopes["scopes"] if s.tenant_id is not None], "an ESS route entered a tenant context"
    assert scopes["cross_statements"] == 0


def test_ess_code_never_uses_cross_tenant():
    for area in ("advice", "exchange"):
        for path in (AREAS / area).rglob("*.py"):
            assert "cross_tenant" not in path.read_text(), path
