"""Fixed options of care for the network (ESS guide §3.1–3.2): stored code -> translated label (labels.toml)."""
from __future__ import annotations

from ...platform.i18n import label  # noqa: F401 - `choices.label(...)` in routes and templates
from ...platform.labels import catalogues

# CHECKINS: code -> (days after the start, label)
APPRECIATION_KINDS, ENROLMENT_STATUSES, PAIR_KINDS, PAIR_STATUSES, PAIR_END_REASONS, CHECKINS = \
    catalogues(__package__).tables("APPRECIATION_KINDS", "ENROLMENT_STATUSES", "PAIR_KINDS", "PAIR_STATUSES",
                                   "PAIR_END_REASONS", "CHECKINS")

# allowed moves of an enrolment
ENROLMENT_MOVES = {
    "invited": ("registered", "no_show"),
    "registered": ("attended", "no_show"),
    "attended": (),
    "no_show": ("registered",),
}
MAX_ACTIVE_PAIRS_PER_BUDDY = 2
DEFAULT_PAIR_MONTHS = 6
SILENT_PAIR_DAYS = 60
# certificate expiry reminders, days before the end of validity
EXPIRY_REMINDER_DAYS = (60, 14)
