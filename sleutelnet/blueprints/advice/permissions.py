"""Permissions of the advice inbox (granted in manifest.py)."""
from ...platform.policy import Permission

# municipality side (coordinator, official): ask the ESS, follow one's own requests
ASK_ESS_ADVICE = Permission("ask_ess_advice")
# ESS side (ess_advisor): the national inbox, assignment, answers, internal notes, advisor settings
HANDLE_ADVICE_REQUESTS = Permission("handle_advice_requests")
