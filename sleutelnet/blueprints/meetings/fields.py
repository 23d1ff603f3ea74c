"""The meetings area's fields about a key person (§3.1–3.2), declared once (`platform.fields`): a meeting
(through its chair), agenda items and actions (through their owner or proposer) and attendance. What the
person wrote or was assigned is emptied by erasure; the meeting's own facts stay."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from ...platform.fields import fact, field
from . import choices
from .models import Action, AgendaItem, Attendance, Meeting


def _fact(model, column, label, kind="text", **kwargs):
    return fact(model, column, label, kind, **kwargs)


FIELDS = (
    _fact(Meeting, "kind", _l("Kind of meeting"), "choice", choices=choices.KINDS),
    _fact(Meeting, "title", _l("Title")),
    _fact(Meeting, "starts_at", _l("Starts at"), "datetime"),
    _fact(Meeting, "duration_minutes", _l("Duration (minutes)"), "number"),
    _fact(Meeting, "status", _l("Status"), "choice", choices=choices.STATUSES),
    _fact(Meeting, "cancel_reason", _l("Reason for cancelling")),
    _fact(Meeting, "chair_name", _l("Chair")),
    _fact(Meeting, "reminder_days", _l("Reminders (days before)")),
    _fact(Meeting, "summary", _l("Summary"), "longtext"),
    _fact(Meeting, "approved_at", _l("Minutes approved at"), "datetime"),
    _fact(AgendaItem, "title", _l("Title")),
    field(AgendaItem, "description", _l("Description"), "longtext"),
    _fact(AgendaItem, "duration_minutes", _l("Duration (minutes)"), "number"),
    _fact(AgendaItem, "position", _l("Position"), "number"),
    _fact(AgendaItem, "state", _l("State")),
    _fact(Attendance, "status", _l("Attendance"), "choice", choices=choices.ATTENDANCE),
    field(Attendance, "message", _l("Message"), "text"),
    _fact(Attendance, "responded_at", _l("Responded at"), "datetime"),
    _fact(Attendance, "invited_at", _l("Invited at"), "datetime"),
    _fact(Attendance, "token_version", _l("Version of the invitation link"), "number"),
    field(Action, "description", _l("Description"), "longtext"),
    _fact(Action, "due_on", _l("Due on"), "date"),
    _fact(Action, "done_on", _l("Done on"), "date"),
)
