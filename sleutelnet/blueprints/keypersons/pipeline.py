"""The pipeline of a key person: lead -> in conversation -> active <-> paused -> left -> returning -> active.

Every move is a dated `KeyPersonStatusChange` (date, who, from, to, reason) and the person's `status`
mirrors the latest one. Leaving goes through `record_exit` (reason from §3.3, exit interview,
suggested successors); a successor becomes a new candidate, referred by the leaver, in one call.
"""
from __future__ import annotations

from datetime import date

from flask_babel import gettext as _

from ...platform import audit
from ...platform.extensions import db
from ...platform.models import utcnow
from . import choices
from .models import KeyPerson, KeyPersonExit, KeyPersonIntake, KeyPersonStatusChange, KeyPersonSuccessor
from .services import KeyPersonError, commit_or_flush, create_person, current_actor_id, log_access

# status -> statuses it may move to. A candidate may also drop out before joining (lead/intake -> exited).
ALLOWED_TRANSITIONS: dict[str, tuple[str, ...]] = {
    "lead": ("intake", "exited"),
    "intake": ("active", "exited"),
    "active": ("paused", "exited"),
    "paused": ("active", "exited"),
    "exited": ("returned",),
    "returned": ("active", "exited"),
}


class PipelineError(KeyPersonError):
    pass


def allowed_targets(status: str, *, include_exit: bool = True) -> list[str]:
    return [s for s in ALLOWED_TRANSITIONS.get(status, ()) if include_exit or s != "exited"]


def can_exit(status: str) -> bool:
    return "exited" in ALLOWED_TRANSITIONS.get(status, ())


def _check_date(on: date | None, person: KeyPerson, field: str = "changed_on") -> date:
    on = on or date.today()
    if on > date.today():
        raise PipelineError(_("The date cannot be in the future."), field)
    if person.status_since and on < person.status_since:
        raise PipelineError(_("The date cannot be before the start of the current status (%(date)s).",
                              date=person.status_since.strftime("%d-%m-%Y")), field)
    return on


def _move(person: KeyPerson, to_status: str, on: date, reason: str, actor_id: int | None,
          reason_code: str | None = None) -> KeyPersonStatusChange:
    if to_status not in choices.STATUSES:
        raise PipelineError(_("Choose one of the options."), "to_status")
    if to_status not in ALLOWED_TRANSITIONS.get(person.status, ()):
        raise PipelineError(_("A person cannot go from \"%(from)s\" to \"%(to)s\".",
                              **{"from": choices.label(choices.STATUSES, person.status),
                                 "to": choices.label(choices.STATUSES, to_status)}), "to_status")
    change = KeyPersonStatusChange(person_id=person.id, changed_on=on, changed_by_id=actor_id,
                                   from_status=person.status, to_status=to_status, reason_code=reason_code,
                                   reason=(reason or "").strip()[:300])
    db.session.add(change)
    audit.record("keyperson.status_changed", object_type="keyperson", object_id=person.id, actor_id=actor_id,
                 detail=f"{person.status}->{to_status}")
    person.status = to_status
    person.status_since = on
    person.updated_at = utcnow()
    log_access(person.id, "edit", actor_id)
    return change


def transition(person: KeyPerson, to_status: str, *, on: date | None = None, reason: str = "",
               reason_code: str | None = None, actor_id: int | None = None) -> KeyPersonStatusChange:
    """Move a person along the pipeline. Leaving the network needs `record_exit` (it asks for a reason).
    `reason_code`: a reason the application records itself (choices.STATUS_CHANGE_REASONS)."""
    if to_status == "exited":
        raise PipelineError(_("Use \"Record leaving\" to let someone leave the network: it asks for the reason."),
                            "to_status")
    on = _check_date(on, person)
    actor_id = actor_id if actor_id is not None else current_actor_id()
    change = _move(person, to_status, on, reason, actor_id, reason_code=reason_code)
    commit_or_flush()
    return change


