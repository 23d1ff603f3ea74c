"""Fixed answer options of the key-person register (ESS guide §2.1–2.3, §3.3): stored code -> label.

Codes are stable English identifiers stored in the database (imports, exports and aggregates rely on
them); labels are translated, the Dutch ones in the guide's own wording. The lists are data, in
labels.toml (with the guide's section of each); dict order is display order.
"""
from __future__ import annotations

from ...platform.i18n import label
from ...platform.labels import catalogues

# STATUSES: the pipeline (phase 2 "Opbouw" into phase 3), see pipeline.ALLOWED_TRANSITIONS for the moves.
# STATUS_CHANGE_REASONS: reasons the application records itself when it moves someone along the pipeline.
(STATUSES, ROLES, RECRUITMENT_CHANNELS, CONTACT_CHANNELS, ORGANISATION_TYPES, AGE_GROUPS, HELPING_PROFESSION,
 EDUCATION, MIGRATION_BACKGROUND, MOTIVATION_ASSESSMENTS, EXIT_REASONS, STATUS_CHANGE_REASONS) = \
    catalogues(__package__).tables(
        "STATUSES", "ROLES", "RECRUITMENT_CHANNELS", "CONTACT_CHANNELS", "ORGANISATION_TYPES", "AGE_GROUPS",
        "HELPING_PROFESSION", "EDUCATION", "MIGRATION_BACKGROUND", "MOTIVATION_ASSESSMENTS", "EXIT_REASONS",
        "STATUS_CHANGE_REASONS")

# a new person starts in one of these (importing an existing network starts at "active")
INITIAL_STATUSES = ("lead", "intake", "active")
# special-category data (AVG art. 9): only ever shown to coordinators, only with a current consent for this
# purpose in the consent register (the privacy area's; the register's only record of consent)
SPECIAL_CATEGORY_CONSENT = "special_category"


def status_change_reason(change) -> str:
    """The reason of a KeyPersonStatusChange as text: the translated code, then the user's own words."""
    options = EXIT_REASONS if change.to_status == "exited" else STATUS_CHANGE_REASONS
    parts = [label(options, change.reason_code), change.reason or ""]
    return ": ".join(p for p in parts if p)
