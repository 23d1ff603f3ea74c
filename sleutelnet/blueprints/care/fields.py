"""The care area's fields about a key person (§3.1–3.2), declared once (`platform.fields`): appreciation,
training enrolments, buddy and mentor pairs and their check-ins. Free texts are encrypted and
confidential; codes and dates stay after erasure (a log of care, never a score)."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from ...platform.fields import Sensitivity, fact as _fact, field
from . import choices
from .models import Appreciation, Enrolment, Pair, PairCheckIn

PERSONAL, CONFIDENTIAL = Sensitivity.PERSONAL, Sensitivity.CONFIDENTIAL


FIELDS = (
    _fact(Appreciation, "kind", _l("Kind of appreciation"), "choice", choices=choices.APPRECIATION_KINDS),
    _fact(Appreciation, "given_on", _l("Given on")),
    _fact(Appreciation, "given_by", _l("Given by"), "text"),
    field(Appreciation, "note", _l("Note"), "longtext", CONFIDENTIAL),
    _fact(Enrolment, "status", _l("Status"), "choice", choices=choices.ENROLMENT_STATUSES),
    _fact(Enrolment, "attended_on", _l("Attended on")),
    _fact(Enrolment, "expires_on", _l("Valid until")),
    _fact(Enrolment, "invited_on", _l("Invited on")),
    _fact(Pair, "kind", _l("Kind of pair"), "choice", choices=choices.PAIR_KINDS),
    # a professional mentor's name: not about the key person, kept
    field(Pair, "professional_name", _l("Professional mentor"), "text", PERSONAL, erasure="keep"),
    field(Pair, "goal", _l("Goal"), "longtext", CONFIDENTIAL),
    _fact(Pair, "starts_on", _l("Starts on")),
    _fact(Pair, "planned_end_on", _l("Planned end")),
    _fact(Pair, "status", _l("Status"), "choice", choices=choices.PAIR_STATUSES),
    _fact(Pair, "activated_on", _l("Activated on")),
    _fact(Pair, "ended_on", _l("Ended on")),
    _fact(Pair, "end_reason", _l("How it ended"), "choice", choices=choices.PAIR_END_REASONS),
    _fact(Pair, "last_contact_on", _l("Last conversation")),
    _fact(PairCheckIn, "code", _l("Check-in"), "choice", choices=choices.CHECKINS),
    _fact(PairCheckIn, "due_on", _l("Due on")),
    _fact(PairCheckIn, "spoke_on", _l("Spoke on")),
    _fact(PairCheckIn, "recorded_via", _l("Recorded via"), "text"),
)
