"""What the database holds about a key person: the map the subject-access export and erasure work from.

- A table "holds data about a person" when it has a key-person reference: a foreign key onto
  `key_persons.id`, or a `person_id` column (the access log has no foreign key on purpose). Such tables
  are found by walking the mappers, so a table added later is exported without anyone remembering.
- Every column of `KeyPerson` is either in `KeyPerson.PERSONAL_FIELDS` (kept by the register) or in
  `ADMINISTRATIVE_FIELDS` below; `tests/privacy/test_inventory.py` fails on a column that is in neither,
  so a new column cannot silently escape export and erasure.
- `EXPORT_SECTIONS` says how the known tables appear in the export (title, which rows); tables found by
  the walk but not listed get a generic section with every column.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from flask_babel import lazy_gettext as _l
from sqlalchemy import Column, Table

from ...platform.extensions import db
from ..contacts.models import Contact, ContactPerson
from ..disruptors.models import DisruptorAssessment
from ..keypersons.models import (KeyPerson, KeyPersonAccess, KeyPersonExit, KeyPersonIntake, KeyPersonOrganisation,
                                 KeyPersonRole, KeyPersonStatusChange, KeyPersonSuccessor)
from .models import ConsentRecord, Erasure, ExportRequest

PERSON_TABLE = "key_persons"

# Columns of KeyPerson that describe the record rather than the person (ids, pipeline state, bookkeeping).
# They are exported too (the person's own row is exported whole) but never cleared by erasure.
ADMINISTRATIVE_FIELDS = ("id", "tenant_id", "network_id", "status", "status_since", "created_at", "created_by_id",
                         "updated_at")

# Personal fields that anonymisation keeps, per table, so that counts, the pipeline, churn and recruitment
# statistics keep working: ids, codes and dates that no longer point to anyone once the rest is gone.
ERASURE_KEEP = {
    "key_persons": {"neighbourhood_id", "recruitment_channel", "referred_by_id", "expectations_discussed_on",
                    "expectations_discussed_by_id", "agreements_confirmed", "agreements_confirmed_on", "core_group"},
    "key_person_exits": {"reason"},  # the coded reason for leaving (§3.3); the free texts go
}


def anonymous_name(person_id: int) -> str:
    """The name an anonymised person gets. Stored data, not interface text: the same in every language."""
    return f"Geanonimiseerd #{person_id}"


ANONYMOUS_SUCCESSOR = "Geanonimiseerd"


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
# the sections of the export
# --------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Section:
    key: str
    title: object  # lazy string
    model: type
    # person_id -> where-clause selecting this section's rows
    where: Callable
    order_by: tuple = ()


def _by(column_name: str):
    def where(model, person_id):
        return getattr(model, column_name) == person_id
    return where


def _contacts_with(model, person_id):
    """Contacts (contactmomenten) the person took part in: their notes are about the person too."""
    links = db.select(ContactPerson.contact_id).where(ContactPerson.person_id == person_id)
    return model.id.in_(links.scalar_subquery())


def _successors_suggested_by(model, person_id):
    exits = db.select(KeyPersonExit.id).where(KeyPersonExit.person_id == person_id)
    return model.exit_id.in_(exits.scalar_subquery())


EXPORT_SECTIONS: list[Section] = [
    Section("roles", _l("Roles"), KeyPersonRole, _by("person_id"), ("role",)),
    Section("organisations", _l("Organisations represented"), KeyPersonOrganisation, _by("person_id"), ("id",)),
    Section("status_changes", _l("Status history"), KeyPersonStatusChange, _by("person_id"), ("changed_on", "id")),
    Section("intakes", _l("Intake conversations"), KeyPersonIntake, _by("person_id"), ("held_on", "id")),
    Section("exits", _l("Leaving the network"), KeyPersonExit, _by("person_id"), ("exited_on", "id")),
    Section("successors", _l("Successors suggested by this person"), KeyPersonSuccessor,
            _successors_suggested_by, ("id",)),
    Section("suggested_as_successor", _l("Suggested as a successor by someone who left"), KeyPersonSuccessor,
            _by("lead_id"), ("id",)),
    Section("consents", _l("Consent register"), ConsentRecord, _by("person_id"), ("given_on", "id")),
    Section("disruptor_assessments", _l("Assessments of potential disruption (§2.2)"), DisruptorAssessment,
            _by("person_id"), ("version",)),
    Section("contacts", _l("Contacts (contactmomenten)"), Contact, _contacts_with, ("contacted_on", "id")),
    Section("export_requests", _l("Requests to see the data"), ExportRequest, _by("person_id"), ("id",)),
    Section("erasures", _l("Erasure"), Erasure, _by("person_id"), ("id",)),
    Section("access_log", _l("Who viewed or changed the record"), KeyPersonAccess, _by("person_id"), ("at", "id")),
]


def export_sections() -> list[Section]:
    """The listed sections plus a generic one for every other table with a key-person reference."""
    sections = list(EXPORT_SECTIONS)
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
