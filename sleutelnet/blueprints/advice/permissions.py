"""Permissions of the advice inbox (ALL, and GRANTS per role: the manifest's `access`)."""
from ...platform.policy import Permission, Role

# municipality side (coordinator, official): ask the ESS, follow one's own requests
ASK_ESS_ADVICE = Permission("ask_ess_advice")
# ESS side (ess_advisor): the national inbox, assignment, answers, internal notes, advisor settings
HANDLE_ADVICE_REQUESTS = Permission("handle_advice_requests")

ALL = (ASK_ESS_ADVICE, HANDLE_ADVICE_REQUESTS)
GRANTS = {Role.COORDINATOR: {ASK_ESS_ADVICE}, Role.OFFICIAL: {ASK_ESS_ADVICE},
          Role.ESS_ADVISOR: {HANDLE_ADVICE_REQUESTS}}
