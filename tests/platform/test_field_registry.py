"""The field registry (issue 6, item 2): every personal column is declared once, with its sensitivity.

1. Every column of every table about a key person — found by walking the real, migrated schema
   (reflected, not the models), transitively, with the features' `not_about_persons` exemptions, plus the
   tables the features' `PersonalData` sections name — is
   either declared in the registry or technical (the explicit list `platform.fields.TECHNICAL`, or a
   foreign key: a reference, whose target's fields are declared where they live).
2. Every declared field names a real column of its model, and the registry holds no second declaration.
3. Each sensitivity level maps to one permission; viewers and officials hold neither the confidential
   nor the special-category one, coordinators hold both.
"""
from __future__ import annotations

import sqlalchemy as sa

from sleutelnet.platform import fields
from sleutelnet.platform.extensions import db
from sleutelnet.platform.features import collect
from sleutelnet.platform.policy import Role, grants_for
from tests.privacy.test_inventory import _real_schema, _tables_about_persons


def _foreign_key_columns(table: str) -> set[str]:
    inspector = sa.inspect(db.engine)
    return {c for fk in inspector.get_foreign_keys(table) for c in fk["constrained_columns"]} - {"tenant_id"}


def test_every_column_about_a_person_is_registered_or_technical(app):
    with app.app_context():
        schema = _real_schema()
        exempt = frozenset(dict(collect("not_about_persons")))
        # the walk, plus the tables an area declares about a person (a contact hangs off its participants)
        about = _tables_about_persons(schema, exempt) | {p.model.__tablename__ for p in collect("personal_data")}
        assert {"key_persons", "privacy_consents", "contacts", "disruptor_assessments"} <= about
        registered = set(fields.registry())
        missing = []
        for table in sorted(about):
            references = _foreign_key_columns(table)
            for column in sorted(schema[table]["columns"]):
                if (table, column) in registered or column in fields.TECHNICAL:
                    continue
                if column in references:
                    continue
                missing.append(f"{table}.{column}")
    assert not missing, (
        f"columns about a key person that are not in the field registry: {missing}. Declare each in its "
        "area's fields.py (label, kind, sensitivity, erasure, import/export) or, if it is an id or a "
        "timestamp, in platform.fields.TECHNICAL with the reason")
    assert all(str(reason).strip() for reason in fields.TECHNICAL.values())


def test_declared_fields_are_real_columns_and_declared_once(app):
    with app.app_context():
        declared = collect("fields")
        keys = [(s.table, s.column) for s in declared]
        assert len(keys) == len(set(keys))
        for spec in declared:
            assert spec.column in {p.key for p in db.inspect(spec.model).column_attrs}, spec.key
            assert spec.column not in fields.TECHNICAL, spec.key
            if spec.kind in ("choice", "multi"):
                assert spec.choices, spec.key
        specials = [s for s in declared if s.sensitivity is fields.Sensitivity.SPECIAL_CATEGORY]
        assert specials and all(s.consent and not s.importable for s in specials)


def test_the_consent_register_is_the_only_record_of_consent(app):
    from sleutelnet.blueprints.keypersons.models import KeyPerson

    with app.app_context():
        columns = {c.name for c in KeyPerson.__table__.columns}
        assert not {c for c in columns if "consent" in c}, "consent is recorded in the consent register only"
        assert "migration_background_consent" not in _real_schema()["key_persons"]["columns"]
        assert fields.consent_register() is not None


def test_one_permission_per_sensitivity_level():
    S = fields.Sensitivity
    assert fields.permission_for(S.ORDINARY) is None
    assert fields.permission_for(S.PERSONAL) == "view_keypersons"
    assert fields.permission_for(S.CONFIDENTIAL) == "view_confidential"
    assert fields.permission_for(S.SPECIAL_CATEGORY) == "view_special_category"
    assert len({fields.permission_for(s) for s in S}) == len(S)


def test_officials_and_viewers_hold_no_confidential_or_special_permission(app):
    sensitive = {fields.permission_for(fields.Sensitivity.CONFIDENTIAL),
                 fields.permission_for(fields.Sensitivity.SPECIAL_CATEGORY)}
    with app.app_context():
        assert sensitive <= grants_for(Role.COORDINATOR)
        for role in (Role.OFFICIAL, Role.VIEWER):
            assert not sensitive & grants_for(role), role
