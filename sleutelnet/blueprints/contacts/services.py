"""Contacts: recording, changing and reading contactmomenten (services add and flush; routes commit).

Reading the note of a contact, or a person's timeline, writes the key persons' access log ("view");
recording or changing a contact writes it as "edit". Audit entries carry ids and codes only.
"""
from __future__ import annotations

from datetime import date

from flask_babel import gettext as _
from sqlalchemy.orm import selectinload

from ...platform import audit
from ...platform.extensions import db
from ...platform.kernel import ServiceError
from ..keypersons.models import KeyPerson
from ..keypersons.services import current_actor_id, log_access
from . import choices
from .models import Contact, ContactPerson

NOTE_MAX = 2000
FOLLOW_UP_MAX = 500


class ContactError(ServiceError):
    """A rule of the contacts area was broken (translated message, optional form field)."""


def get_contact(contact_id: int) -> Contact:
    contact = db.session.scalar(db.select(Contact).filter_by(id=contact_id)
                                .options(selectinload(Contact.person_links), selectinload(Contact.recorded_by)))
    if contact is None:
        raise LookupError(contact_id)
    return contact


def persons_by_id(person_ids) -> dict[int, KeyPerson]:
    ids = sorted(set(person_ids))
    if not ids:
        return {}
    return {p.id: p for p in db.session.scalars(db.select(KeyPerson).where(KeyPerson.id.in_(ids)))}


def _validate(data: dict, person_ids: list[int]) -> list[int]:
    contacted_on = data.get("contacted_on")
    if contacted_on is None:
        raise ContactError(_("Enter the date of the contact."), "contacted_on")
    if contacted_on > date.today():
        raise ContactError(_("The date cannot be in the future."), "contacted_on")
    if data.get("channel") not in choices.CHANNELS:
        raise ContactError(_("Choose how the contact took place."), "channel")
    if any(t not in choices.TOPICS for t in data.get("topics", ())):
        raise ContactError(_("Choose only from the topics shown."), "topics")
    person_ids = list(dict.fromkeys(int(p) for p in person_ids))
    if not person_ids:
        raise ContactError(_("Choose at least one key person."), "person_ids")
    persons = persons_by_id(person_ids)
    if len(persons) != len(person_ids):
        raise ContactError(_("Choose key persons of this municipality."), "person_ids")
    networks = {p.network_id for p in persons.values()}
    if len(networks) != 1:
        raise ContactError(_("Choose key persons of one network: record a separate contact per network."),
                           "person_ids")
    if len((data.get("note") or "").strip()) > NOTE_MAX:
        raise ContactError(_("This text is too long (at most %(max)d characters).", max=NOTE_MAX), "note")
    follow_up = (data.get("follow_up") or "").strip()
    if follow_up and data.get("follow_up_due") is None:
        raise ContactError(_("Enter when the follow-up action is due."), "follow_up_due")
    if data.get("follow_up_due") is not None and not follow_up:
        raise ContactError(_("Describe the follow-up action, or leave its due date empty."), "follow_up")
    data["network_id"] = networks.pop()
    return person_ids


def _apply(contact: Contact, data: dict) -> None:
    contact.network_id = data["network_id"]
    contact.contacted_on = data["contacted_on"]
    contact.channel = data["channel"]
    contact.topic_codes = [t for t in choices.TOPICS if t in set(data.get("topics", ()))]
    contact.note = (data.get("note") or "").strip() or None
    contact.follow_up = (data.get("follow_up") or "").strip() or None
    contact.follow_up_due = data.get("follow_up_due") if contact.follow_up else None
    if contact.follow_up_due is None:
        contact.follow_up_done_on = None


def record_contact(data: dict, person_ids, *, actor_id: int | None = None) -> Contact:
    """A new contact with one or more key persons of one network."""
    person_ids = _validate(data, list(person_ids))
    actor_id = actor_id if actor_id is not None else current_actor_id()
    contact = Contact(recorded_by_id=actor_id)
    _apply(contact, data)
    contact.person_links = [ContactPerson(person_id=pid) for pid in person_ids]
    db.session.add(contact)
    db.session.flush()
    for pid in person_ids:
        log_access(pid, "edit", actor_id)
    audit.record("contacts.recorded", object_type="contact", object_id=contact.id,
                 detail=f"channel={contact.channel} persons={len(person_ids)}")
    return contact


def update_contact(contact: Contact, data: dict, person_ids) -> Contact:
    person_ids = _validate(data, list(person_ids))
    _apply(contact, data)
    current = {link.person_id: link for link in contact.person_links}
    for pid, link in current.items():
        if pid not in person_ids:
            contact.person_links.remove(link)
    for pid in person_ids:
        if pid not in current:
            contact.person_links.append(ContactPerson(person_id=pid))
    db.session.flush()
    for pid in set(person_ids) | set(current):
        log_access(pid, "edit")
    audit.record("contacts.updated", object_type="contact", object_id=contact.id)
    return contact


def complete_follow_up(contact: Contact, done: bool = True) -> None:
    if contact.follow_up_due is None:
        raise ContactError(_("This contact has no follow-up action."))
    contact.follow_up_done_on = date.today() if done else None
    audit.record("contacts.follow_up_done" if done else "contacts.follow_up_reopened", object_type="contact",
                 object_id=contact.id)
    db.session.flush()


def delete_contact(contact: Contact) -> None:
    for pid in contact.person_ids:
        log_access(pid, "edit")
    audit.record("contacts.deleted", object_type="contact", object_id=contact.id)
    db.session.delete(contact)
    db.session.flush()


def may_change(contact: Contact, user_id: int, manage: bool) -> bool:
    """Coordinators change any contact; officials their own."""
    return manage or contact.recorded_by_id == user_id


def record_read(contact: Contact) -> None:
    """The note of a contact was shown: an access-log entry for each key person in it."""
    for pid in contact.person_ids:
        log_access(pid, "view")
    db.session.flush()
