"""The shared kernel: one Fernet key ring (rotation), the tenant-composite foreign key, the display helpers."""
from __future__ import annotations

import pytest
from cryptography.fernet import Fernet
from sqlalchemy import Column, ForeignKeyConstraint, Integer, MetaData, Table
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import mapped_column
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


# -- the column helpers of platform/models.py: the same DDL as the columns they replace ------------------

def _model_ddl(columns, dialect):
    """CREATE TABLE of a `children` table (and its indexes) declared with `columns(sqlalchemy names)`."""
    from sqlalchemy import ForeignKey, String, UniqueConstraint
    from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
    from sqlalchemy.schema import CreateIndex

    class Base(DeclarativeBase):
        pass

    md = Base.metadata
    Table("users", md, Column("id", Integer, primary_key=True))
    Table("parents", md, Column("tenant_id", Integer, primary_key=True), Column("id", Integer, primary_key=True))
    body = {"__tablename__": "children", "tenant_id": mapped_column(Integer, nullable=False),
            "name": mapped_column(String(20))}
    body.update(columns(dict(ForeignKey=ForeignKey, UniqueConstraint=UniqueConstraint, mapped_column=mapped_column,
                             Mapped=Mapped)))
    model = type("Child", (Base,), body)
    table = model.__table__
    return "\n".join([str(CreateTable(table).compile(dialect=dialect))]
                     + sorted(str(CreateIndex(ix).compile(dialect=dialect)) for ix in table.indexes))


@pytest.mark.parametrize("dialect", [sqlite.dialect(), postgresql.dialect()], ids=["sqlite", "postgresql"])
def test_column_helpers_give_the_same_ddl_as_the_hand_written_columns(dialect):
    from sleutelnet.platform.models import child_table_args, id_column, ref_column, user_column

    def helpers(sa):
        return {"__table_args__": child_table_args("parent_id", "parents"), "id": id_column(),
                "parent_id": ref_column(), "other_id": ref_column(nullable=True), "loose_id": ref_column(index=False),
                "by_id": user_column(), "owner_id": user_column(nullable=False, index=True)}

    def by_hand(sa):
        mc = sa["mapped_column"]
        return {"__table_args__": (sa["UniqueConstraint"]("tenant_id", "id"), tenant_fk("parent_id", "parents")),
                "id": mc(Integer, primary_key=True), "parent_id": mc(Integer, nullable=False, index=True),
                "other_id": mc(Integer, nullable=True, index=True), "loose_id": mc(Integer, nullable=False),
                "by_id": mc(sa["ForeignKey"]("users.id")),
                "owner_id": mc(sa["ForeignKey"]("users.id"), nullable=False, index=True)}

    made = _model_ddl(helpers, dialect)
    assert made == _model_ddl(by_hand, dialect)
    assert "FOREIGN KEY(tenant_id, parent_id) REFERENCES parents (tenant_id, id)" in made
    assert "FOREIGN KEY(owner_id) REFERENCES users (id)" in made and "UNIQUE (tenant_id, id)" in made


def test_parent_relationship_joins_on_the_named_column(app):
    """The models' `parent_relationship` joins child.x_id to the parent's id, as the hand-written ones did."""
    from sleutelnet.blueprints.keypersons.models import KeyPersonIntake, KeyPersonSuccessor

    person = KeyPersonIntake.__mapper__.relationships["person"]
    assert str(person.primaryjoin) == "key_person_intakes.person_id = key_persons.id"
    assert [c.name for c in person._user_defined_foreign_keys] == ["person_id"]
    assert person.back_populates == "intakes" and person.direction.name == "MANYTOONE"
    lead = KeyPersonSuccessor.__mapper__.relationships["lead"]
    assert str(lead.primaryjoin) == "key_person_successors.lead_id = key_persons.id" and lead.back_populates is None


def test_fetch_and_find_raise_lookup_error(app):
    from sleutelnet.platform.kernel import fetch, find
    from sleutelnet.tenants.models import Municipality

    absent = "GM9999"  # CBS codes are GM + four digits; no municipality has this one
    with app.app_context():
        with pytest.raises(LookupError) as missing:
            fetch(db.select(Municipality).filter_by(cbs_code=absent), absent)
        assert missing.value.args == (absent,)
        with pytest.raises(LookupError):
            find(Municipality, cbs_code=absent)


def test_write_atomic_writes_whole_files_in_a_private_folder(tmp_path):
    import os
    import stat

    from sleutelnet.platform.files import write_atomic

    path = tmp_path / "exports" / "7" / "file.pdf"
    write_atomic(str(path), b"first")
    write_atomic(str(path), b"second")
    assert path.read_bytes() == b"second"
    assert os.listdir(path.parent) == ["file.pdf"]  # no temporary file left behind
    assert stat.S_IMODE(os.stat(path.parent).st_mode) & 0o077 == 0


def _declared_ddl(dialect, parent: str, bases, **columns):
    """CREATE TABLE and index names of a `children` model with `bases` (mixins) and `columns`, beside a
    `parent` table keyed (tenant_id, id)."""
    from sqlalchemy import String
    from sqlalchemy.orm import DeclarativeBase

    class Base(DeclarativeBase):
        pass

    Table(parent, Base.metadata, Column("tenant_id", Integer, primary_key=True),
          Column("id", Integer, primary_key=True))
    body = {"__tablename__": "children", **columns, "note": mapped_column(String(20))}
    table = type("Child", (*bases, Base), body).__table__
    return str(CreateTable(table).compile(dialect=dialect)), sorted(ix.name for ix in table.indexes)


class _Tenant:
    """Stands in for TenantScoped: a mixin column, so it comes after the class's own."""

    tenant_id = mapped_column(Integer, nullable=False)


@pytest.mark.parametrize("dialect", [sqlite.dialect(), postgresql.dialect()], ids=["sqlite", "postgresql"])
def test_belongs_to_gives_the_same_ddl_as_the_columns_declared_first(dialect):
    """The mixin's `id` and reference come first, as when the class declared them itself (`sort_order`)."""
    from sleutelnet.platform.models import belongs_to, child_table_args, id_column, ref_column

    mixed, indexes = _declared_ddl(dialect, "parents", (_Tenant, belongs_to("parent_id", "parents")))
    assert (mixed, indexes) == _declared_ddl(dialect, "parents", (_Tenant,), id=id_column(), parent_id=ref_column(),
                                             __table_args__=child_table_args("parent_id", "parents"))
    assert mixed.index("id ") < mixed.index("parent_id") < mixed.index("note") < mixed.index("tenant_id")
    assert indexes == ["ix_children_parent_id"]


@pytest.mark.parametrize("dialect", [sqlite.dialect(), postgresql.dialect()], ids=["sqlite", "postgresql"])
def test_one_per_gives_the_same_ddl_as_the_hand_written_columns(dialect):
    from sqlalchemy import UniqueConstraint

    from sleutelnet.platform.models import id_column, one_per

    mixed, indexes = _declared_ddl(dialect, "networks", (_Tenant, one_per("network_id", "networks")))
    by_hand = (UniqueConstraint("tenant_id", "network_id"), tenant_fk("network_id", "networks"))
    assert (mixed, indexes) == _declared_ddl(dialect, "networks", (_Tenant,), __table_args__=by_hand, id=id_column(),
                                             network_id=mapped_column(Integer, nullable=False))
    assert "UNIQUE (tenant_id, network_id)" in mixed and indexes == []
