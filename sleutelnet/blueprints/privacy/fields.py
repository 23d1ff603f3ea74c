"""The privacy area's fields about a key person, declared once (`platform.fields`): the consent register,
subject-access requests and erasures. Erasure keeps them as evidence (purpose, basis, dates) and empties
only the free-text note of a consent."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from ...platform.fields import Sensitivity, fact, field
from . import choices
from .models import ConsentRecord, Erasure, ExportRequest


def _evidence(model, column, label, kind="text", **kwargs):
    """A fact about how the person's data were handled: no data about the person, kept by erasure."""
    return fact(model, column, label, kind, **kwargs)


FIELDS = (
    _evidence(ConsentRecord, "scope", _l("Purpose"), "choice", choices=choices.CONSENT_SCOPES),
    _evidence(ConsentRecord, "basis", _l("Lawful basis"), "choice", choices=choices.LEGAL_BASES),
    _evidence(ConsentRecord, "given_on", _l("Given on"), "date"),
    _evidence(ConsentRecord, "text_version", _l("Version of the consent text")),
    _evidence(ConsentRecord, "obtained_via", _l("Obtained"), "choice", choices=choices.CONSENT_ORIGINS),
    # free text may mention what exactly was agreed: encrypted, cleared on erasure
    field(ConsentRecord, "note", _l("Note"), "longtext", Sensitivity.CONFIDENTIAL),
    _evidence(ConsentRecord, "recorded_at", _l("Recorded at"), "datetime"),
    _evidence(ConsentRecord, "ended_on", _l("Ended on"), "date"),
    _evidence(ConsentRecord, "end_reason", _l("How it ended"), "choice", choices=choices.CONSENT_END_REASONS),
    _evidence(ConsentRecord, "ended_via", _l("Withdrawn"), "choice", choices=choices.CONSENT_ORIGINS),
    _evidence(ConsentRecord, "ended_at", _l("End recorded at"), "datetime"),
    _evidence(ExportRequest, "file_token", _l("File reference")),
    _evidence(ExportRequest, "status", _l("Status"), "choice", choices=choices.EXPORT_STATUSES),
    _evidence(ExportRequest, "requested_at", _l("Requested at"), "datetime"),
    _evidence(ExportRequest, "completed_at", _l("Ready at"), "datetime"),
    _evidence(ExportRequest, "files_removed_at", _l("Files removed at"), "datetime"),
    _evidence(ExportRequest, "json_size", _l("Size of the JSON file (bytes)"), "number"),
    _evidence(ExportRequest, "pdf_size", _l("Size of the PDF file (bytes)"), "number"),
    _evidence(ExportRequest, "attempts", _l("Attempts"), "number"),
    _evidence(ExportRequest, "error", _l("Error")),
    _evidence(Erasure, "reason", _l("Reason"), "choice", choices=choices.ERASURE_REASONS),
    _evidence(Erasure, "erased_at", _l("Erased at"), "datetime"),
)
