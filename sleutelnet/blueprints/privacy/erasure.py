"""Erasure (AVG art. 17) by irreversible anonymisation.

What goes: the name (replaced by "Geanonimiseerd #<id>"), contact data, every free text, the special-category
and confidential fields, the organisations the person represented, consent notes, the names and notes of
successors the person suggested, the person's name where someone else suggested them as successor, intake and
exit notes, disruptor assessments, and the files of earlier subject-access exports.
What stays: ids, status history codes and dates, roles, recruitment channel, neighbourhood, the coded exit
reason — so counts, the pipeline and churn statistics keep working — the access log (ids only), and the
consent records as evidence (purpose, basis, dates), with current ones ended as "erased".

The rule is generic: for the person's own row and every table with a key-person reference, each field the
field registry (`platform.fields`) declares with erasure "blank" or "anonymise" is emptied (an anonymised
name then gets its placeholder), unless the area's `PersonalData` declaration keeps or deletes the rows.
"""
from __future__ import annotations

from datetime import date

from flask_babel import gettext as _, lazy_gettext as _l
from sqlalchemy import Boolean, inspect as sa_inspect
from sqlalchemy.orm import undefer

from ...platform import audit, fields, uow
from ...platform.extensions import db
from ...platform.models import utcnow
from ...tenants import cache as tenant_cache
from ..keypersons.models import KeyPerson, KeyPersonSuccessor
from ..keypersons.services import current_actor_id, locks_changed, log_access
from . import exports, inventory
from .errors import PrivacyError
from .models import ConsentRecord, Erasure, ExportRequest

def erasure_of(person_id: int) -> Erasure | None:
    return db.session.scalar(db.select(Erasure).filter_by(person_id=person_id))


def erased_ids() -> frozenset[int]:
    """The tenant's erased persons, cached per tenant and process until an erasure is recorded."""
    return tenant_cache.cached("privacy_erased_ids", lambda: frozenset(
        db.session.scalars(db.select(Erasure.person_id))))


def read_only_reason(person_id: int):
    """A person whose data were erased is read-only everywhere (the register's `person_locks`)."""
    if person_id not in erased_ids():
        return None
    return _l("The personal data of this person have been erased (anonymised). The record is kept for the "
              "counts only and can no longer be changed.")


def can_erase(person: KeyPerson) -> bool:
    return person.status == "exited"


def _empty(column):
    """The 'no data' value of a column: NULL where allowed, else an empty string or False."""
    if column.nullable:
        return None
    if isinstance(column.type, Boolean):
        return False
    python_type = None
    try:
        python_type = column.type.python_type
    except NotImplementedError:
        pass
    if python_type is str:
        return ""
    raise ValueError(f"cannot empty {column.table.name}.{column.name}")


def _clear(obj, keep: set[str]) -> None:
    mapper = sa_inspect(type(obj))
    for name in fields.columns(type(obj), erasure=("blank", "anonymise")):
        if name in keep:
            continue
        column = mapper.columns[name]
        setattr(obj, name, _empty(column))


def erase_person(person_id: int, *, reason: str = "request", actor_id: int | None = None,
                 commit: bool = True) -> Erasure:
    """Anonymise one person of the current tenant. Raises PrivacyError if not allowed, LookupError if absent."""
    person = db.session.scalar(db.select(KeyPerson).filter_by(id=person_id).options(
        undefer(KeyPerson.migration_background)))
    if person is None:
        raise LookupError(person_id)
    if erasure_of(person_id) is not None:
        raise PrivacyError(_("The personal data of this person have already been erased."))
    if not can_erase(person):
        raise PrivacyError(_("Record first that this person has left the network; then their data can be "
                             "anonymised."))
    actor_id = actor_id if actor_id is not None else current_actor_id()

    # the person's own row
    _clear(person, set())
    person.name = inventory.anonymous_name(person.id)
    person.updated_at = utcnow()

    # where someone else suggested this person as their successor: that row holds this person's name
    for successor in db.session.scalars(db.select(KeyPersonSuccessor).filter_by(lead_id=person.id)):
        _clear(successor, set())
        successor.name = person.name

    # every table with a reference to the person (found by the inventory, so new tables are included)
    # (each area says per table: delete the rows, empty their personal fields, or keep them)
    for section in inventory.export_sections():
        model = section.model
        if section.erasure == "keep":
            continue
        rows = db.session.scalars(db.select(model).where(section.where(model, person.id))).all()
        for row in rows:
            if section.erasure == "delete":
                db.session.delete(row)
                continue
            _clear(row, set(section.keep))
            if model is KeyPersonSuccessor:
                row.name = inventory.ANONYMOUS_SUCCESSOR

    # nothing is processed any more on the basis of a consent: end the current ones (the rows stay as evidence)
    for record in db.session.scalars(db.select(ConsentRecord).filter_by(person_id=person.id, ended_on=None)):
        record.ended_on = date.today()
        record.end_reason = "erased"
        record.ended_by_id = actor_id
        record.ended_at = utcnow()

    # exports hold a copy of everything: remove the files, keep the request rows (ids, dates)
    for req in db.session.scalars(db.select(ExportRequest).filter_by(person_id=person.id)):
        if req.files_removed_at is None:
            exports.remove_files(req, "erased")
        elif req.status == "pending":
            req.status = "erased"

    erasure = Erasure(person_id=person.id, reason=reason, erased_by_id=actor_id)
    locks_changed()
    db.session.add(erasure)
    log_access(person.id, "edit", actor_id)
    audit.record("privacy.erased", object_type="keyperson", object_id=person.id, actor_id=actor_id,
                 detail=f"reason={reason}")
    if commit:
        uow.done()
    else:
        db.session.flush()
    return erasure

