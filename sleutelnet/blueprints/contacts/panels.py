"""The contacts panel on the key-person page and the engagement-health source (both without notes)."""
from __future__ import annotations

from ...platform.extensions import db
from ...platform.policy import can
from .models import ContactPerson
from .permissions import LOG_CONTACTS
from .queries import last_contacts


def person_panel(person) -> dict:
    count = db.session.scalar(db.select(db.func.count()).select_from(ContactPerson)
                              .where(ContactPerson.person_id == person.id)) or 0
    last = last_contacts([person.id]).get(person.id, {}).get("last_contact_on") if count else None
    return {"person_id": person.id, "count": count, "last_contact_on": last, "may_log": can(LOG_CONTACTS)}


def engagement_facts(person_ids, today) -> dict:
    """{person_id: {"last_contact_on": date}} (Feature.engagement_sources contract)."""
    return last_contacts(person_ids, today)
