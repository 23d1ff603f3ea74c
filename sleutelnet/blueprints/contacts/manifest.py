"""Manifest of contacts (contactmomenten, issue 7 point 2; ESS guide §3.1)."""
from flask_babel import lazy_gettext as _l

from ...platform.features import Feature, NavItem, Panel
from ...platform.policy import Role
from . import demo, panels, reminders, routes, walker
from .permissions import LOG_CONTACTS, MANAGE_CONTACTS, VIEW_CONTACT_COUNTS, VIEW_CONTACTS

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
    arg_factories={"contact_id": walker.contact_id},
)
