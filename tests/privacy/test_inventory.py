"""A new column or table about key persons cannot escape the subject-access export.

1. Every column of KeyPerson is classified: declared in the field registry (platform.fields, the areas'
   fields.py) or technical. (tests/platform/test_field_registry.py does this for every table about a
   person.) An unclassified column fails until someone decides what export and erasure must do with it.
2. Every table of the real, migrated schema that refers to a key person (directly or through another such
   table; found by reflecting the database, independently of the privacy module) is covered by the export,
   has no column the model lacks, and every column the field registry declares for it is among
   the columns the export writes.
3. For a person with data in every table, the JSON export holds each personal value that is stored.
"""
from __future__ import annotations

import json
import re
from datetime import date, datetime

import sqlalchemy as sa

from sleutelnet.platform.extensions import db
from sleutelnet.platform.tenancy import tenant_context


PERSON_ID_COLUMN = re.compile(r"(^|_)person_id$")


def _real_schema() -> dict:
    """The migrated database as it is (reflected, not the models): table -> columns and foreign keys."""
    inspector = sa.inspect(db.engine)
    return {name: {"columns": {c["name"] for c in inspector.get_columns(name)},
                   "fks": inspector.get_foreign_keys(name)} for name in inspector.get_table_names()}


def _tables_about_persons(schema: dict, exempt: frozenset = frozenset()) -> set[str]:
    """`key_persons`, every table with a person-id column or a foreign key onto a table about a person
    (transitively: a successor row hangs off an exit, which hangs off the person). `exempt`: tables a
    feature declares not to be about a person (`Feature.not_about_persons`, each with its reason)."""
    about = {"key_persons"}
    changed = True
    while changed:
        changed = False
        for name, table in schema.items():
            if name in about or name in exempt:
                continue
            if any(fk["referred_table"] in about for fk in table["fks"]) or \
                    any(PERSON_ID_COLUMN.search(c) for c in table["columns"]):
                about.add(name)
                changed = True
    return about


def test_every_key_person_column_is_personal_or_administrative(app):
    from sleutelnet.blueprints.keypersons.models import KeyPerson
    from sleutelnet.platform import fields

    columns = {prop.key for prop in db.inspect(KeyPerson).column_attrs}
    with app.app_context():
        declared = set(fields.columns(KeyPerson))
    unclassified = columns - declared - set(fields.TECHNICAL) - {"network_id", "created_by_id"}
    assert not unclassified, (
        f"KeyPerson columns {sorted(unclassified)} are not declared in keypersons/fields.py: classify them "
        "(export and erasure depend on it)")
    assert not declared - columns, f"no such columns: {sorted(declared - columns)}"


def test_every_table_about_a_person_is_in_the_export(app):
    from sleutelnet.blueprints.privacy import exports, inventory
    from sleutelnet.platform import fields

    with app.app_context():
        schema = _real_schema()
    from sleutelnet.platform.features import collect

    exempt = dict(collect("not_about_persons"))
    assert all(str(reason).strip() for reason in exempt.values()), "every exemption says why"
    about = _tables_about_persons(schema, frozenset(exempt))
    assert len(about) >= 10  # the register, consents, assessments, access log, ...
    covered = {m.__table__.name: m for m in inventory.covered_models()}
    missing = sorted(about - set(covered))
    assert not missing, f"tables about key persons missing from the subject-access export: {missing}"
    for name in sorted(about):
        model = covered[name]
        exported = set(inventory.column_keys(model)) - exports.HIDDEN_IN_JSON
        mapped = {c.name for c in model.__table__.columns}
        unmapped = schema[name]["columns"] - mapped
        assert not unmapped, f"{name}: columns {sorted(unmapped)} exist in the database but not in the model"
        for field in fields.columns(model):
            assert field in exported, f"{model.__name__}.{field} is declared but not exported"


def test_the_schema_walk_finds_indirect_tables():
    schema = {"key_persons": {"columns": {"id"}, "fks": []},
              "exits": {"columns": {"id", "subject"}, "fks": [{"referred_table": "key_persons"}]},
              "successors": {"columns": {"id", "exit_id"}, "fks": [{"referred_table": "exits"}]},
              "log": {"columns": {"id", "key_person_id"}, "fks": []},
              "networks": {"columns": {"id"}, "fks": []}}
    assert _tables_about_persons(schema) == {"key_persons", "exits", "successors", "log"}


def _json_value(value):
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return value


def test_the_export_holds_every_stored_personal_value(app, world, full_person):
    from sleutelnet.blueprints.keypersons.models import KeyPerson
    from sleutelnet.blueprints.privacy import exports, inventory
    from sleutelnet.blueprints.privacy.retention import get_settings
    from sleutelnet.platform import fields

    personal = [s for s in fields.Sensitivity if s is not fields.Sensitivity.ORDINARY]

    with tenant_context(full_person.tenant_id):
        with app.test_request_context():
            data = exports.collect(full_person.person_id)
            info = exports.information(get_settings())
            doc = json.loads(exports.to_json(data, info))
        by_key = {s["key"]: s for s in doc["sections"]}
        sections = [("person", KeyPerson, KeyPerson.id == full_person.person_id)] + [
            (s.key, s.model, s.where(s.model, full_person.person_id)) for s in inventory.export_sections()]
        checked = 0
        for key, model, where in sections:
            assert key in by_key, key
            keys = inventory.column_keys(model)
            stored = [dict(zip(keys, row)) for row in
                      db.session.execute(db.select(*[getattr(model, k) for k in keys]).where(where)).all()]
            exported = [r["fields"] for r in by_key[key]["rows"]]
            assert len(exported) == len(stored), key
            for row in stored:
                match = [e for e in exported if e.get("id") == row["id"]]
                assert match, (key, row["id"])
                for name in fields.columns(model, sensitivity=personal):
                    assert name in match[0], f"{key}: {name} missing"
                    assert match[0][name] == _json_value(row[name]), f"{key}.{name}"
                    if row[name] not in (None, "", False):
                        checked += 1
        # the fixture fills the personal fields: the comparison above was not vacuous
        assert checked >= 40, checked

    # special-category and confidential values are in there, decrypted
    person = by_key["person"]["rows"][0]
    assert person["fields"]["migration_background"] == "with"
    assert person["fields"]["notes"] == full_person.texts["notes"]
    assert person["labels"]["migration_background"] not in ("", "with")  # a readable label next to the code
    assessments = by_key["disruptor_assessments"]["rows"]
    assert assessments[0]["fields"]["ties_notes"] == full_person.texts["assessment_ties"]
    assert {r["fields"]["action"] for r in by_key["access_log"]["rows"]} >= {"view", "edit"}
    assert by_key["suggested_as_successor"]["rows"][0]["fields"]["lead_id"] == full_person.person_id
    assert doc["information"]["rights"]
