"""PostgreSQL row-level security: the database backstop behind the ORM guard.

These tests talk to the database in raw SQL, as the application role `sleutelnet_app`, so nothing of
the ORM guard helps them: what they see is what a bug, a forgotten filter or an injected query would
see. The tenant tables are taken from the model registry, so a table added later is covered the day
its model exists. Needs TEST_DATABASE_URL (skipped on a laptop without it, fails in CI).
"""
from __future__ import annotations

import contextlib

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError, DataError, ProgrammingError

from sleutelnet.platform.extensions import db
from sleutelnet.platform.tenancy import cross_tenant, is_tenant_owned, tenant_context
from tests.conftest import PG_URL, require_service

pytestmark = pytest.mark.postgres

APPEND_ONLY = ("audit_events", "platform_audit_events")
INSERT_INVITATION = ("INSERT INTO invitations (tenant_id, email, role, token_hash, expires_at, created_at) "
                     "VALUES (:t, 'raw@example.org', 'viewer', :h, now(), now())")


@pytest.fixture(autouse=True)
def _needs_postgres():
    if not PG_URL:
        require_service("PostgreSQL", "set TEST_DATABASE_URL to run the row-level security tests")


def tenant_tables() -> list[str]:
    """Every table of a TenantScoped model, from the model registry (new tables are included)."""
    return sorted({m.local_table.name for m in db.Model.registry.mappers if is_tenant_owned(m.class_)})


def q(name: str) -> str:
    assert name.replace("_", "").isalnum(), name
    return f'"{name}"'


@contextlib.contextmanager
def app_sql(tenant_id: int | None = None, cross: str | None = None):
    """A raw connection as the application role, in a transaction that is always rolled back."""
    with db.engine.connect() as conn:
        trans = conn.begin()
        try:
            if tenant_id is not None:
                conn.execute(text("SELECT set_config('app.tenant_id', :t, true)"), {"t": str(tenant_id)})
            if cross is not None:
                conn.execute(text("SELECT set_config('app.cross_tenant', :c, true)"), {"c": cross})
            yield conn
        finally:
            trans.rollback()


def count(conn, table: str, where: str = "", **params) -> int:
    return conn.execute(text(f"SELECT count(*) FROM {q(table)} {where}"), params).scalar_one()


@pytest.fixture()
def data(world, owner_engine):
    """An invitation (and so an audit event) in each tenant, made through the team service."""
    from sleutelnet.blueprints.team import services

    for key in ("a", "b"):
        with tenant_context(world.tenant_ids[key]):
            services.invite(world.tenants[key], f"invitee-{key}@example.org", "official",
                            world.users[f"coordinator_{key}"])
    with owner_engine.connect() as conn:  # the owner (superuser) sees everything: the rows exist
        for table in ("invitations", "audit_events"):
            for key in ("a", "b"):
                assert count(conn, table, "WHERE tenant_id = :t", t=world.tenant_ids[key]) >= 1, (table, key)
    return world


# (a) every tenant table has RLS enabled and forced, with the tenant policy -------------------------

def test_registry_finds_tenant_tables(app):
    assert {"invitations", "audit_events"} <= set(tenant_tables())


def test_every_tenant_table_has_forced_rls_and_a_policy(app, ctx):
    with db.engine.connect() as conn:
        flags = {r.relname: (r.relrowsecurity, r.relforcerowsecurity) for r in conn.execute(text(
            "SELECT c.relname, c.relrowsecurity, c.relforcerowsecurity FROM pg_class c "
            "JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = current_schema() AND c.relkind = 'r'"))}
        policies = {}
        for r in conn.execute(text("SELECT tablename, policyname, permissive, cmd, qual, with_check "
                                   "FROM pg_policies WHERE schemaname = current_schema()")):
            policies.setdefault(r.tablename, []).append(r)
    problems = []
    for table in tenant_tables():
        if flags.get(table) != (True, True):
            problems.append(f"{table}: relrowsecurity/relforcerowsecurity = {flags.get(table)}")
        permissive = [p for p in policies.get(table, []) if p.permissive == "PERMISSIVE"]
        if [p.policyname for p in permissive] != ["tenant_isolation"]:
            problems.append(f"{table}: permissive policies {[p.policyname for p in permissive]}")
            continue
        policy = permissive[0]
        if policy.cmd != "ALL" or "app.tenant_id" not in (policy.qual or "") \
                or "app.tenant_id" not in (policy.with_check or ""):
            problems.append(f"{table}: policy {policy.cmd} USING {policy.qual} WITH CHECK {policy.with_check}")
    assert not problems, problems


def test_app_role_cannot_bypass_rls(app, ctx):
    with db.engine.connect() as conn:
        me = conn.execute(text("SELECT current_user")).scalar_one()
        role = conn.execute(text("SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = current_user")).one()
    assert me == app.config["DB_APP_ROLE"]
    assert (role.rolsuper, role.rolbypassrls) == (False, False)


