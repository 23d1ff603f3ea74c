"""Fixtures for the exchange tests: those of the advice inbox (the ESS advisor logged in *through* 2FA, an
extra advisor, the mailbox, a small network) plus a province with enough municipalities for anonymity."""
from __future__ import annotations

import pytest

from sleutelnet.platform.auth.models import User
from sleutelnet.platform.extensions import db
from tests.advice.conftest import ess_login, extra_advisor, mailbox, small_network  # noqa: F401 - shared fixtures
from tests.conftest import PASSWORD


@pytest.fixture()
def utrecht_region(world):
    """Four more municipalities in the province of Utrecht (5 in all), each with a coordinator; returns
    {slug: (tenant, coordinator user)}."""
    from sleutelnet.platform.auth.passwords import hash_password
    from sleutelnet.tenants.models import Membership
    from sleutelnet.tenants.services import provision_tenant

    out = {}
    pw = hash_password(PASSWORD)
    for code in ("GM0307", "GM0308", "GM0310", "GM0312"):
        tenant = provision_tenant(code, origin="test")
        user = User(email=f"coordinator@{tenant.slug}.example", name=f"Coordinator {tenant.name}", password_hash=pw)
        db.session.add(user)
        db.session.flush()
        db.session.add(Membership(tenant_id=tenant.id, user_id=user.id, role="coordinator"))
        out[tenant.slug] = (tenant, user)
    db.session.commit()
    return out
