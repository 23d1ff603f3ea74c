"""Fixed options of the meetings area: stored code -> translated label (dict order is display order)."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from ...platform.i18n import label  # noqa: F401 - `choices.label(...)` in routes and templates

KINDS = {
    "plenary": _l("Plenary meeting"),
    "core_group": _l("Core group (kerngroep)"),
    "theme": _l("Theme meeting"),
    "kickoff": _l("Start or kick-off meeting"),
}

# concept -> gepland -> gehouden -> verslag concept -> verslag vastgesteld, or geannuleerd (with a reason)
STATUSES = {
    "concept": _l("Draft"),
    "planned": _l("Planned"),
    "held": _l("Held"),
    "minutes_draft": _l("Minutes in draft"),
    "minutes_approved": _l("Minutes approved"),
    "cancelled": _l("Cancelled"),
}
TRANSITIONS = {
    "concept": ("planned", "cancelled"),
    "planned": ("held", "cancelled", "concept"),
    "held": ("minutes_draft",),
    "minutes_draft": ("minutes_approved",),
    "minutes_approved": (),
    "cancelled": (),
}
HELD_STATUSES = ("held", "minutes_draft", "minutes_approved")

# attendance of one person: before the meeting (invited, accepted, declined), after it (present, absent
# with notice, absent). The attendee count is derived from these rows, never typed.
ATTENDANCE = {
    "invited": _l("Invited"),
    "accepted": _l("Accepted"),
    "declined": _l("Declined"),
    "present": _l("Present"),
    "excused": _l("Absent with notice"),
    "absent": _l("Absent"),
}
BEFORE = ("invited", "accepted", "declined")
AFTER = ("present", "excused", "absent")
# what the attendance form proposes after the meeting, from the answer before it
AFTER_DEFAULT = {"invited": "absent", "accepted": "present", "declined": "excused"}

# the location pool (§3.2): member organisations' own places plus municipal and informal places
LOCATION_KINDS = {
    "member_organisation": _l("Location of a member organisation"),
    "town_hall": _l("Town hall or municipal office"),
    "library": _l("Library"),
    "house_of_worship": _l("House of worship"),
    "police_station": _l("Police station"),
    "community_centre": _l("Community centre"),
    "online": _l("Online"),
    "other": _l("Other place"),
}

# §3.1 "Keuze van de voorzitter van het netwerk": mode -> (label, the guide's risk note)
CHAIR_MODES = {
    "municipal": (_l("A chair from the municipality"),
                  _l("The guide warns that the municipal agenda may take centre stage, or that key persons come "
                     "to see it that way, and that key persons may look mainly to the municipality for decisions "
                     "and means (§3.1).")),
    "elected": (_l("A key person elected by the network"),
                _l("The guide warns that this person may not be able to stand above the parties and take a neutral "
                   "position, or may not be seen to do so (§3.1).")),
    "appointed": (_l("A key person appointed by the municipality"),
                  _l("The guide names the same risk as for an elected chair, and adds that it can create new "
                     "hierarchies in the network, with resentment, jealousy and misunderstanding (§3.1).")),
    "external": (_l("A neutral, external chair"),
                 _l("The guide suggests this as a solution: from an independent position the chair can build "
                    "authority and keep the network together (§3.1).")),
    "rotating": (_l("Rotating among key persons"),
                 _l("When the chair comes from the network itself, the guide names rotating the role as an "
                    "option (§3.1). Sleutelnet proposes the eligible key person who chaired least recently.")),
}

REMINDER_CHOICES = (14, 7, 3, 2, 1)
DEFAULT_REMINDER_DAYS = (7, 1)
RSVP_OUTSTANDING_DAYS = 3  # remind the organisers of unanswered invitations this many days before
