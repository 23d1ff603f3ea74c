"""Codes of the signals area (stored) and their labels (translated)."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from ...platform.i18n import label  # noqa: F401 - `choices.label(...)` in routes and templates

TOPICS = {
    "tension": _l("Tension between groups"),
    "youth": _l("Worries about a young person"),
    "polarisation": _l("Polarisation"),
    "safety": _l("Safety"),
    "other": _l("Other"),
}
URGENCIES = {
    "normal": _l("Normal"),
    "high": _l("High"),
    "acute": _l("Acute"),
}
SENSITIVITIES = {
    "confidential": _l("Confidential"),
    "strict": _l("Strictly confidential"),
}
STATUSES = {
    "reported": _l("Reported"),
    "in_progress": _l("In progress"),
    "forwarded": _l("Forwarded"),
    "feedback_given": _l("Feedback given to the reporter"),
    "closed": _l("Closed"),
}
PARTNERS = {
    "police": _l("Police"),
    "youth_care": _l("Youth care"),
    "social_work": _l("Social work"),
    "other": _l("Other partner"),
}
SOURCES = {
    "keyperson": _l("A key person of the register"),
    "anonymous": _l("Anonymous within the network"),
}

# state machine: status -> statuses it may move to. Closing needs "feedback given" first (trust, §3.1);
# "closed" -> "in_progress" is the reopen.
TRANSITIONS = {
    "reported": ("in_progress", "forwarded"),
    "in_progress": ("forwarded", "feedback_given"),
    "forwarded": ("in_progress", "feedback_given"),
    "feedback_given": ("in_progress", "closed"),
    "closed": ("in_progress",),
}
OPEN_STATUSES = ("reported", "in_progress")  # follow-up still due
HANDLED_STATUSES = ("forwarded", "feedback_given", "closed")  # followed up (forwarded or handled)
