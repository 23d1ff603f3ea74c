"""Permissions of contacts: coordinators everything; officials log and see contacts (and change their own);
viewers only counts; the ESS layer nothing (it has no tenant role)."""
from ...platform.policy import Permission, Role

VIEW_CONTACTS = Permission("view_contacts")          # the list, a contact, a person's timeline
LOG_CONTACTS = Permission("log_contacts")            # record a contact; change or complete one's own
MANAGE_CONTACTS = Permission("manage_contacts")      # change or delete anyone's contact
VIEW_CONTACT_COUNTS = Permission("view_contact_counts")  # numbers per month and channel, no names or notes

ALL = (VIEW_CONTACTS, LOG_CONTACTS, MANAGE_CONTACTS, VIEW_CONTACT_COUNTS)
GRANTS = {Role.COORDINATOR: {VIEW_CONTACTS, LOG_CONTACTS, MANAGE_CONTACTS, VIEW_CONTACT_COUNTS},
          Role.OFFICIAL: {VIEW_CONTACTS, LOG_CONTACTS, VIEW_CONTACT_COUNTS},
          Role.VIEWER: {VIEW_CONTACT_COUNTS}}
