"""Fixed options of care for the network (ESS guide §3.1–3.2): stored code -> translated label."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from ...platform.i18n import label  # noqa: F401 - `choices.label(...)` in routes and templates

# §3.1 "Waardering": the forms of appreciation the guide names
APPRECIATION_KINDS = {
    "mayor_meeting": _l("Meeting with the mayor"),
    "public_recognition": _l("Public recognition"),
    "visit": _l("Visit at home, work or house of worship"),
    "gesture": _l("Gesture (flowers, a card, a small gift)"),
    "training_offered": _l("Training offered"),
    "event_invitation": _l("Invitation to a municipal event"),
}

ENROLMENT_STATUSES = {
    "invited": _l("Invited"),
    "registered": _l("Registered"),
    "attended": _l("Attended"),
    "no_show": _l("Did not show up"),
}
# allowed moves of an enrolment
ENROLMENT_MOVES = {
    "invited": ("registered", "no_show"),
    "registered": ("attended", "no_show"),
    "attended": (),
    "no_show": ("registered",),
}

# §3.2 "Van elkaar leren"
PAIR_KINDS = {
    "buddy": _l("Buddy (fellow key person)"),
    "mentor": _l("Mentor (experienced key person)"),
    "professional": _l("Professional (e.g. youth worker or community police officer)"),
}
PAIR_STATUSES = {
    "proposed": _l("Proposed"),
    "active": _l("Active"),
    "ended": _l("Ended"),
}
PAIR_END_REASONS = {
    "completed": _l("Goal reached or period over"),
    "no_match": _l("The match did not work"),
    "no_time": _l("No time"),
    "left_network": _l("One of them left the network"),
    "other": _l("Other reason"),
}
# check-ins: code -> (days after the start, label)
CHECKINS = {
    "two_weeks": (14, _l("after two weeks")),
    "three_months": (91, _l("after three months")),
}
MAX_ACTIVE_PAIRS_PER_BUDDY = 2
DEFAULT_PAIR_MONTHS = 6
SILENT_PAIR_DAYS = 60
# certificate expiry reminders, days before the end of validity
EXPIRY_REMINDER_DAYS = (60, 14)
