"""Codes of the signals area (stored) and their labels (translated, in labels.toml); the moves between
statuses."""
from __future__ import annotations

from ...platform.i18n import label  # noqa: F401 - `choices.label(...)` in routes and templates
from ...platform.labels import catalogues

TOPICS, URGENCIES, SENSITIVITIES, STATUSES, PARTNERS, SOURCES = catalogues(__package__).tables(
    "TOPICS", "URGENCIES", "SENSITIVITIES", "STATUSES", "PARTNERS", "SOURCES")

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
