"""Fixed answer options of the key-person register (ESS guide §2.1–2.3, §3.3): stored code -> label.

Codes are stable English identifiers stored in the database (imports, exports and aggregates rely on
them); labels are translated, the Dutch ones in the guide's own wording. Dict order is display order.
"""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from ...platform.i18n import label  # noqa: F401 - `choices.label(...)` in routes and templates

# Pipeline (phase 2 "Opbouw" into phase 3): see pipeline.ALLOWED_TRANSITIONS for the allowed moves.
STATUSES = {
    "lead": _l("Candidate"),
    "intake": _l("In conversation"),
    "active": _l("Active"),
    "paused": _l("Paused"),
    "exited": _l("Left the network"),
    "returned": _l("Returning"),
}
# a new person starts in one of these (importing an existing network starts at "active")
INITIAL_STATUSES = ("lead", "intake", "active")

# §2.2 "Verschillende rollen" — a person may have several
ROLES = {
    "connector": _l("Connector"),
    "representative": _l("Representative"),
    "doer": _l("Result-driven doer"),
    "critic": _l("Constructive critic (luis in de pels)"),
}

# §2.1 "Manieren van werven"
RECRUITMENT_CHANNELS = {
    "existing_networks": _l("Existing networks"),
    "targeted_conversations": _l("Targeted conversations with professionals and organisations"),
    "outreach": _l("Outreach in their own surroundings"),
    "snowball": _l("Snowball method (referred by a key person)"),
    "walk_in": _l("Walk-in evening or event"),
    "campaign": _l("Recruitment campaign (online or offline)"),
}

# how the person prefers to be contacted
CONTACT_CHANNELS = {
    "email": _l("E-mail"),
    "phone": _l("Telephone"),
    "messaging": _l("WhatsApp or text message"),
    "in_person": _l("In person"),
}

ORGANISATION_TYPES = {
    "mosque": _l("Mosque"),
    "church": _l("Church"),
    "synagogue": _l("Synagogue"),
    "sports_club": _l("Sports club"),
    "school": _l("School"),
    "foundation": _l("Foundation or association"),
    "business": _l("Business"),
    "police": _l("Police"),
    "other": _l("Other"),
}

# §2.2 "Diversiteit en representativiteit"
AGE_GROUPS = {
    "under_25": _l("Under 25"),
    "25_40": _l("25 to 40"),
    "40_65": _l("40 to 65"),
    "65_plus": _l("65 or older"),
}
HELPING_PROFESSION = {
    "with": _l("With a helping profession"),
    "without": _l("Without a helping profession"),
}
EDUCATION = {
    "theoretical": _l("Theoretically educated"),
    "practical": _l("Practically educated"),
}
# special-category data (AVG art. 9): only ever shown to coordinators, only with a current consent for this
# purpose in the consent register (the privacy area's; the register's only record of consent)
SPECIAL_CATEGORY_CONSENT = "special_category"
MIGRATION_BACKGROUND = {
    "with": _l("With a migration background"),
    "without": _l("Without a migration background"),
}

MOTIVATION_ASSESSMENTS = {
    "strong": _l("Strong, intrinsic motivation"),
    "sufficient": _l("Sufficient motivation"),
    "doubt": _l("Doubts about motivation"),
    "insufficient": _l("Insufficient motivation"),
}

# §3.3 "Uitval om verschillende redenen"
EXIT_REASONS = {
    "no_time": _l("No time or energy"),
    "personal": _l("Personal circumstances"),
    "disagreement": _l("Disagreement about policy or the role of the network"),
    "disappointment": _l("Disappointed about the impact"),
    "constituency": _l("Resistance from their constituency"),
    "municipality": _l("Choice of the municipality"),
    "other": _l("Other reason"),
}


# reasons the application records itself when it moves someone along the pipeline
STATUS_CHANGE_REASONS = {
    "intake_held": _l("Intake conversation held"),
    "suggested_successor": _l("Suggested as a successor in an exit interview"),
    "imported": _l("Imported from a file"),
}


def status_change_reason(change) -> str:
    """The reason of a KeyPersonStatusChange as text: the translated code, then the user's own words."""
    options = EXIT_REASONS if change.to_status == "exited" else STATUS_CHANGE_REASONS
    parts = [label(options, change.reason_code), change.reason or ""]
    return ": ".join(p for p in parts if p)
