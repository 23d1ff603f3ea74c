"""Ready for a distributed PostgreSQL (Citus, sharded by tenant_id): the rules every tenant table keeps,
checked on the migrated database itself, so a table added later is held to them too.

Tenant tables are the tenant-owned (TenantScoped, row-level security) ones. A platform table that carries
a `tenant_id` column (memberships, advice, exchange, national values, the job outbox) is declared as such
with its reason (test_schema.py) and becomes a Citus reference table, so these rules do not apply to it."""
from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect, text

from sleutelnet.platform.distribution import (DOC_BEGIN, DOC_END, citus_plan, doc_section,
                                              ensure_tenant_primary_keys, restore_id_primary_keys)
from sleutelnet.platform.extensions import db
from sleutelnet.platform.rls import tenant_owned_tables
from tests.conftest import require_service

DOC = Path(__file__).resolve().parents[2] / "infra" / "postgresql.md"
HOW = "see docs/conventions.md, 'Tenancy' (a distributed database shards every tenant table by tenant_id)"

# Platform or reference tables allowed a foreign key to a tenant table, with the reason. On Citus a
# reference table cannot refer to a sharded table, so an entry here needs a plan in infra/postgresql.md.
PLATFORM_TO_TENANT_FOREIGN_KEYS: dict[tuple[str, str], str] = {}


@pytest.fixture()
def schema(app, owner_engine):
    with owner_engine.connect() as conn:
        yield conn, inspect(conn)


def _tenant_tables(inspector):
    return [t for t in tenant_owned_tables(db.metadata) if t in set(inspector.get_table_names())]


def test_tenant_primary_keys_lead_with_tenant_id(schema):
    conn, inspector = schema
    # SQLite keeps `id INTEGER PRIMARY KEY` (the rowid gives id its value) and is never distributed
    expected = ["tenant_id", "id"] if conn.dialect.name == "postgresql" else ["id"]
    wrong = {t: inspector.get_pk_constraint(t)["constrained_columns"] for t in _tenant_tables(inspector)
             if inspector.get_pk_constraint(t)["constrained_columns"] != expected}
    assert not wrong, f"primary key must be (tenant_id, id): {wrong} — the migration environment sets it " \
                      f"after every upgrade; a table without an `id` column needs it in its own migration. {HOW}"


def test_unique_constraints_and_indexes_include_tenant_id(schema):
    _, inspector = schema
    wrong = []
    for table in _tenant_tables(inspector):
        uniques = [u["column_names"] for u in inspector.get_unique_constraints(table)]
        uniques += [i["column_names"] for i in inspector.get_indexes(table) if i["unique"]]
        wrong += [f"{table}{cols}" for cols in uniques if "tenant_id" not in cols]
    assert not wrong, f"unique without tenant_id (write UniqueConstraint('tenant_id', ...)): {wrong}. {HOW}"


def test_foreign_keys_to_tenant_tables_carry_tenant_id_on_both_sides(schema):
    _, inspector = schema
    tenant = set(_tenant_tables(inspector))
    wrong, from_platform = [], []
    for table in inspector.get_table_names():
        for fk in inspector.get_foreign_keys(table):
            if fk["referred_table"] not in tenant:
                continue
            if table not in tenant:
                if (table, fk["referred_table"]) not in PLATFORM_TO_TENANT_FOREIGN_KEYS:
                    from_platform.append(f"{table} -> {fk['referred_table']}")
                continue
            pairs = list(zip(fk["constrained_columns"], fk["referred_columns"]))
            if ("tenant_id", "tenant_id") not in pairs:
                wrong.append(f"{table}{fk['constrained_columns']} -> {fk['referred_table']}{fk['referred_columns']}")
    assert not wrong, ("a foreign key between tenant tables must be ForeignKeyConstraint(['tenant_id', 'x_id'], "
                       f"['other.tenant_id', 'other.id']): {wrong}. {HOW}")
    assert not from_platform, f"platform/reference table refers to a tenant table: {from_platform}. {HOW}"


def test_the_orm_identity_stays_id(app):
    for mapper in db.Model.registry.mappers:
        if mapper.local_table.name in tenant_owned_tables(db.metadata):
            assert [c.name for c in mapper.primary_key] == ["id"], mapper.class_.__name__


def test_session_get_by_id_on_a_composite_key(ctx, world):
    """Inserting (the id comes from its sequence), getting by id and following relationships still work."""
    from sleutelnet.blueprints.network.models import Network
    from sleutelnet.platform.tenancy import tenant_context

    with tenant_context(world.tenant_ids["a"]):
        network = Network(name="Citus check")
        db.session.add(network)
        db.session.commit()
        network_id = network.id
        db.session.expunge_all()
        assert db.session.get(Network, network_id).name == "Citus check"


@pytest.fixture()
def scratch(owner_engine):
    """Two throw-away tables in a transaction that is rolled back (PostgreSQL: the composite key is set there
    only; SQLite's id is the rowid)."""
    if owner_engine.dialect.name != "postgresql":
        require_service("PostgreSQL", "set TEST_DATABASE_URL to test the primary-key change")
    with owner_engine.connect() as conn:
        conn.execute(text("CREATE TABLE scratch_things (id serial PRIMARY KEY, tenant_id integer NOT NULL, "
                          "name text)"))
        conn.execute(text("INSERT INTO scratch_things (tenant_id, name) VALUES (1, 'a')"))
        yield conn
        conn.rollback()


