"""Fixed options of the advice inbox and the exchange: topics follow the guide's sections.

Codes are stable identifiers stored in the database; labels are translated (labels.toml). Dict order is
display order.
"""
from __future__ import annotations

from ...platform.i18n import label  # noqa: F401 - `choices.label(...)` in routes and templates
from ...platform.labels import catalogues

# TOPICS: the guide's sections (ESS handreiking), used as advice topics and as exchange tags
TOPICS, URGENCIES, STATES, CONTEXT_KINDS = catalogues(__package__).tables(
    "TOPICS", "URGENCIES", "STATES", "CONTEXT_KINDS")

# states of a request, in the order of the process (the codes of STATES)
NEW, ASSIGNED, IN_PROGRESS, WAITING, ANSWERED, CLOSED = (
    "new", "assigned", "in_progress", "waiting", "answered", "closed")
OPEN_STATES = (NEW, ASSIGNED, IN_PROGRESS, WAITING)
# the resolution clock runs only in these states (paused while waiting for the municipality)
RUNNING_STATES = (NEW, ASSIGNED, IN_PROGRESS)
