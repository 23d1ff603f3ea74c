"""Readable audit log of the meetings area: action codes as sentences, the kind of event, object names."""
from flask_babel import lazy_gettext as _l

ACTIONS = {
    "meetings.created": _l("Meeting created (§3.1)"),
    "meetings.updated": _l("Meeting details changed"),
    "meetings.status": _l("Meeting moved to another stage (planned, held, cancelled, minutes)"),
    "meetings.series_created": _l("Series of meetings created"),
    "meetings.agenda_added": _l("Agenda item added"),
    "meetings.agenda_removed": _l("Agenda item removed or moved to the backlog"),
    "meetings.proposal_accepted": _l("Agenda proposal of a key person accepted (§3.1)"),
    "meetings.backlog_taken": _l("Agenda item taken from the backlog"),
    "meetings.attendance": _l("Attendance recorded"),
    "meetings.minutes_saved": _l("Minutes saved"),
    "meetings.notes_saved": _l("Confidential notes of a meeting saved"),
    "meetings.action_added": _l("Action agreed at a meeting added"),
    "meetings.action_done": _l("Action marked as done or reopened"),
    "meetings.invited": _l("Network invited to a meeting"),
    "meetings.invitation_resent": _l("Invitation sent to a key person again"),
    "meetings.rsvp": _l("Key person answered an invitation"),
    "meetings.feed_created": _l("Personal calendar link created"),
    "meetings.feed_revoked": _l("Personal calendar link revoked"),
    "meetings.pool_refreshed": _l("Member organisations added to the pool of places"),
    "meetings.place_added": _l("Place added to the pool"),
    "meetings.place_active": _l("Place in the pool switched on or off"),
    "meetings.chair_mode": _l("Way of choosing the chair changed (§3.1)"),
}

KINDS = {
    "meetings": _l("Meetings"),
}

OBJECTS = {
    "meeting": _l("meeting"),
    "meeting_series": _l("series of meetings"),
    "meeting_location": _l("place"),
    "calendar_feed": _l("calendar link"),
}
