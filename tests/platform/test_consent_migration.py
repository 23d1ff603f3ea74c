"""Migration 0015 (issue 6, item 2): the key person's consent flag becomes a consent-register row, then the
flag's columns go; downgrade puts them back from the register. Run on a fresh database of the suite's
kind (SQLite, or PostgreSQL with TEST_DATABASE_URL) in a separate process, so the suite's schema and app
are untouched."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.conftest import PG_URL, _drop_pg_database, _pg_database

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = r'''
import json, sys
from datetime import date, datetime, timezone
import sqlalchemy as sa
from flask_migrate import downgrade, upgrade
from sleutelnet.platform.app import create_app
from sleutelnet.platform.extensions import db

app = create_app({"ENV_NAME": "testing", "SQLALCHEMY_DATABASE_URI": sys.argv[1], "MIGRATION_DATABASE_URL": None})


def filler(column):
    kind = column.type.python_type if not isinstance(column.type, sa.JSON) else list
    return {str: "x", int: 1, bool: False, date: date(2025, 1, 6), datetime: datetime.now(timezone.utc),
            list: []}[kind]


def insert(conn, _table, **values):
    table = sa.Table(_table, sa.MetaData(), autoload_with=conn)
    row = {c.name: values[c.name] if c.name in values else filler(c) for c in table.columns
           if c.name in values or (not c.nullable and c.server_default is None and not c.primary_key)}
    return conn.execute(table.insert().values(**row)).inserted_primary_key[0]


def consents(conn):
    return [list(r) for r in conn.execute(sa.text(
        "SELECT person_id, scope, basis, given_on, obtained_via, ended_on FROM privacy_consents ORDER BY id"))]


with app.app_context():
    upgrade(revision="0014")
    with db.engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(sa.text("SELECT set_config('app.cross_tenant', 'on', true)"))
        cbs = conn.execute(sa.text("SELECT cbs_code FROM municipalities LIMIT 1")).scalar()
        tenant = insert(conn, "tenants", slug="migratie", cbs_code=cbs)
        network = insert(conn, "networks", tenant_id=tenant)
        person = dict(tenant_id=tenant, network_id=network, status="active", status_since=date(2024, 5, 1))
        flagged = insert(conn, "key_persons", name="Met vlag", migration_background_consent=True,
                         migration_background_consent_on=date(2025, 1, 6), **person)
        undated = insert(conn, "key_persons", name="Vlag zonder datum", migration_background_consent=True,
                         **person)
        plain = insert(conn, "key_persons", name="Zonder vlag", migration_background_consent=False, **person)
        # already in the register: no second row
        registered = insert(conn, "key_persons", name="Al in register", migration_background_consent=True,
                            migration_background_consent_on=date(2025, 2, 1), **person)
        insert(conn, "privacy_consents", tenant_id=tenant, person_id=registered, scope="special_category",
               basis="consent", given_on=date(2025, 2, 1), text_version="v1", obtained_via="written",
               recorded_at=datetime.now(timezone.utc))
    upgrade(revision="0015")
    with db.engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(sa.text("SELECT set_config('app.cross_tenant', 'on', true)"))
        after = consents(conn)
        columns = [c["name"] for c in sa.inspect(conn).get_columns("key_persons")]
    downgrade(revision="0014")
    with db.engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(sa.text("SELECT set_config('app.cross_tenant', 'on', true)"))
        flags = [list(r) for r in conn.execute(sa.text(
            "SELECT id, migration_background_consent, migration_background_consent_on FROM key_persons "
            "ORDER BY id"))]
print(json.dumps({"ids": [flagged, undated, plain, registered], "after": after, "columns": columns,
                  "flags": flags}, default=str))
'''


def test_the_consent_flag_becomes_a_consent_register_row(tmp_path):
    import json

    pg_name = None
    if PG_URL:
        pg_name, url, _app_url = _pg_database()
    else:
        url = f"sqlite:///{tmp_path / 'migration.db'}"
    try:
        result = subprocess.run([sys.executable, "-c", SCRIPT, url], capture_output=True, text=True, timeout=300,
                                cwd=ROOT)
    finally:
        if pg_name:
            _drop_pg_database(pg_name)
    assert result.returncode == 0, result.stderr[-3000:]
    out = json.loads(result.stdout.strip().splitlines()[-1])
    flagged, undated, plain, registered = out["ids"]
    # the flagged persons got a current special-category consent, with the flag's date (else the status date)
    assert [flagged, "special_category", "consent", "2025-01-06", "person_record", None] in out["after"]
    assert [undated, "special_category", "consent", "2024-05-01", "person_record", None] in out["after"]
    # nobody else did, and the one already in the register kept just their own row
    assert sorted(r[0] for r in out["after"]) == sorted([flagged, undated, registered])
    assert not [c for c in out["columns"] if "consent" in c]
    # downgrade: the flags come back from the register
    flags = {r[0]: (bool(r[1]), r[2]) for r in out["flags"]}
    assert flags[flagged] == (True, "2025-01-06") and flags[registered] == (True, "2025-02-01")
    assert flags[undated] == (True, "2024-05-01") and flags[plain] == (False, None)
