"""Fixed options of the advice inbox and the exchange: topics follow the guide's sections.

Codes are stable identifiers stored in the database; labels are translated. Dict order is display order.
"""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from ...platform.i18n import label  # noqa: F401 - `choices.label(...)` in routes and templates

# the guide's sections (ESS handreiking), used as advice topics and as exchange tags
TOPICS = {
    "1.1": _l("§1.1 Purpose and right to exist"),
    "1.2": _l("§1.2 Administrative support"),
    "1.3": _l("§1.3 Frameworks and principles"),
    "2.1": _l("§2.1 Recruiting and selecting key persons"),
    "2.2": _l("§2.2 Characteristics and diversity"),
    "2.3": _l("§2.3 Making agreements"),
    "3.1": _l("§3.1 Trust and visibility"),
    "3.2": _l("§3.2 Building and sharing knowledge"),
    "3.3": _l("§3.3 Stability, turnover and variety"),
    "3.4": _l("§3.4 Evaluation"),
    "other": _l("Other"),
}

URGENCIES = {
    "normal": _l("Normal (first response within 2 working days)"),
    "urgent": _l("Urgent (first response within 1 working day)"),
}

# states of a request, in the order of the process
NEW, ASSIGNED, IN_PROGRESS, WAITING, ANSWERED, CLOSED = (
    "new", "assigned", "in_progress", "waiting", "answered", "closed")
STATES = {
    NEW: _l("New"),
    ASSIGNED: _l("Assigned"),
    IN_PROGRESS: _l("In progress"),
    WAITING: _l("Waiting for the municipality"),
    ANSWERED: _l("Answered"),
    CLOSED: _l("Closed"),
}
OPEN_STATES = (NEW, ASSIGNED, IN_PROGRESS, WAITING)
# the resolution clock runs only in these states (paused while waiting for the municipality)
RUNNING_STATES = (NEW, ASSIGNED, IN_PROGRESS)

# what a municipality can attach from its own space (aggregates only, never personal data)
CONTEXT_KINDS = {
    "network_summary": _l("Network summary (name, phase 1 progress, numbers of key persons and officials)"),
    "composition": _l("Anonymised composition (roles and diversity; numbers below 5 shown as \"< 5\")"),
}
