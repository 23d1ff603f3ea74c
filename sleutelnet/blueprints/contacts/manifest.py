"""Manifest of contacts (contactmomenten, issue 7 point 2; ESS guide §3.1)."""
from flask_babel import lazy_gettext as _l

from ...platform.features import Feature, NavItem, Panel, PersonalData
from ...platform.policy import Role
from . import demo, fields, panels, reminders, routes, walker
from .permissions import LOG_CONTACTS, MANAGE_CONTACTS, VIEW_CONTACT_COUNTS, VIEW_CONTACTS

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


FEATURE = Feature(
    name="contacts",
    tenant_blueprints=(routes.bp,),
    nav=(NavItem("tenant.contacts.index", _l("Contacts"), VIEW_CONTACTS, "execution", 20),
         NavItem("tenant.contacts.counts", _l("Contacts in numbers"), VIEW_CONTACT_COUNTS, "execution", 21)),
    permissions=(VIEW_CONTACTS, LOG_CONTACTS, MANAGE_CONTACTS, VIEW_CONTACT_COUNTS),
    grants={Role.COORDINATOR: {VIEW_CONTACTS, LOG_CONTACTS, MANAGE_CONTACTS, VIEW_CONTACT_COUNTS},
            Role.OFFICIAL: {VIEW_CONTACTS, LOG_CONTACTS, VIEW_CONTACT_COUNTS},
            Role.VIEWER: {VIEW_CONTACT_COUNTS}},
    person_panels=(Panel("contacts/_panel.html", VIEW_CONTACTS, 40, panels.person_panel),),
    reminder_kinds=reminders.REMINDER_KINDS,
    engagement_sources=(panels.engagement_facts,),
    demo_seeders=(demo.seed_demo_contacts,),
    personal_data=_personal_data(),
    fields=fields.FIELDS,
    arg_factories={"contact_id": walker.contact_id},
    audit_actions={
        "contacts.recorded": _l("Contact moment recorded (§3.1)"),
        "contacts.updated": _l("Contact moment changed"),
        "contacts.deleted": _l("Contact moment deleted"),
        "contacts.follow_up_done": _l("Follow-up action marked as done"),
        "contacts.follow_up_reopened": _l("Follow-up action reopened"),
    },
    audit_kinds={
        "contacts": _l("Contacts"),
    },
    audit_objects={
        "contact": _l("contact moment"),
    },
)
