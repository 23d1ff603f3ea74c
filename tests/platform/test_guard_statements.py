"""The ORM guard sees a tenant table wherever it sits in a statement, not only in the selected entities.

`select(func.count()).select_from(Thing)` selects no entity at all, and a subquery, EXISTS or UNION
hides the tenant table from the outer statement; each must still be scoped (or refused without a
tenant context). This runs on SQLite too, where no row-level security stands behind the guard.
"""
from __future__ import annotations

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import aliased

from sleutelnet.blueprints.team.models import Invitation
from sleutelnet.platform.audit import AuditEvent
from sleutelnet.platform.extensions import db
from sleutelnet.platform.models import utcnow
from sleutelnet.platform.tenancy import TenantContextError, cross_tenant, tenant_context
from sleutelnet.tenants.models import Tenant


def _count_select_from():
    return select(func.count()).select_from(Invitation)


def _count_subquery():
    return select(func.count()).select_from(select(Invitation.id).subquery())


def _count_aliased():
    return select(func.count()).select_from(aliased(Invitation))


def _platform_rows_filtered_by_tenant_rows():
    return select(func.count()).select_from(Tenant).where(Tenant.id.in_(select(Invitation.tenant_id)))


def _exists():
    return select(func.count()).select_from(Tenant).where(
        select(Invitation.id).where(Invitation.tenant_id == Tenant.id).exists())


def _union():
    return select(func.count()).select_from(
        select(Invitation.tenant_id).union_all(select(AuditEvent.tenant_id)).subquery())


STATEMENTS = {
    "count-select-from": (_count_select_from, 1),
    "count-subquery": (_count_subquery, 1),
    "count-aliased": (_count_aliased, 1),
    "platform-in-subquery": (_platform_rows_filtered_by_tenant_rows, 1),
    "platform-exists": (_exists, 1),
    "union": (_union, 2),  # one invitation plus one audit event of the current tenant
}


@pytest.fixture()
def two_tenants(world):
    from sleutelnet.platform import audit

    for key in ("a", "b"):
        with tenant_context(world.tenant_ids[key]):
            db.session.add(Invitation(email=f"{key}@example.org", role="official",
                                      token_hash=key * 64, expires_at=utcnow()))
            audit.record("test.event")
            db.session.commit()
    return world


@pytest.mark.parametrize("name", sorted(STATEMENTS))
def test_scoped_in_a_tenant_context(two_tenants, name):
    build, own = STATEMENTS[name]
    for key in ("a", "b"):
        with tenant_context(two_tenants.tenant_ids[key]):
            assert db.session.scalar(build()) == own, (name, key)
    with cross_tenant("maintenance"):
        assert db.session.scalar(build()) == 2 * own  # the named way across tenants still sees both


@pytest.mark.parametrize("name", sorted(STATEMENTS))
def test_refused_without_a_tenant_context(two_tenants, name):
    build, _ = STATEMENTS[name]
    with pytest.raises(TenantContextError):
        db.session.scalar(build())


def test_platform_only_statements_pass_untouched(two_tenants):
    assert db.session.scalar(select(func.count()).select_from(Tenant)) == 2


def test_a_statement_reused_across_requests_is_walked_once_and_still_guarded(two_tenants, monkeypatch):
    """The guard remembers per statement object whether it touches a tenant table (the request prelude is
    composed once per process): a reused statement is walked once, and a reused tenant statement is refused
    without a tenant context every time, also after a scoped run."""
    from sleutelnet.platform import tenancy

    tenant_id = two_tenants.tenant_ids["a"]
    walks = []
    original = tenancy._tenant_tables_in
    monkeypatch.setattr(tenancy, "_tenant_tables_in", lambda statement: walks.append(statement) or original(statement))
    platform_only = select(func.count()).select_from(Tenant)
    tenant_rows = _count_subquery()
    for _ in range(3):
        db.session.execute(platform_only).scalar()
        with pytest.raises(TenantContextError):
            db.session.execute(tenant_rows)
        db.session.rollback()
        with tenant_context(tenant_id):
            db.session.execute(tenant_rows).scalar()
        db.session.rollback()
    # the error message names the tables (a walk of its own); the decision is made once per statement
    assert sum(w is platform_only for w in walks) == 1
    assert sum(w is tenant_rows for w in walks) == 1 + 3
