"""The disruptor assessment's fields (§2.2), declared once (`platform.fields`): opinions about a person,
encrypted and confidential; erasure deletes the assessments (the manifest's `PersonalData`)."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from ...platform.fields import Sensitivity, field
from . import choices
from .models import DisruptorAssessment

CONFIDENTIAL = Sensitivity.CONFIDENTIAL
NOTES = {"ties": _l("Notes on ties to a controversial organisation"),
         "status": _l("Notes on taking part for status"),
         "interest": _l("Notes on own or organisational interests")}

FIELDS = (
    field(DisruptorAssessment, "version", _l("Version"), "number", Sensitivity.ORDINARY, erasure="delete"),
    field(DisruptorAssessment, "assessed_on", _l("Assessed on"), "date", Sensitivity.ORDINARY, erasure="delete"),
    *(spec for risk in choices.RISKS for spec in (
        field(DisruptorAssessment, f"{risk}_level", choices.RISKS[risk][0], "choice", CONFIDENTIAL, erasure="delete",
              choices=choices.LEVELS),
        field(DisruptorAssessment, f"{risk}_notes", NOTES[risk], "longtext", CONFIDENTIAL, erasure="delete"))),
    field(DisruptorAssessment, "overall_note", _l("Overall note"), "longtext", CONFIDENTIAL, erasure="delete"),
)
