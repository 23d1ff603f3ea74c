"""Ready for a distributed PostgreSQL (Citus): tenant keys and the distribution plan.

Citus shards a table by one column and enforces a primary key, a unique constraint or a foreign key
between sharded tables only when it contains that column. Sleutelnet shards by `tenant_id`, so on
PostgreSQL every tenant-owned table's primary key is `(tenant_id, id)`, and its unique constraints and
foreign keys to other tenant tables carry `tenant_id` as well (`tests/platform/test_distribution.py`).

- `ensure_tenant_primary_keys` turns a tenant table's primary key `(id)` into `(tenant_id, id)`. Migration
  0017 runs it once for the existing tables and the migration environment after every upgrade, so a
  table added later gets the composite key without anyone remembering (like row-level security).
  SQLite keeps `id INTEGER PRIMARY KEY`: there `id` is the rowid, which is what makes it autoincrement,
  and SQLite is never distributed. The ORM's identity stays `id` on both (`db.session.get(Model, id)`),
  which the id sequence keeps unique.
- `citus_plan` lists the calls that distribute the schema: platform and reference tables become reference
  tables (a copy on every node, so tenant tables may join them and keep their foreign keys to them),
  tenant tables are distributed by `tenant_id`, all colocated. `scripts/citus_plan.py` prints it and
  `infra/postgresql.md` carries it (a test keeps the two equal).
"""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import text

DISTRIBUTION_COLUMN = "tenant_id"
TENANT_KEYS_REVISION = "0017"  # the migration that introduced the composite keys


@dataclass(frozen=True)
class KeyChange:
    table: str
    old: tuple[str, ...]
    new: tuple[str, ...]


def _quote(name: str) -> str:
    if not name.replace("_", "").isalnum():
        raise ValueError(f"unexpected identifier {name!r}")
    return f'"{name}"'


_PRIMARY_KEYS = text("""
    SELECT c.conname, array_agg(a.attname::text ORDER BY k.ord) AS columns
      FROM pg_constraint c
      JOIN pg_class t ON t.oid = c.conrelid
      JOIN pg_namespace n ON n.oid = t.relnamespace AND n.nspname = current_schema()
      CROSS JOIN LATERAL unnest(c.conkey) WITH ORDINALITY AS k(attnum, ord)
      JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
     WHERE c.contype = 'p' AND t.relname = :table
     GROUP BY c.conname
""")

# foreign keys that use this primary key's index: dropping the key would drop them too
_DEPENDENT_FOREIGN_KEYS = text("""
    SELECT src.relname AS source, fk.conname
      FROM pg_constraint fk
      JOIN pg_constraint pk ON pk.conindid = fk.conindid AND pk.contype = 'p' AND pk.conrelid = fk.confrelid
      JOIN pg_class src ON src.oid = fk.conrelid
      JOIN pg_class dst ON dst.oid = fk.confrelid
      JOIN pg_namespace n ON n.oid = dst.relnamespace AND n.nspname = current_schema()
     WHERE fk.contype = 'f' AND dst.relname = :table
""")


def _primary_key(connection, table: str) -> tuple[str | None, tuple[str, ...]]:
    row = connection.execute(_PRIMARY_KEYS, {"table": table}).first()
    return (row.conname, tuple(row.columns)) if row else (None, ())


