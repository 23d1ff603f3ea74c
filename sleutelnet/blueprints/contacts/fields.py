"""The fields of a contact moment (§3.1), declared once (`platform.fields`). A contact is about every key
person who took part: its encrypted note and follow-up are confidential and emptied by erasure."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from ...platform.fields import Sensitivity, fact, field
from . import choices
from .models import Contact

CONFIDENTIAL = Sensitivity.CONFIDENTIAL

FIELDS = (
    fact(Contact, "contacted_on", _l("Date"), "date"),
    fact(Contact, "channel", _l("How"), "choice", choices=choices.CHANNELS),
    fact(Contact, "topics", _l("Topics"), "multi", choices=choices.TOPICS),
    field(Contact, "note", _l("Note"), "longtext", CONFIDENTIAL),
    field(Contact, "follow_up", _l("Follow-up action"), "longtext", CONFIDENTIAL),
    fact(Contact, "follow_up_due", _l("Follow up by"), "date"),
    fact(Contact, "follow_up_done_on", _l("Follow-up done on"), "date"),
)
