"""Every table is tenant-owned (tenant_id NOT NULL, indexed) or explicitly declared platform/reference."""
from sleutelnet.platform.extensions import db
from sleutelnet.platform.tenancy import is_tenant_owned


def _tenant_tables():
    return {m.local_table.name for m in db.Model.registry.mappers if is_tenant_owned(m.class_)}


def test_every_table_is_classified(app):
    tenant = _tenant_tables()
    unclassified = []
    for table in db.metadata.sorted_tables:
        kind = table.info.get("kind")
        if table.name in tenant:
            assert kind is None, f"{table.name} is tenant-owned and also marked {kind}"
            continue
        if kind not in ("platform", "reference") or not table.info.get("why"):
            unclassified.append(table.name)
    assert not unclassified, f"tables without tenant_id or a declared reason: {unclassified}"


def test_tenant_tables_carry_not_null_indexed_tenant_id(app):
    for name in _tenant_tables():
        table = db.metadata.tables[name]
        col = table.c.get("tenant_id")
        assert col is not None and not col.nullable, name
        indexed = any("tenant_id" in [c.name for c in idx.columns] for idx in table.indexes)
        unique_with_tenant = any("tenant_id" in [c.name for c in uc.columns]
                                 for uc in table.constraints if uc.__class__.__name__ == "UniqueConstraint")
        assert indexed or unique_with_tenant, f"{name}.tenant_id is not indexed"


def test_unique_constraints_include_tenant_id(app):
    """Lookups stay tenant-local and the schema stays distributable by tenant (Citus)."""
    from sqlalchemy import UniqueConstraint

    for name in _tenant_tables():
        table = db.metadata.tables[name]
        for uc in table.constraints:
            if isinstance(uc, UniqueConstraint):
                cols = [c.name for c in uc.columns]
                assert "tenant_id" in cols, f"{name}: unique {cols} without tenant_id"


def test_migrations_match_models(app, ctx):
    """The migration chain creates exactly the schema the models describe (no forgotten migration)."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    with db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), db.metadata)
    assert not diff, diff