# (b) no tenant set: nothing is visible --------------------------------------------------------------

def test_no_tenant_set_sees_no_rows(app, data):
    with app_sql() as conn:
        assert conn.execute(text("SELECT current_setting('app.tenant_id', true)")).scalar() in (None, "")
        seen = {t: count(conn, t) for t in tenant_tables()}
    assert seen == {t: 0 for t in tenant_tables()}


def test_no_tenant_set_cannot_write(app, data):
    a = data.tenant_ids["a"]
    with app_sql() as conn:
        assert conn.execute(text("UPDATE invitations SET role = 'viewer'")).rowcount == 0
        assert conn.execute(text("DELETE FROM invitations")).rowcount == 0
        with pytest.raises(ProgrammingError, match="row-level security"), conn.begin_nested():
            conn.execute(text(INSERT_INVITATION), {"t": a, "h": "x" * 64})


# (c) tenant B set: tenant A's rows cannot be read, changed or created -------------------------------

def test_other_tenant_cannot_read_update_delete_or_insert(app, data, owner_engine):
    a, b = data.tenant_ids["a"], data.tenant_ids["b"]
    with app_sql(tenant_id=b) as conn:
        for table in tenant_tables():
            assert count(conn, table, "WHERE tenant_id <> :b", b=b) == 0, table
        assert count(conn, "invitations") >= 1  # B's own rows are there
        assert count(conn, "invitations", "WHERE tenant_id = :a", a=a) == 0
        assert conn.execute(text("UPDATE invitations SET role = 'viewer' WHERE tenant_id = :a"), {"a": a}).rowcount == 0
        assert conn.execute(text("UPDATE invitations SET email = 'gekaapt@example.org'")).rowcount == 1  # B's own
        assert conn.execute(text("DELETE FROM invitations WHERE tenant_id = :a"), {"a": a}).rowcount == 0
        # WITH CHECK: a row carrying A's tenant id cannot be inserted, nor can B's row be moved to A
        with pytest.raises(ProgrammingError, match="row-level security"), conn.begin_nested():
            conn.execute(text(INSERT_INVITATION), {"t": a, "h": "y" * 64})
        with pytest.raises(ProgrammingError, match="row-level security"), conn.begin_nested():
            conn.execute(text("UPDATE invitations SET tenant_id = :a"), {"a": a})
        with pytest.raises(ProgrammingError, match="row-level security"), conn.begin_nested():
            conn.execute(text("INSERT INTO audit_events (tenant_id, at, action, result, origin) "
                              "VALUES (:a, now(), 'forged', 'ok', 'test')"), {"a": a})
    with owner_engine.connect() as conn:
        assert count(conn, "invitations", "WHERE tenant_id = :a AND role = 'official'", a=a) == 1
        assert count(conn, "invitations", "WHERE email = 'gekaapt@example.org'") == 0  # rolled back


def test_own_tenant_can_write(app, data):
    b = data.tenant_ids["b"]
    with app_sql(tenant_id=b) as conn:
        conn.execute(text(INSERT_INVITATION), {"t": b, "h": "z" * 64})
        conn.execute(text("INSERT INTO audit_events (tenant_id, at, action, result, origin) "
                          "VALUES (:b, now(), 'test', 'ok', 'test')"), {"b": b})
        assert count(conn, "invitations", "WHERE token_hash = :h", h="z" * 64) == 1


# (d) the app role owns nothing and cannot rewrite the audit trail ---------------------------------

def test_app_role_owns_no_table(app, ctx):
    role = app.config["DB_APP_ROLE"]
    with db.engine.connect() as conn:
        owned = conn.execute(text("SELECT tablename FROM pg_tables WHERE schemaname = current_schema() "
                                  "AND tableowner = :r"), {"r": role}).scalars().all()
        tables = conn.execute(text("SELECT count(*) FROM pg_tables WHERE schemaname = current_schema()")).scalar()
    assert owned == [] and tables > 0


@pytest.mark.parametrize("statement", ["UPDATE {t} SET action = 'rewritten'", "DELETE FROM {t}",
                                       "TRUNCATE {t}"])
@pytest.mark.parametrize("table", APPEND_ONLY)
def test_audit_tables_are_append_only_for_app_role(app, data, table, statement):
    with app_sql(tenant_id=data.tenant_ids["a"]) as conn:
        with pytest.raises(ProgrammingError, match="permission denied"):
            conn.execute(text(statement.format(t=q(table))))


