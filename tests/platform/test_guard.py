"""The ORM tenancy guard: scoped statements, no context = error, named cross-tenant context only."""
from __future__ import annotations

import pytest

from sleutelnet.blueprints.team.models import Invitation
from sleutelnet.platform.extensions import db
from sleutelnet.platform.models import utcnow
from sleutelnet.platform.tenancy import TenantContextError, cross_tenant, tenant_context


def _invite(tenant_id, email):
    with tenant_context(tenant_id):
        db.session.add(Invitation(email=email, role="official", token_hash=email.ljust(64, "x")[:64],
                                  expires_at=utcnow()))
        db.session.commit()


def test_queries_are_scoped_to_the_current_tenant(world):
    _invite(world.tenant_ids["a"], "a@example.org")
    _invite(world.tenant_ids["b"], "b@example.org")
    with tenant_context(world.tenant_ids["a"]):
        assert [i.email for i in db.session.scalars(db.select(Invitation))] == ["a@example.org"]
        assert db.session.scalar(db.select(db.func.count(Invitation.id))) == 1
    with tenant_context(world.tenant_ids["b"]):
        assert [i.email for i in db.session.scalars(db.select(Invitation))] == ["b@example.org"]


def test_no_tenant_context_raises(world):
    with pytest.raises(TenantContextError):
        db.session.scalars(db.select(Invitation)).all()


def test_bulk_update_and_delete_are_scoped(world):
    _invite(world.tenant_ids["a"], "a@example.org")
    _invite(world.tenant_ids["b"], "b@example.org")
    with tenant_context(world.tenant_ids["b"]):
        db.session.execute(db.update(Invitation).values(role="viewer"))
        db.session.execute(db.delete(Invitation).where(Invitation.email == "a@example.org"))
        db.session.commit()
    with cross_tenant("maintenance"):
        roles = dict(db.session.execute(db.select(Invitation.email, Invitation.role)).all())
    assert roles == {"a@example.org": "official", "b@example.org": "viewer"}


def test_flush_stamps_tenant_and_refuses_foreign_rows(world):
    _invite(world.tenant_ids["a"], "a@example.org")
    with tenant_context(world.tenant_ids["a"]):
        inv = db.session.scalar(db.select(Invitation))
        assert inv.tenant_id == world.tenant_ids["a"]
    with tenant_context(world.tenant_ids["b"]):
        inv.role = "viewer"  # an object of tenant A modified under tenant B
        with pytest.raises(TenantContextError):
            db.session.flush()
        db.session.rollback()
    with tenant_context(world.tenant_ids["b"]):
        db.session.add(Invitation(tenant_id=world.tenant_ids["a"], email="x@example.org", role="viewer",
                                  token_hash="y" * 64, expires_at=utcnow()))
        with pytest.raises(TenantContextError):
            db.session.flush()
        db.session.rollback()


def test_writing_without_context_raises(world):
    db.session.add(Invitation(email="x@example.org", role="viewer", token_hash="z" * 64, expires_at=utcnow()))
    with pytest.raises(TenantContextError):
        db.session.flush()
    db.session.rollback()


def test_cross_tenant_needs_a_known_reason(world):
    with pytest.raises(TenantContextError):
        with cross_tenant("curiosity"):
            pass
    _invite(world.tenant_ids["a"], "a@example.org")
    _invite(world.tenant_ids["b"], "b@example.org")
    with cross_tenant("national-aggregates"):
        assert db.session.scalar(db.select(db.func.count(Invitation.id))) == 2
        db.session.add(Invitation(email="c@example.org", role="viewer", token_hash="c" * 64, expires_at=utcnow()))
        with pytest.raises(TenantContextError):  # across tenants the tenant must be explicit
            db.session.flush()
        db.session.rollback()
