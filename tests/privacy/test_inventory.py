"""A new column or table about key persons cannot escape the subject-access export.

1. Every column of KeyPerson is classified: in its PERSONAL_FIELDS or in the privacy module's
   ADMINISTRATIVE_FIELDS. An unclassified column fails here until someone decides what export and
   erasure must do with it.
2. Every mapped table with a key-person reference (found independently of the privacy module, by walking
   the mappers) is covered by the export, and every column listed in any model's PERSONAL_FIELDS is among
   the columns the export writes.
3. For a person with data in every table, the JSON export holds each personal value that is stored.
"""
from __future__ import annotations

import json
from datetime import date, datetime

from sqlalchemy import Table

from sleutelnet.platform.extensions import db
from sleutelnet.platform.tenancy import tenant_context


def _holds_person_reference(table) -> bool:
    if table.name == "key_persons":
        return True
    if "person_id" in table.c:
        return True
    return any(fk.column.table.name == "key_persons" for fk in table.foreign_keys)


def _models_about_persons():
    return [m.class_ for m in db.Model.registry.mappers
            if isinstance(m.local_table, Table) and _holds_person_reference(m.local_table)]


def test_every_key_person_column_is_personal_or_administrative(app):
    from sleutelnet.blueprints.keypersons.models import KeyPerson
    from sleutelnet.blueprints.privacy.inventory import ADMINISTRATIVE_FIELDS

    columns = {prop.key for prop in db.inspect(KeyPerson).column_attrs}
    personal, administrative = set(KeyPerson.PERSONAL_FIELDS), set(ADMINISTRATIVE_FIELDS)
    unclassified = columns - personal - administrative
    assert not unclassified, (
        f"KeyPerson columns {sorted(unclassified)} are neither in KeyPerson.PERSONAL_FIELDS nor in "
        "privacy.inventory.ADMINISTRATIVE_FIELDS: classify them (export and erasure depend on it)")
    assert not personal & administrative, f"classified twice: {sorted(personal & administrative)}"
    stale = (personal | administrative) - columns
    assert not stale, f"no such columns: {sorted(stale)}"
    for name in KeyPerson.SPECIAL_CATEGORY_FIELDS + KeyPerson.CONFIDENTIAL_FIELDS:
        assert name in personal, name


def test_every_table_about_a_person_is_in_the_export(app):
    from sleutelnet.blueprints.privacy import exports, inventory

    models = _models_about_persons()
    assert len(models) >= 10  # the register, consents, assessments, access log, ...
    covered = inventory.covered_models()
    missing = [m.__name__ for m in models if m not in covered]
    assert not missing, f"tables about key persons missing from the subject-access export: {missing}"
    for model in models:
        exported = set(inventory.column_keys(model)) - exports.HIDDEN_IN_JSON
        for name in getattr(model, "PERSONAL_FIELDS", ()):
            assert name in exported, f"{model.__name__}.{name} is personal but not exported"
        for name in getattr(model, "SPECIAL_CATEGORY_FIELDS", ()) + getattr(model, "CONFIDENTIAL_FIELDS", ()):
            assert name in getattr(model, "PERSONAL_FIELDS", ()), f"{model.__name__}.{name} is not in PERSONAL_FIELDS"


def _json_value(value):
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return value


def test_the_export_holds_every_stored_personal_value(app, world, full_person):
    from sleutelnet.blueprints.keypersons.models import KeyPerson
    from sleutelnet.blueprints.privacy import exports, inventory
    from sleutelnet.blueprints.privacy.retention import get_settings

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
                for name in getattr(model, "PERSONAL_FIELDS", ()):
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