def test_audit_events_insert_allowed_but_no_update_privilege(app, ctx):
    role = app.config["DB_APP_ROLE"]
    with db.engine.connect() as conn:
        for table in APPEND_ONLY:
            rights = {p: conn.execute(text("SELECT has_table_privilege(:r, :t, :p)"),
                                      {"r": role, "t": table, "p": p}).scalar()
                      for p in ("SELECT", "INSERT", "UPDATE", "DELETE", "TRUNCATE")}
            assert rights == {"SELECT": True, "INSERT": True, "UPDATE": False, "DELETE": False,
                              "TRUNCATE": False}, (table, rights)
        assert not conn.execute(text("SELECT has_table_privilege(:r, 'alembic_version', 'UPDATE')"),
                                {"r": role}).scalar()


# (e) the cross-tenant switch works only while it is set ---------------------------------------------

def test_cross_tenant_setting_only_when_set(app, data, owner_engine):
    with owner_engine.connect() as conn:
        totals = {t: count(conn, t) for t in tenant_tables()}
    with app_sql(cross="on") as conn:
        assert {t: count(conn, t) for t in tenant_tables()} == totals
    for value in ("", "off", "true", "1", "ON "):
        with app_sql(cross=value) as conn:
            assert count(conn, "invitations") == 0, value
    # SET LOCAL: gone with the transaction, even on the same pooled connection
    with db.engine.connect() as conn:
        with conn.begin():
            conn.execute(text("SELECT set_config('app.cross_tenant', 'on', true)"))
            assert count(conn, "invitations") == 2
        with conn.begin():
            assert count(conn, "invitations") == 0


def test_orm_scope_is_mirrored_into_the_transaction(app, data):
    """The guard's context reaches raw SQL run through the session, also when it changes mid-transaction."""
    a, b = data.tenant_ids["a"], data.tenant_ids["b"]

    def raw_invitations():
        return db.session.execute(text("SELECT tenant_id FROM invitations ORDER BY tenant_id")).scalars().all()

    db.session.rollback()
    assert raw_invitations() == []
    with tenant_context(a):
        assert raw_invitations() == [a]
        with tenant_context(b):
            assert raw_invitations() == [b]
        assert raw_invitations() == [a]
    assert raw_invitations() == []  # same transaction, scope left
    with cross_tenant("maintenance"):
        assert raw_invitations() == sorted([a, b])
    assert raw_invitations() == []
    db.session.rollback()
    assert raw_invitations() == []


def test_request_scope_reset_is_mirrored(app, data):
    from sleutelnet.platform.tenancy import reset_request_scope, set_request_scope

    with app.test_request_context("/"):
        db.session.execute(text("SELECT 1"))
        token = set_request_scope(data.tenant_ids["a"])
        assert db.session.execute(text("SELECT count(*) FROM invitations")).scalar() == 1
        reset_request_scope(token)
        assert db.session.execute(text("SELECT count(*) FROM invitations")).scalar() == 0
        db.session.rollback()


def test_leaving_a_scope_after_a_database_error_keeps_the_error(app, data):
    """Restoring the scope must not replace the real error with 'transaction is aborted'."""
    with pytest.raises(DataError):
        with tenant_context(data.tenant_ids["a"]):
            db.session.execute(text("SELECT 1 / 0"))
    db.session.rollback()
    with pytest.raises(DBAPIError) as info:
        with cross_tenant("maintenance"):
            db.session.execute(text(INSERT_INVITATION), {"t": -1, "h": "w" * 64})
    assert "foreign key" in str(info.value).lower()
    db.session.rollback()
    assert db.session.execute(text("SELECT count(*) FROM invitations")).scalar() == 0


MIGRATE_VIA_APP_ENGINE = """
import sys
from flask_migrate import upgrade
from sqlalchemy import text
from sleutelnet.platform import rls
from sleutelnet.platform.app import create_app
from sleutelnet.platform.extensions import db

seen = []
real = rls.ensure_rls
def spy(connection, metadata, role):
    seen.append(connection.execute(text("SELECT current_setting('app.cross_tenant', true)")).scalar())
    return real(connection, metadata, role)
rls.ensure_rls = spy
app = create_app({"ENV_NAME": "testing", "SQLALCHEMY_DATABASE_URI": sys.argv[1], "MIGRATION_DATABASE_URL": None,
                  "SQLALCHEMY_ENGINE_OPTIONS": {"pool_size": 1, "max_overflow": 0}})
with app.app_context():
    upgrade(revision="heads")
    with db.engine.connect() as conn:  # the one pooled connection the migration used
        left = conn.execute(text("SELECT current_setting('app.cross_tenant', true)")).scalar()
print(repr(seen), repr(left))
"""


def test_migrations_set_cross_tenant_only_for_their_own_transaction(app, ctx, tmp_path):
    """Migrating through the app's own engine (no MIGRATION_DATABASE_URL) runs the migration
    cross-tenant, but must not leave `app.cross_tenant = on` behind on the pooled connection."""
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-c", MIGRATE_VIA_APP_ENGINE, app.config["MIGRATION_DATABASE_URL"]],
                            capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.split("\n")[-2] in ("['on'] ''", "['on'] None"), result.stdout
