"""Readable (Dutch through the catalog) names and values for the columns that appear in an export.

The field registry (`platform.fields`, each area's `fields`) names every declared column and its coded
options; that wins. The labels here are for the technical columns (ids, references, timestamps) and for
tables found by the inventory that no area declared. A column without any label is still exported, under
its technical name: completeness first.
"""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from ...platform import fields
from ...platform.features import collect

from ..keypersons import choices as kp
from . import choices

# column name -> label; (table, column) entries win over plain column names
COLUMN_LABELS = {
    "id": _l("Number"),
    "person_id": _l("Key person number"),
    "network_id": _l("Network"),
    "name": _l("Name"),
    "email": _l("E-mail address"),
    "phone": _l("Telephone number"),
    "preferred_contact": _l("Preferred way of contact"),
    "neighbourhood_id": _l("Neighbourhood"),
    "constituency": _l("Constituency (achterban)"),
    "known_to_municipality": _l("Known to the municipality"),
    "languages": _l("Languages"),
    "motivation": _l("Motivation"),
    "civic_activities": _l("Earlier civic activities"),
    "availability": _l("Availability"),
    "reciprocity": _l("Reciprocity agreed (tegenprestatie)"),
    "expectations_discussed_on": _l("Mutual expectations discussed on"),
    "expectations_discussed_by_id": _l("Discussed by"),
    "expectations_note": _l("What was agreed about expectations"),
    "agreements_confirmed": _l("Agreements confirmed"),
    "agreements_confirmed_on": _l("Agreements confirmed on"),
    "core_group": _l("Member of the core group (kerngroep)"),
    "age_group": _l("Age group"),
    "helping_profession": _l("Helping profession"),
    "education": _l("Education"),
    "migration_background": _l("Migration background"),
    "migration_background_consent": _l("Explicit consent for the migration background"),
    "migration_background_consent_on": _l("Consent for the migration background given on"),
    "recruitment_channel": _l("Recruited through"),
    "referred_by_id": _l("Referred by (key person number)"),
    "notes": _l("Notes"),
    "status": _l("Status"),
    "status_since": _l("Status since"),
    "created_at": _l("Recorded at"),
    "created_by_id": _l("Recorded by"),
    "updated_at": _l("Last changed at"),
    "role": _l("Role"),
    "organisation_id": _l("Organisation"),
    "changed_on": _l("Date"),
    "changed_by_id": _l("Changed by"),
    "from_status": _l("From"),
    "to_status": _l("To"),
    "reason": _l("Reason or note"),
    "reason_code": _l("Reason"),
    "held_on": _l("Date"),
    "held_by_id": _l("Held by"),
    "motivation_assessment": _l("Assessment of the motivation"),
    "expectations_discussed": _l("Expectations discussed"),
    "recorded_by_id": _l("Recorded by"),
    "exited_on": _l("Left on"),
    "reason_other": _l("Other reason"),
    "interview_held": _l("Exit interview held"),
    "interview_on": _l("Exit interview on"),
    "interview_notes": _l("Notes of the exit interview"),
    "exit_id": _l("Leaving (number)"),
    "note": _l("Note"),
    "lead_id": _l("Added as candidate (key person number)"),
    "user_id": _l("Who"),
    "at": _l("Time"),
    "action": _l("What"),
    ("key_person_exits", "reason"): _l("Reason for leaving"),
    ("key_person_successors", "name"): _l("Name of the suggested successor"),
    # consent register
    "scope": _l("Purpose"),
    "basis": _l("Lawful basis"),
    "given_on": _l("Given on"),
    "text_version": _l("Version of the consent text"),
    "obtained_via": _l("Obtained"),
    "recorded_at": _l("Recorded at"),
    "ended_on": _l("Ended on"),
    "end_reason": _l("How it ended"),
    "ended_via": _l("Withdrawn"),
    "ended_by_id": _l("End recorded by"),
    "ended_at": _l("End recorded at"),
    # export requests, erasures
    "file_token": _l("File reference"),
    "requested_by_id": _l("Requested by"),
    "requested_at": _l("Requested at"),
    "completed_at": _l("Ready at"),
    "files_removed_at": _l("Files removed at"),
    "json_size": _l("Size of the JSON file (bytes)"),
    "pdf_size": _l("Size of the PDF file (bytes)"),
    "attempts": _l("Attempts"),
    "error": _l("Error"),
    "erased_at": _l("Erased at"),
    "erased_by_id": _l("Erased by"),
    ("privacy_erasures", "reason"): _l("Reason"),
}

ACCESS_ACTIONS = {"view": _l("viewed"), "edit": _l("changed"), "export": _l("exported")}

# column name -> code options; (table, column) entries win
CODED = {
    "preferred_contact": kp.CONTACT_CHANNELS,
    "age_group": kp.AGE_GROUPS,
    "helping_profession": kp.HELPING_PROFESSION,
    "education": kp.EDUCATION,
    "migration_background": kp.MIGRATION_BACKGROUND,
    "recruitment_channel": kp.RECRUITMENT_CHANNELS,
    "status": kp.STATUSES,
    "from_status": kp.STATUSES,
    "to_status": kp.STATUSES,
    "role": kp.ROLES,
    "motivation_assessment": kp.MOTIVATION_ASSESSMENTS,
    ("key_person_exits", "reason"): kp.EXIT_REASONS,
    # the status history's coded reason: a reason for leaving, or one of the register's own reasons
    ("key_person_status_changes", "reason_code"): {**kp.EXIT_REASONS, **getattr(kp, "STATUS_CHANGE_REASONS", {})},
    "scope": choices.CONSENT_SCOPES,
    "basis": choices.LEGAL_BASES,
    "obtained_via": choices.CONSENT_ORIGINS,
    "ended_via": choices.CONSENT_ORIGINS,
    "end_reason": choices.CONSENT_END_REASONS,
    ("privacy_export_requests", "status"): choices.EXPORT_STATUSES,
    ("privacy_erasures", "reason"): choices.ERASURE_REASONS,
    ("key_person_access_log", "action"): ACCESS_ACTIONS,
}


def _declared(attr: str, table: str, column: str):
    """What an area's `PersonalData` declaration says about one of its columns (labels or coded)."""
    for section in collect("personal_data"):
        if section.model.__tablename__ == table and column in getattr(section, attr):
            return getattr(section, attr)[column]
    return None


def column_label(table: str, column: str) -> str:
    spec = fields.registry().get((table, column))
    if spec is not None:
        return str(spec.label)
    found = _declared("labels", table, column) or COLUMN_LABELS.get((table, column)) or COLUMN_LABELS.get(column)
    return str(found) if found is not None else column.replace("_", " ")


def coded_options(table: str, column: str) -> dict | None:
    spec = fields.registry().get((table, column))
    if spec is not None and spec.kind != "choice":
        return None
    if spec is not None and spec.choices:
        return spec.choices
    return _declared("coded", table, column) or CODED.get((table, column)) or CODED.get(column)
