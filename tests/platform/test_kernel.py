"""The shared kernel: one Fernet key ring (rotation), the tenant-composite foreign key, the display helpers."""
from __future__ import annotations

import pytest
from cryptography.fernet import Fernet
from sqlalchemy import Column, ForeignKeyConstraint, Integer, MetaData, Table
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.schema import CreateTable

from sleutelnet.platform import crypto
from sleutelnet.platform.extensions import db
from sleutelnet.platform.models import tenant_fk


@pytest.fixture()
def keys(app):
    before = app.config["DATA_ENCRYPTION_KEYS"]
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    yield app, old, new
    app.config["DATA_ENCRYPTION_KEYS"] = before


def test_rotation_old_key_still_decrypts(keys):
    app, old, new = keys
    with app.app_context():
        app.config["DATA_ENCRYPTION_KEYS"] = old
        under_old = crypto.encrypt("geheim")
        app.config["DATA_ENCRYPTION_KEYS"] = f"{new}, {old}"  # rotated: the new key first, the old one kept
        assert crypto.decrypt(under_old) == "geheim"
        under_new = crypto.encrypt("geheim")
        assert Fernet(new.encode()).decrypt(under_new.encode()) == b"geheim"  # the first key encrypts
        app.config["DATA_ENCRYPTION_KEYS"] = new  # the old key removed: its data no longer opens
        with pytest.raises(Exception):
            crypto.decrypt(under_old)


def test_uploaded_files_use_the_same_key_ring(keys, world):
    from sleutelnet.blueprints.transfer import storage
    from sleutelnet.blueprints.transfer.models import TransferUpload
    from sleutelnet.platform.extensions import db
    from sleutelnet.platform.tenancy import tenant_context

    app, old, new = keys
    tenant_id = world.tenant_ids["a"]
    with app.app_context(), tenant_context(tenant_id):
        app.config["DATA_ENCRYPTION_KEYS"] = old
        upload_id = storage.save(tenant_id, world.ids["coordinator_a"], "leden.csv", b"naam;telefoon\n")
        stored = db.session.scalar(db.select(TransferUpload.payload).filter_by(token=upload_id))
        assert crypto.key_ring().decrypt(stored) == b"naam;telefoon\n"
        app.config["DATA_ENCRYPTION_KEYS"] = f"{new},{old}"
        assert storage.load_data(tenant_id, upload_id) == b"naam;telefoon\n"
        db.session.rollback()


def _ddl(constraint_factory, dialect):
    md = MetaData()
    Table("networks", md, Column("tenant_id", Integer, primary_key=True), Column("id", Integer, primary_key=True))
    table = Table("things", md, Column("id", Integer, primary_key=True), Column("tenant_id", Integer),
                  Column("network_id", Integer), constraint_factory())
    return str(CreateTable(table).compile(dialect=dialect))


@pytest.mark.parametrize("dialect", [sqlite.dialect(), postgresql.dialect()], ids=["sqlite", "postgresql"])
def test_tenant_fk_gives_the_same_ddl_as_the_hand_written_constraint(dialect):
    assert _ddl(lambda: tenant_fk("network_id", "networks"), dialect) == _ddl(
        lambda: ForeignKeyConstraint(["tenant_id", "network_id"], ["networks.tenant_id", "networks.id"]), dialect)
    named = _ddl(lambda: tenant_fk("network_id", "networks", name="fk_x", ondelete="CASCADE"), dialect)
    assert named == _ddl(lambda: ForeignKeyConstraint(["tenant_id", "network_id"], ["networks.tenant_id", "networks.id"],
                                                      name="fk_x", ondelete="CASCADE"), dialect)
    assert "FOREIGN KEY(tenant_id, network_id) REFERENCES networks (tenant_id, id)" in named


def test_models_keep_their_tenant_composite_foreign_keys(app):
    """The helper is used by the models: every such key still names (tenant_id, x) -> t(tenant_id, id)."""
    seen = 0
    for table in db.metadata.sorted_tables:
        for fk in table.foreign_key_constraints:
            cols = [c.name for c in fk.columns]
            if cols[0] == "tenant_id" and len(cols) == 2:
                target = fk.elements[0].column.table.name
                assert [e.target_fullname for e in fk.elements] == [f"{target}.tenant_id", f"{target}.id"]
                seen += 1
    assert seen > 40


def test_label_and_fmt_date(app):
    from datetime import date

    from flask_babel import force_locale

    from sleutelnet.platform.i18n import fmt_date, label, labels

    options = {"a": "Aap", "b": ("Beer", "een groot dier")}
    assert label(options, "a") == "Aap" and label(options, "b") == "Beer"
    assert label(options, None) == "" and label(options, "zz") == "zz"
    assert labels(options, ["b", "a", "x"]) == ["Aap", "Beer"]
    with app.test_request_context("/"), force_locale("nl"):
        assert fmt_date(date(2025, 3, 14)) == "14 mrt 2025" and fmt_date(None) == ""


def test_every_cross_tenant_reason_is_used():
    """A reason nobody uses is a door nobody needs: each one is named by some `cross_tenant(...)` call (of the
    application, or of the guard's own tests)."""
    import pathlib

    from sleutelnet.platform.tenancy import CROSS_TENANT_REASONS

    source = "\n".join(p.read_text() for folder in ("sleutelnet", "tests") for p in pathlib.Path(folder).rglob("*.py")
                       if p.name != "test_kernel.py")
    unused = {r for r in CROSS_TENANT_REASONS if f'cross_tenant("{r}")' not in source}
    assert not unused, unused
