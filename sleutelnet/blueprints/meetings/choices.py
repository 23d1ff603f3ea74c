"""Fixed options of the meetings area: stored code -> translated label in labels.toml (dict order is display
order); the moves between statuses and the reminder settings."""
from __future__ import annotations

from ...platform.i18n import label  # noqa: F401 - `choices.label(...)` in routes and templates
from ...platform.labels import catalogues

# ATTENDANCE: of one person, before the meeting (invited, accepted, declined), after it (present, absent with
# notice, absent); the attendee count is derived from these rows, never typed.
# LOCATION_KINDS: the location pool (§3.2). CHAIR_MODES (§3.1): mode -> (label, the guide's risk note).
KINDS, STATUSES, ATTENDANCE, LOCATION_KINDS, CHAIR_MODES = catalogues(__package__).tables(
    "KINDS", "STATUSES", "ATTENDANCE", "LOCATION_KINDS", "CHAIR_MODES")

# concept -> gepland -> gehouden -> verslag concept -> verslag vastgesteld, or geannuleerd (with a reason)
TRANSITIONS = {
    "concept": ("planned", "cancelled"),
    "planned": ("held", "cancelled", "concept"),
    "held": ("minutes_draft",),
    "minutes_draft": ("minutes_approved",),
    "minutes_approved": (),
    "cancelled": (),
}
HELD_STATUSES = ("held", "minutes_draft", "minutes_approved")

BEFORE = ("invited", "accepted", "declined")
AFTER = ("present", "excused", "absent")
# what the attendance form proposes after the meeting, from the answer before it
AFTER_DEFAULT = {"invited": "absent", "accepted": "present", "declined": "excused"}

REMINDER_CHOICES = (14, 7, 3, 2, 1)
DEFAULT_REMINDER_DAYS = (7, 1)
RSVP_OUTSTANDING_DAYS = 3  # remind the organisers of unanswered invitations this many days before
