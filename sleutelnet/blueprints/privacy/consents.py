"""The consent register (AVG art. 6, 7 and 9).

- Recording: one form. A new record for a purpose that already has a current record replaces it (the old
  one ends as "replaced"), e.g. when a new version of the consent text is signed.
- Withdrawing: one confirmation form (date, how) — no more steps than recording (art. 7(3)).
- The register is the only record of consent. The special-category purpose is what makes the person's
  migration background lawful: the register's fields declare it (`consent=` in keypersons/fields.py) and
  read it through `REGISTER` (the manifest's `consent_register`); withdrawing it clears the encrypted value
  in the same transaction, audited. The coordinator's key-person form gives and withdraws it here too.
"""
from __future__ import annotations

from datetime import date

from flask_babel import gettext as _
from sqlalchemy import inspect

from ...platform import audit, fields, uow
from ...platform.extensions import db
from ...tenants import cache as tenant_cache
from ...platform.models import utcnow
from ..keypersons.models import KeyPerson
from ..keypersons.services import current_actor_id, log_access
from . import choices
from .errors import PrivacyError
from .models import ConsentRecord


def consents_for(person_id: int) -> list[ConsentRecord]:
    """Current records first (by purpose), then ended ones, newest first."""
    rows = db.session.scalars(db.select(ConsentRecord).filter_by(person_id=person_id)
                              .order_by(ConsentRecord.given_on.desc(), ConsentRecord.id.desc())).all()
    order = list(choices.CONSENT_SCOPES)
    return sorted(rows, key=lambda c: (not c.active, order.index(c.scope) if c.scope in order else 99))


def current_consent(person_id: int, scope: str) -> ConsentRecord | None:
    return db.session.scalar(db.select(ConsentRecord).filter_by(person_id=person_id, scope=scope, ended_on=None)
                             .order_by(ConsentRecord.given_on.desc(), ConsentRecord.id.desc()))


def record_consent(person: KeyPerson, *, scope: str, basis: str, given_on: date | None, obtained_via: str,
                   text_version: str = "", note: str | None = None, actor_id: int | None = None) -> ConsentRecord:
    if scope not in choices.CONSENT_SCOPES:
        raise PrivacyError(_("Choose one of the options."), "scope")
    if basis not in choices.LEGAL_BASES:
        raise PrivacyError(_("Choose one of the options."), "basis")
    if obtained_via not in choices.CONSENT_ORIGINS:
        raise PrivacyError(_("Choose one of the options."), "obtained_via")
    if scope == choices.SPECIAL_CATEGORY_SCOPE and basis != choices.CONSENT_BASIS:
        raise PrivacyError(_("A special category of personal data may only be recorded with the person's explicit "
                             "consent. Choose \"Consent\" as the lawful basis."), "basis")
    if given_on is None:
        raise PrivacyError(_("Enter the date."), "given_on")
    if given_on > date.today():
        raise PrivacyError(_("The date cannot be in the future."), "given_on")
    actor_id = actor_id if actor_id is not None else current_actor_id()
    previous = current_consent(person.id, scope)
    if previous is not None and given_on < previous.given_on:
        raise PrivacyError(_("There is a more recent record for this purpose (of %(date)s). Enter a date on or "
                             "after it.", date=previous.given_on.strftime("%d-%m-%Y")), "given_on")
    record = ConsentRecord(person_id=person.id, scope=scope, basis=basis, given_on=given_on,
                           obtained_via=obtained_via, text_version=(text_version or "").strip()[:60],
                           note=(note or "").strip() or None, recorded_by_id=actor_id)
    db.session.add(record)
    db.session.flush()
    if previous is not None:
        _end(previous, on=given_on, reason="replaced", via=None, actor_id=actor_id)
    if scope == choices.SPECIAL_CATEGORY_SCOPE:
        person.updated_at = utcnow()
    log_access(person.id, "edit", actor_id)
    audit.record("privacy.consent_recorded", object_type="keyperson", object_id=person.id, actor_id=actor_id,
                 detail=f"consent={record.id} scope={scope} basis={basis}"
                        + (f" replaces={previous.id}" if previous is not None else ""))
    uow.done()
    return record


