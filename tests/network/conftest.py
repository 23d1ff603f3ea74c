"""Helpers for the network tests: a network in tenant A and URL builders."""
from __future__ import annotations

import pytest

from sleutelnet.platform.extensions import db
from sleutelnet.platform.tenancy import tenant_context


@pytest.fixture()
def in_a(world):
    """A context manager factory: `with in_a(): ...` runs as tenant A."""
    return lambda: tenant_context(world.tenant_ids["a"])


@pytest.fixture()
def network_a(world, in_a):
    from sleutelnet.blueprints.network import services

    with in_a():
        network = services.create_network("Sleutelpersonennetwerk Utrecht")
        return network.id


@pytest.fixture()
def url(world):
    def _url(path: str, tenant: str = "a") -> str:
        return f"/g/{world.slugs[tenant]}/netwerken/{path}"
    return _url


def audit_actions(tenant_id: int) -> list[str]:
    from sleutelnet.platform.audit import AuditEvent

    with tenant_context(tenant_id):
        return [e.action for e in db.session.scalars(db.select(AuditEvent).order_by(AuditEvent.id))]


def membership_id(world, key: str) -> int:
    from sleutelnet.tenants.models import Membership

    return db.session.scalar(db.select(Membership.id).filter_by(user_id=world.ids[key]))
