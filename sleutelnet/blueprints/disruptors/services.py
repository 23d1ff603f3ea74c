"""Disruptor assessments: read (logged), save a new version (logged). Coordinators only — the routes check it.

Every read of an assessment writes a "view" row to the person's access log and an audit event; every save
an "edit" row and an audit event, in the same transaction as the change. Audit details hold ids only: which
level was given is itself sensitive.
"""
from __future__ import annotations

from datetime import date

from flask_babel import gettext as _
from sqlalchemy.exc import IntegrityError

from ...platform import audit, uow
from ...platform.kernel import ServiceError
from ...platform.extensions import db
from ..keypersons.models import KeyPerson
from ..keypersons.services import current_actor_id, log_access, read_only_reason
from . import choices
from .models import RISK_CODES, DisruptorAssessment


class AssessmentError(ServiceError):
    pass


def history(person_id: int) -> list[DisruptorAssessment]:
    """Every version, newest first."""
    return db.session.scalars(db.select(DisruptorAssessment).filter_by(person_id=person_id)
                              .order_by(DisruptorAssessment.version.desc())).all()


def is_erased(person_id: int) -> bool:
    """Read-only (erased): the register's lock, asked once per request."""
    return read_only_reason(person_id) is not None


def record_view(person_id: int, assessment_id: int | None = None, *, actor_id: int | None = None) -> None:
    """Log that someone looked at the person's assessment(s); commits."""
    actor_id = actor_id if actor_id is not None else current_actor_id()
    log_access(person_id, "view", actor_id)
    audit.record("disruptor.viewed", object_type="keyperson", object_id=person_id, actor_id=actor_id,
                 detail=f"assessment={assessment_id}" if assessment_id else "history")
    uow.done()


def save_assessment(person: KeyPerson, *, assessed_on: date | None, levels: dict, notes: dict,
                    overall_note: str | None = None, actor_id: int | None = None) -> DisruptorAssessment:
    """A new version. `levels`/`notes`: risk code -> level code / text."""
    if is_erased(person.id):
        raise AssessmentError(_("The personal data of this person have been erased."))
    if assessed_on is None:
        raise AssessmentError(_("Enter the date of the assessment."), "assessed_on")
    if assessed_on > date.today():
        raise AssessmentError(_("The date cannot be in the future."), "assessed_on")
    values = {}
    for risk in RISK_CODES:
        level = levels.get(risk)
        if level not in choices.LEVELS:
            raise AssessmentError(_("Choose one of the options."), f"{risk}_level")
        text = (notes.get(risk) or "").strip()
        if level != "none" and not text:
            raise AssessmentError(_("Explain this assessment: what did you see or hear?"), f"{risk}_notes")
        values[f"{risk}_level"] = level
        values[f"{risk}_notes"] = text or None
    actor_id = actor_id if actor_id is not None else current_actor_id()
    for attempt in range(3):
        current = db.session.scalar(db.select(db.func.max(DisruptorAssessment.version))
                                    .filter_by(person_id=person.id)) or 0
        assessment = DisruptorAssessment(person_id=person.id, version=current + 1, assessed_on=assessed_on,
                                         overall_note=(overall_note or "").strip() or None, recorded_by_id=actor_id,
                                         **values)
        try:
            with db.session.begin_nested():  # a savepoint: a clash undoes only this row
                db.session.add(assessment)
        except IntegrityError:  # someone else saved a version at the same moment: take the next number
            if attempt == 2:
                raise
            continue
        break
    log_access(person.id, "edit", actor_id)
    audit.record("disruptor.assessed", object_type="keyperson", object_id=person.id, actor_id=actor_id,
                 detail=f"assessment={assessment.id} version={assessment.version}")
    uow.done()
    return assessment