def _end(record: ConsentRecord, *, on: date, reason: str, via: str | None, actor_id: int | None) -> None:
    record.ended_on = on
    record.end_reason = reason
    record.ended_via = via
    record.ended_by_id = actor_id
    record.ended_at = utcnow()


def withdraw_consent(person: KeyPerson, record: ConsentRecord, *, withdrawn_on: date | None, via: str,
                     actor_id: int | None = None) -> bool:
    """End a record as withdrawn. Returns True when special-category data were erased with it."""
    if record.person_id != person.id:
        raise LookupError(record.id)
    if not record.active:
        raise PrivacyError(_("This record has already ended."))
    if via not in choices.CONSENT_ORIGINS:
        raise PrivacyError(_("Choose one of the options."), "via")
    withdrawn_on = withdrawn_on or date.today()
    if withdrawn_on > date.today():
        raise PrivacyError(_("The date cannot be in the future."), "withdrawn_on")
    if withdrawn_on < record.given_on:
        raise PrivacyError(_("The date cannot be before the consent was given (%(date)s).",
                             date=record.given_on.strftime("%d-%m-%Y")), "withdrawn_on")
    actor_id = actor_id if actor_id is not None else current_actor_id()
    _end(record, on=withdrawn_on, reason="withdrawn", via=via, actor_id=actor_id)
    cleared = False
    if record.scope == choices.SPECIAL_CATEGORY_SCOPE:
        cleared = clear_special_category(person, actor_id=actor_id)
    log_access(person.id, "edit", actor_id)
    audit.record("privacy.consent_withdrawn", object_type="keyperson", object_id=person.id, actor_id=actor_id,
                 detail=f"consent={record.id} scope={record.scope}")
    uow.done()
    return cleared


def clear_special_category(person: KeyPerson, *, actor_id: int | None) -> bool:
    """Erase the encrypted special-category values (the register's fields of that sensitivity; the caller
    commits). Returns whether there was a value."""
    special = fields.columns(KeyPerson, sensitivity=[fields.Sensitivity.SPECIAL_CATEGORY])
    unloaded = [name for name in special if name in inspect(person).unloaded]
    if unloaded:
        db.session.refresh(person, unloaded)
    had_data = any(getattr(person, name) is not None for name in special)
    for name in special:
        setattr(person, name, None)
    person.updated_at = utcnow()
    # which value was erased is itself sensitive: the event says only that it happened
    audit.record("privacy.special_category_cleared", object_type="keyperson", object_id=person.id,
                 actor_id=actor_id)
    return had_data


class _Register:
    """The consent register as the platform sees it (`Feature.consent_register`, `platform.fields.consented`):
    the key-person register reads and writes consent through this, never a copy of its own."""

    def current(self, person_ids, scope: str) -> dict:
        """{person_id: date given} of the current consents; the tenant's whole list per scope is cached per
        process until a consent record changes (tenants/cache.py), so a page asking for one person runs no
        query once warm."""
        every = tenant_cache.cached(f"privacy_consents:{scope}", lambda: dict(db.session.execute(
            db.select(ConsentRecord.person_id, db.func.max(ConsentRecord.given_on))
            .where(ConsentRecord.scope == scope, ConsentRecord.ended_on.is_(None))
            .group_by(ConsentRecord.person_id)).all()))
        return {pid: every[pid] for pid in person_ids if pid in every}

    def give(self, person: KeyPerson, scope: str, given_on: date, actor_id: int | None = None) -> None:
        """A consent ticked on the key person's form: recorded here unless a current one says the same."""
        current = current_consent(person.id, scope)
        if current is not None and current.given_on == given_on:
            return
        record_consent(person, scope=scope, basis=choices.CONSENT_BASIS, given_on=given_on,
                       obtained_via=choices.WITH_PERSON_RECORD, actor_id=actor_id)

    def withdraw(self, person: KeyPerson, scope: str, actor_id: int | None = None) -> None:
        """A consent unticked on the key person's form: the current record ends as withdrawn today."""
        current = current_consent(person.id, scope)
        if current is not None:
            withdraw_consent(person, current, withdrawn_on=max(date.today(), current.given_on),
                             via=choices.WITH_PERSON_RECORD, actor_id=actor_id)


REGISTER = _Register()