def record_intake(person: KeyPerson, *, held_on: date | None, held_by_id: int | None = None,
                  motivation_assessment: str | None = None, expectations_discussed: bool = False,
                  notes: str | None = None, actor_id: int | None = None) -> KeyPersonIntake:
    """An intake conversation. A candidate moves to "in conversation"; discussed expectations are noted."""
    if person.status == "exited":
        raise PipelineError(_("This person has left the network. Record their return first."), "held_on")
    held_on = held_on or date.today()
    if held_on > date.today():
        raise PipelineError(_("The date cannot be in the future."), "held_on")
    if motivation_assessment is not None and motivation_assessment not in choices.MOTIVATION_ASSESSMENTS:
        raise PipelineError(_("Choose one of the options."), "motivation_assessment")
    actor_id = actor_id if actor_id is not None else current_actor_id()
    intake = KeyPersonIntake(person_id=person.id, held_on=held_on, held_by_id=held_by_id,
                             motivation_assessment=motivation_assessment, expectations_discussed=expectations_discussed,
                             notes=(notes or "").strip() or None, recorded_by_id=actor_id)
    db.session.add(intake)
    db.session.flush()
    audit.record("keyperson.intake_recorded", object_type="keyperson", object_id=person.id, actor_id=actor_id,
                 detail=f"intake={intake.id}")
    if person.status == "lead":
        _move(person, "intake", max(held_on, person.status_since), "", actor_id, reason_code="intake_held")
    if expectations_discussed and person.expectations_discussed_on is None:
        person.expectations_discussed_on = held_on
        person.expectations_discussed_by_id = held_by_id
    person.updated_at = utcnow()
    log_access(person.id, "edit", actor_id)
    commit_or_flush()
    return intake


def record_exit(person: KeyPerson, *, exited_on: date | None, reason: str, reason_other: str = "",
                interview_held: bool = False, interview_on: date | None = None, interview_notes: str | None = None,
                successors=(), create_leads: bool = False, actor_id: int | None = None) -> KeyPersonExit:
    """Leaving the network (§3.3). `successors`: (name, note) pairs suggested in the exit interview."""
    if not can_exit(person.status):
        raise PipelineError(_("A person cannot go from \"%(from)s\" to \"%(to)s\".",
                              **{"from": choices.label(choices.STATUSES, person.status),
                                 "to": choices.label(choices.STATUSES, "exited")}), "reason")
    if reason not in choices.EXIT_REASONS:
        raise PipelineError(_("Choose the reason for leaving."), "reason")
    reason_other = (reason_other or "").strip()
    if reason == "other" and not reason_other:
        raise PipelineError(_("Describe the other reason."), "reason_other")
    exited_on = _check_date(exited_on, person, "exited_on")
    if interview_held and interview_on is None:
        interview_on = exited_on
    if interview_on is not None and interview_on > date.today():
        raise PipelineError(_("The date cannot be in the future."), "interview_on")
    actor_id = actor_id if actor_id is not None else current_actor_id()
    record = KeyPersonExit(person_id=person.id, exited_on=exited_on, reason=reason, reason_other=reason_other,
                           interview_held=interview_held, interview_on=interview_on if interview_held else None,
                           interview_notes=(interview_notes or "").strip() or None, recorded_by_id=actor_id)
    for name, note in successors:
        if (name or "").strip():
            record.successors.append(KeyPersonSuccessor(name=name.strip()[:120], note=(note or "").strip()[:300]))
    db.session.add(record)
    db.session.flush()
    _move(person, "exited", exited_on, reason_other if reason == "other" else "", actor_id, reason_code=reason)
    audit.record("keyperson.exited", object_type="keyperson", object_id=person.id, actor_id=actor_id,
                 detail=f"reason={reason} successors={len(record.successors)}")
    if create_leads:
        for successor in record.successors:
            _lead_from(successor, person, actor_id)
    commit_or_flush()
    return record


def _lead_from(successor: KeyPersonSuccessor, leaver: KeyPerson, actor_id: int | None) -> KeyPerson:
    lead = create_person(
        {"network_id": leaver.network_id, "name": successor.name, "recruitment_channel": "snowball",
         "referred_by_id": leaver.id, "notes": successor.note or None},
        status="lead", status_reason_code="suggested_successor", actor_id=actor_id, commit=False)
    successor.lead_id = lead.id
    audit.record("keyperson.successor_added", object_type="keyperson", object_id=lead.id, actor_id=actor_id,
                 detail=f"referred_by={leaver.id}")
    return lead


def create_lead_from_successor(successor_id: int, *, actor_id: int | None = None) -> KeyPerson:
    """One click: the suggested successor becomes a candidate, referred by the person who left."""
    successor = db.session.scalar(db.select(KeyPersonSuccessor).filter_by(id=successor_id))
    if successor is None:
        raise LookupError(successor_id)
    if successor.lead_id is not None:
        raise PipelineError(_("This successor has already been added as a candidate."))
    leaver = db.session.scalar(db.select(KeyPerson).filter_by(id=successor.exit.person_id))
    actor_id = actor_id if actor_id is not None else current_actor_id()
    lead = _lead_from(successor, leaver, actor_id)
    commit_or_flush()
    return lead
