"""The fields of a signal (§3.1), declared once (`platform.fields`). A signal is about its source when a key
person gave it: its encrypted description is confidential and emptied by erasure; codes and dates stay
for the counts."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from ...platform.fields import Sensitivity, fact, field
from . import choices
from .models import Signal


def _fact(column, label, kind="date", **kwargs):
    return fact(Signal, column, label, kind, **kwargs)


FIELDS = (
    _fact("reported_on", _l("Reported on")),
    _fact("source_kind", _l("Source"), "choice", choices=choices.SOURCES),
    _fact("topic", _l("Topic"), "choice", choices=choices.TOPICS),
    _fact("urgency", _l("Urgency"), "choice", choices=choices.URGENCIES),
    _fact("sensitivity", _l("Sensitivity"), "choice", choices=choices.SENSITIVITIES),
    field(Signal, "description", _l("Description"), "longtext", Sensitivity.CONFIDENTIAL),
    _fact("status", _l("Status"), "choice", choices=choices.STATUSES),
    _fact("status_since", _l("Status since")),
    _fact("follow_up_due_on", _l("Follow up by")),
    _fact("handled_on", _l("Handled on")),
    _fact("forwarded_to", _l("Forwarded to"), "choice", choices=choices.PARTNERS),
    _fact("closed_on", _l("Closed on")),
    _fact("purged_at", _l("Text removed at"), "datetime"),
)