def ensure_tenant_primary_keys(connection, tables) -> list[KeyChange]:
    """PostgreSQL: make `(tenant_id, id)` the primary key of each of `tables` that has a `tenant_id`
    column (idempotent). The `id` column keeps its sequence default; only the constraint changes.

    A foreign key that uses the old one-column key (`REFERENCES t (id)`) would be dropped with it; the
    schema has none between tenant tables (they reference `(tenant_id, id)`), so one is an error that
    names it rather than something to repair silently."""
    if connection.dialect.name != "postgresql":
        return []  # SQLite: `id INTEGER PRIMARY KEY` is the rowid (autoincrement); never distributed
    changes = []
    for table in tables:
        columns = set(connection.execute(text(
            "SELECT column_name FROM information_schema.columns "
            "WHERE table_schema = current_schema() AND table_name = :t"), {"t": table}).scalars())
        if DISTRIBUTION_COLUMN not in columns or "id" not in columns:
            continue
        name, old = _primary_key(connection, table)
        if DISTRIBUTION_COLUMN in old:
            continue
        dependent = connection.execute(_DEPENDENT_FOREIGN_KEYS, {"table": table}).all()
        if dependent:
            names = ", ".join(f"{row.source}.{row.conname}" for row in dependent)
            raise RuntimeError(
                f"{table}: foreign keys reference its one-column primary key ({names}); make them "
                f"reference ({DISTRIBUTION_COLUMN}, id) (ForeignKeyConstraint) before the key becomes composite")
        t = _quote(table)
        if name:
            connection.execute(text(f"ALTER TABLE {t} DROP CONSTRAINT {_quote(name)}"))
        new = (DISTRIBUTION_COLUMN, "id")
        connection.execute(text(
            f"ALTER TABLE {t} ADD CONSTRAINT {_quote(name or 'pk_' + table)} PRIMARY KEY ({DISTRIBUTION_COLUMN}, id)"))
        changes.append(KeyChange(table, old, new))
    return changes


def restore_id_primary_keys(connection, tables) -> list[str]:
    """The downgrade: back to `PRIMARY KEY (id)` on each of `tables` that has the composite key."""
    if connection.dialect.name != "postgresql":
        return []
    done = []
    for table in tables:
        name, old = _primary_key(connection, table)
        if old != (DISTRIBUTION_COLUMN, "id"):
            continue
        t = _quote(table)
        connection.execute(text(f"ALTER TABLE {t} DROP CONSTRAINT {_quote(name)}"))
        connection.execute(text(f"ALTER TABLE {t} ADD CONSTRAINT {_quote(name)} PRIMARY KEY (id)"))
        done.append(table)
    return done


@dataclass(frozen=True)
class CitusPlan:
    reference: tuple[str, ...]    # platform and reference tables, in foreign-key order
    distributed: tuple[str, ...]  # tenant tables, in foreign-key order; the first is the colocation anchor

    def sql(self) -> str:
        lines = ["-- platform and reference tables: one copy on every node"]
        lines += [f"SELECT create_reference_table('{t}');" for t in self.reference]
        lines.append(f"-- tenant tables: sharded by {DISTRIBUTION_COLUMN}, all colocated with the first")
        anchor = self.distributed[0] if self.distributed else None
        for t in self.distributed:
            colocate = "'none'" if t == anchor else f"'{anchor}'"
            lines.append(f"SELECT create_distributed_table('{t}', '{DISTRIBUTION_COLUMN}', colocate_with => {colocate});")
        return "\n".join(lines)


def citus_plan(metadata) -> CitusPlan:
    """The distribution of every table the models declare (Alembic's own table is not distributed)."""
    from .rls import tenant_owned_tables

    tenant = set(tenant_owned_tables(metadata))
    ordered = [t.name for t in metadata.sorted_tables]  # referenced tables before the ones referring to them
    return CitusPlan(reference=tuple(t for t in ordered if t not in tenant),
                     distributed=tuple(t for t in ordered if t in tenant))


DOC_BEGIN = "<!-- citus-plan:begin (generated: .venv/bin/python scripts/citus_plan.py --write) -->"
DOC_END = "<!-- citus-plan:end -->"


def doc_section(plan: CitusPlan) -> str:
    return f"{DOC_BEGIN}\n```sql\n{plan.sql()}\n```\n{DOC_END}"


def with_doc_section(document: str, plan: CitusPlan) -> str:
    """`document` with its generated section replaced by the current plan."""
    start, end = document.find(DOC_BEGIN), document.find(DOC_END)
    if start < 0 or end < start:
        raise ValueError("the document has no citus-plan section")
    return document[:start] + doc_section(plan) + document[end + len(DOC_END):]