@pytest.mark.postgres
def test_ensure_makes_the_key_composite_and_keeps_the_sequence(scratch):
    changes = ensure_tenant_primary_keys(scratch, ["scratch_things"])
    assert [(c.table, c.old, c.new) for c in changes] == [("scratch_things", ("id",), ("tenant_id", "id"))]
    assert ensure_tenant_primary_keys(scratch, ["scratch_things"]) == []  # idempotent
    new_id = scratch.execute(text("INSERT INTO scratch_things (tenant_id, name) VALUES (2, 'b') RETURNING id")).scalar()
    assert new_id == 2
    assert inspect(scratch).get_pk_constraint("scratch_things")["constrained_columns"] == ["tenant_id", "id"]
    assert restore_id_primary_keys(scratch, ["scratch_things"]) == ["scratch_things"]
    assert inspect(scratch).get_pk_constraint("scratch_things")["constrained_columns"] == ["id"]


@pytest.mark.postgres
def test_ensure_refuses_to_drop_a_one_column_foreign_key(scratch):
    scratch.execute(text("CREATE TABLE scratch_parts (id serial PRIMARY KEY, tenant_id integer NOT NULL, "
                         "thing_id integer REFERENCES scratch_things (id))"))
    with pytest.raises(RuntimeError, match=r"scratch_things: foreign keys .*scratch_parts"):
        ensure_tenant_primary_keys(scratch, ["scratch_things"])


def test_ensure_leaves_sqlite_alone():
    """On SQLite (a scratch in-memory database, in both CI passes) the key stays `id`, the rowid."""
    engine = create_engine("sqlite://")
    with engine.connect() as conn:
        conn.execute(text("CREATE TABLE networks (id INTEGER PRIMARY KEY, tenant_id INTEGER NOT NULL, name TEXT)"))
        assert ensure_tenant_primary_keys(conn, ["networks"]) == []
        assert inspect(conn).get_pk_constraint("networks")["constrained_columns"] == ["id"]
    engine.dispose()


def test_citus_plan_covers_every_table_in_foreign_key_order(app):
    plan = citus_plan(db.metadata)
    tenant = set(tenant_owned_tables(db.metadata))
    assert set(plan.distributed) == tenant
    assert set(plan.reference) | tenant == set(db.metadata.tables)
    assert {"tenants", "users", "municipalities", "memberships"} <= set(plan.reference)
    order = {t: i for i, t in enumerate(plan.reference + plan.distributed)}
    for table in db.metadata.sorted_tables:
        for fk in table.foreign_key_constraints:
            if fk.referred_table.name != table.name:
                assert order[fk.referred_table.name] < order[table.name], (table.name, fk.referred_table.name)
    sql = plan.sql()
    assert f"SELECT create_distributed_table('{plan.distributed[0]}', 'tenant_id', colocate_with => 'none');" in sql
    assert f"SELECT create_distributed_table('key_persons', 'tenant_id', colocate_with => '{plan.distributed[0]}');" in sql
    assert "SELECT create_reference_table('tenants');" in sql


def test_infra_doc_lists_the_current_plan(app):
    text_ = DOC.read_text(encoding="utf-8")
    start, end = text_.index(DOC_BEGIN), text_.index(DOC_END) + len(DOC_END)
    assert text_[start:end] == doc_section(citus_plan(db.metadata)), \
        "infra/postgresql.md is out of date: run .venv/bin/python scripts/citus_plan.py --write"


@pytest.fixture()
def set_local_statements(ctx):
    if db.engine.dialect.name != "postgresql":
        require_service("PostgreSQL", "tenant settings exist on PostgreSQL only; set TEST_DATABASE_URL")
    ctx.config["DB_SET_LOCAL_STATEMENTS"] = True
    yield
    ctx.config["DB_SET_LOCAL_STATEMENTS"] = False


@pytest.mark.postgres
def test_scope_as_set_local_statements_for_citus(set_local_statements, world):
    """With DB_SET_LOCAL_STATEMENTS the scope travels as SET LOCAL statements (which Citus propagates to
    its workers, a set_config() call it does not), and row-level security sees the same tenant."""
    from sqlalchemy import event

    from sleutelnet.platform.tenancy import cross_tenant, tenant_context

    sent = []

    def record(conn, cursor, statement, parameters, context, executemany):
        sent.append(statement)

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        a, b = world.tenant_ids["a"], world.tenant_ids["b"]
        with tenant_context(a):
            assert db.session.execute(text("SELECT current_setting('app.tenant_id')")).scalar() == str(a)
            seen = set(db.session.execute(text("SELECT DISTINCT tenant_id FROM networks")).scalars())
            db.session.execute(text("INSERT INTO networks (tenant_id, name, created_at) "
                                    "VALUES (:t, 'citus check', now())"), {"t": a})
            seen |= set(db.session.execute(text("SELECT DISTINCT tenant_id FROM networks")).scalars())
            assert seen == {a}
            with pytest.raises(Exception, match="row-level security"):
                with db.session.begin_nested():
                    db.session.execute(text("INSERT INTO networks (tenant_id, name, created_at) "
                                            "VALUES (:t, 'citus check', now())"), {"t": b})
        db.session.rollback()
        with cross_tenant("maintenance"):
            assert db.session.execute(text("SELECT current_setting('app.cross_tenant')")).scalar() == "on"
        db.session.rollback()
    finally:
        event.remove(db.engine, "before_cursor_execute", record)
    assert any(s.startswith("SET LOCAL app.tenant_id") for s in sent)
    assert not any("set_config" in s for s in sent)
