"""Manifest of contacts (contactmomenten, issue 7 point 2; ESS guide §3.1)."""
from flask_babel import lazy_gettext as _l

from ...platform.features import Feature, NavItem, Panel, PersonalData
from . import demo, fields, panels, permissions as perms, reminders, routes, walker
from .permissions import VIEW_CONTACT_COUNTS, VIEW_CONTACTS

def _contacts_with(model, person_id):
    """Contacts (contactmomenten) the person took part in: their notes are about the person too."""
    from ...platform.extensions import db
    from .models import ContactPerson

    links = db.select(ContactPerson.contact_id).where(ContactPerson.person_id == person_id)
    return model.id.in_(links.scalar_subquery())


def _personal_data():
    from .models import Contact

    return (PersonalData("contacts", _l("Contacts (contactmomenten)"), Contact, where=_contacts_with,
                         order_by=("contacted_on", "id"), order=60),)


FEATURE = Feature.of(__package__, perms,
    tenant_blueprints=(routes.bp,),
    nav=(NavItem("tenant.contacts.index", _l("Contacts"), VIEW_CONTACTS, "execution", 20),
         NavItem("tenant.contacts.counts", _l("Contacts in numbers"), VIEW_CONTACT_COUNTS, "execution", 21)),
    person_panels=(Panel("contacts/_panel.html", VIEW_CONTACTS, 40, panels.person_panel),),
    reminder_kinds=reminders.REMINDER_KINDS,
    engagement_sources=(panels.engagement_facts,),
    demo_seeders=(demo.seed_demo_contacts,),
    personal_data=_personal_data(),
    fields=fields.FIELDS,
    arg_factories={"contact_id": walker.contact_id},
)
