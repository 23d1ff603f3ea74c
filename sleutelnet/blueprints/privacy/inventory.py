"""What the database holds about a key person: the map the subject-access export and erasure work from.

- A table "holds data about a person" when it has a key-person reference: a foreign key onto
  `key_persons.id`, or a `person_id` column (the access log has no foreign key on purpose). Such tables
  are found by walking the mappers, so a table added later is exported without anyone remembering.
- Every column of such a table is declared in the field registry (`platform.fields`, from the manifests'
  `fields`) or is technical (`platform.fields.TECHNICAL`, foreign keys); `tests/platform/test_field_registry.py`
  fails on a column that is neither, so a new column cannot silently escape export and erasure.
- Each area declares its tables about a person in its manifest (`Feature.personal_data`: title, which
  rows, what erasure does); tables found by the walk but not declared get a generic section with every
  column, and erasure empties their registered fields.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

from flask_babel import lazy_gettext as _l
from sqlalchemy import Column, Table

from ...platform.extensions import db
from ...platform.features import collect
from ..keypersons.models import KeyPerson

PERSON_TABLE = "key_persons"

def anonymous_name(person_id: int) -> str:
    """The name an anonymised person gets. Stored data, the same in every language ..."""
    return f"Geanonimiseerd #{person_id}"


ANONYMOUS_SUCCESSOR = "Geanonimiseerd"

# ... and shown in the reader's language (the manifest's stored_texts)
STORED_TEXTS = {
    r"Geanonimiseerd #(?P<id>\d+)": _l("Anonymised #%(id)s"),
    re.escape(ANONYMOUS_SUCCESSOR): _l("Anonymised"),
}


# --------------------------------------------------------------------------------------------------
# finding the tables that hold data about a person
# --------------------------------------------------------------------------------------------------

def person_reference_columns(table: Table) -> list[Column]:
    """Columns of `table` that hold a key person's id (never the table's own primary key)."""
    found: list[Column] = []
    for fk in table.foreign_keys:
        if fk.column.table.name == PERSON_TABLE and fk.column.name == "id" and fk.parent not in found:
            found.append(fk.parent)
    if table.name != PERSON_TABLE and "person_id" in table.c and table.c.person_id not in found:
        found.append(table.c.person_id)
    return found


def person_linked_mappers() -> list:
    """Mappers (other than KeyPerson) whose table has a key-person reference, in table-name order."""
    out = []
    for mapper in db.Model.registry.mappers:
        table = mapper.local_table
        if not isinstance(table, Table) or table.name == PERSON_TABLE:
            continue
        if person_reference_columns(table):
            out.append(mapper)
    return sorted(out, key=lambda m: m.local_table.name)


def column_keys(model) -> list[str]:
    """Attribute names of every column of a model, in declaration order."""
    return [prop.key for prop in db.inspect(model).column_attrs]


# --------------------------------------------------------------------------------------------------
# the sections of the export: what each area declares in its manifest (`Feature.personal_data`)
# --------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Section:
    key: str
    title: object  # lazy string
    model: type
    # person_id -> where-clause selecting this section's rows
    where: Callable
    order_by: tuple = ()
    erasure: str = "anonymise"  # see platform.features.PersonalData
    keep: frozenset = frozenset()


def _by(column_name: str):
    def where(model, person_id):
        return getattr(model, column_name) == person_id
    return where


def declared_sections() -> list[Section]:
    """The sections the installed features declare, in their export order."""
    declared = sorted(collect("personal_data"), key=lambda p: p.order)
    return [Section(p.key, p.title, p.model, p.where or _by(p.person_column), p.order_by, p.erasure, p.keep)
            for p in declared]


def export_sections() -> list[Section]:
    """The listed sections plus a generic one for every other table with a key-person reference."""
    sections = declared_sections()
    listed = {s.model for s in sections}
    for mapper in person_linked_mappers():
        if mapper.class_ in listed:
            continue
        table = mapper.local_table
        refs = person_reference_columns(table)

        def where(model, person_id, _cols=tuple(c.name for c in refs)):
            from sqlalchemy import or_

            return or_(*[getattr(model, db.inspect(model).get_property_by_column(model.__table__.c[name]).key)
                         == person_id for name in _cols])

        sections.append(Section(table.name, _l("Other data (%(table)s)", table=table.name), mapper.class_, where, ()))
    return sections


def covered_models() -> set:
    return {KeyPerson} | {s.model for s in export_sections()}
