"""PostgreSQL row-level security: the database backstop behind the ORM guard.

Run by the migration environment after every upgrade, so every tenant-owned table — including ones
added later — gets `ENABLE` + `FORCE ROW LEVEL SECURITY` and the same policy, and the application role
(which does not own the tables) gets only DML rights. The policy reads the per-transaction settings
that `tenancy.py` sets with `set_config(…, true)` (= SET LOCAL).
"""
from __future__ import annotations

from sqlalchemy import text

POLICY = "tenant_isolation"
CONDITION = ("(tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::integer "
             "OR current_setting('app.cross_tenant', true) = 'on')")
APPEND_ONLY_TABLES = ("audit_events", "platform_audit_events")


def tenant_owned_tables(metadata) -> list[str]:
    from .extensions import db
    from .tenancy import is_tenant_owned

    names = {m.local_table.name for m in db.Model.registry.mappers if is_tenant_owned(m.class_)}
    return sorted(n for n in names if n in metadata.tables)


def _quote(name: str) -> str:
    if not name.replace("_", "").isalnum():
        raise ValueError(f"unexpected identifier {name!r}")
    return f'"{name}"'


def ensure_rls(connection, metadata, app_role: str) -> list[str]:
    existing = set(connection.execute(text(
        "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")).scalars())
    done = []
    for table in tenant_owned_tables(metadata):
        if table not in existing:
            continue
        t = _quote(table)
        connection.execute(text(f"ALTER TABLE {t} ENABLE ROW LEVEL SECURITY"))
        connection.execute(text(f"ALTER TABLE {t} FORCE ROW LEVEL SECURITY"))
        connection.execute(text(f"DROP POLICY IF EXISTS {POLICY} ON {t}"))
        connection.execute(text(f"CREATE POLICY {POLICY} ON {t} USING {CONDITION} WITH CHECK {CONDITION}"))
        done.append(table)
    grant_app_role(connection, app_role, existing)
    return done


def grant_app_role(connection, app_role: str, tables: set[str]) -> None:
    role = _quote(app_role)
    exists = connection.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": app_role}).scalar()
    if not exists:
        # Production: the DBA creates this role beforehand (infra/postgresql.md); dev/test: create it here.
        # Roles are cluster-wide: two test runs migrating at once may both get here, so a role created
        # in between is not an error.
        connection.execute(text(
            f"DO $$ BEGIN CREATE ROLE {role} LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEROLE NOCREATEDB; "
            "EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$"))
    connection.execute(text(f"GRANT USAGE ON SCHEMA public TO {role}"))
    connection.execute(text(f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {role}"))
    connection.execute(text(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {role}"))
    for table in APPEND_ONLY_TABLES:
        if table in tables:
            connection.execute(text(f"REVOKE UPDATE, DELETE ON {_quote(table)} FROM {role}"))
    connection.execute(text(f"REVOKE ALL ON alembic_version FROM {role}")) if "alembic_version" in tables else None
