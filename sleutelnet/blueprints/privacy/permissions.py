"""Permissions of the privacy area. Privacy (AVG): coordinators only. GRANTS: who holds them per role."""
from ...platform.policy import Permission, Role

MANAGE_CONSENTS = Permission("manage_consents")  # the consent register
HANDLE_ACCESS_REQUESTS = Permission("handle_access_requests")  # subject-access exports (art. 15)
ERASE_PERSONAL_DATA = Permission("erase_personal_data")  # erasure (art. 17)
MANAGE_RETENTION = Permission("manage_retention")  # retention periods and the privacy overview

ALL = (MANAGE_CONSENTS, HANDLE_ACCESS_REQUESTS, ERASE_PERSONAL_DATA, MANAGE_RETENTION,)
GRANTS = {
    Role.COORDINATOR: {MANAGE_CONSENTS, HANDLE_ACCESS_REQUESTS, ERASE_PERSONAL_DATA, MANAGE_RETENTION},
}
