"""The contacts panel on the key-person page and the engagement-health source (both without notes)."""
from __future__ import annotations

from ...platform.extensions import db
from ...platform.policy import can
from ...tenants import cache as tenant_cache
from .models import Contact, ContactPerson
from .permissions import LOG_CONTACTS
from .queries import last_contacts


def _per_person() -> dict[int, tuple[int, object]]:
    """{person_id: (contacts, date of the last one)} of the tenant: one grouped query, cached per tenant and
    process until a contact changes (tenants/cache.py)."""
    return tenant_cache.cached("contacts_per_person", lambda: {pid: (count, last) for pid, count, last in
                               db.session.execute(db.select(ContactPerson.person_id, db.func.count(),
                                                            db.func.max(Contact.contacted_on))
                                                  .join(Contact, Contact.id == ContactPerson.contact_id)
                                                  .group_by(ContactPerson.person_id))})


def person_panel(person) -> dict:
    count, last = _per_person().get(person.id, (0, None))
    return {"person_id": person.id, "count": count, "last_contact_on": last, "may_log": can(LOG_CONTACTS)}


def engagement_facts(person_ids, today) -> dict:
    """{person_id: {"last_contact_on": date}} (Feature.engagement_sources contract)."""
    return last_contacts(person_ids, today)
