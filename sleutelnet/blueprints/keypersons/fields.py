"""The register's fields, declared once (`platform.fields`): label, kind, choices, sensitivity, what erasure
does with them, and whether the register's import and export carry them.

Forms, the key-person page, the import mapping and export columns (transfer), the subject-access export
and erasure (privacy) read these declarations. Columns not declared here are technical (ids, foreign keys,
timestamps: `platform.fields.TECHNICAL`); `tests/platform/test_field_registry.py` fails on any other.

Erasure keeps ids, codes and dates that no longer point to anyone once the rest is gone, so that counts,
the pipeline, churn and recruitment statistics keep working.
"""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from ...platform.fields import Sensitivity, fact, field
from . import choices
from .models import (KeyPerson, KeyPersonAccess, KeyPersonExit, KeyPersonIntake, KeyPersonOrganisation, KeyPersonRole,
                     KeyPersonStatusChange, KeyPersonSuccessor)

ORDINARY, PERSONAL, CONFIDENTIAL, SPECIAL = (Sensitivity.ORDINARY, Sensitivity.PERSONAL, Sensitivity.CONFIDENTIAL,
                                             Sensitivity.SPECIAL_CATEGORY)
IO = {"importable": True, "exportable": True}


def _kp(column, label, kind="text", sensitivity=PERSONAL, erasure="blank", **kwargs):
    return field(KeyPerson, column, label, kind, sensitivity, erasure=erasure, **kwargs)


PERSON = (
    # identity and contact
    _kp("name", _l("Name"), erasure="anonymise", **IO),
    # the name folded for sorting (Dutch collation); erasure empties it and the anonymised name refills it
    _kp("sort_name", _l("Name for sorting")),
    _kp("email", _l("E-mail address"), "email", **IO),
    _kp("phone", _l("Telephone number"), "phone", **IO),
    _kp("preferred_contact", _l("Preferred way of contact"), "choice", choices=choices.CONTACT_CHANNELS, **IO),
    # position in the community
    _kp("neighbourhood_id", _l("Neighbourhood"), "reference", erasure="keep", **IO),
    _kp("constituency", _l("Constituency (achterban)"), "longtext", **IO),
    _kp("known_to_municipality", _l("Known to the municipality"), "bool", **IO),
    _kp("languages", _l("Languages"), **IO),
    # selection (§2.1) and agreements (§2.3)
    _kp("motivation", _l("Motivation"), "longtext", **IO),
    _kp("civic_activities", _l("Earlier civic activities"), "longtext", **IO),
    _kp("availability", _l("Availability"), **IO),
    _kp("reciprocity", _l("Reciprocity agreed (tegenprestatie)"), "longtext", **IO),
    _kp("expectations_discussed_on", _l("Mutual expectations discussed on"), "date", erasure="keep"),
    _kp("expectations_discussed_by_id", _l("Discussed by"), "reference", erasure="keep"),
    _kp("expectations_note", _l("What was agreed about expectations"), "longtext"),
    _kp("agreements_confirmed", _l("Agreements confirmed"), "bool", erasure="keep"),
    _kp("agreements_confirmed_on", _l("Agreements confirmed on"), "date", erasure="keep"),
    _kp("core_group", _l("Member of the core group (kerngroep)"), "bool", erasure="keep", **IO),
    # diversity (§2.2)
    _kp("age_group", _l("Age group"), "choice", choices=choices.AGE_GROUPS, **IO),
    _kp("helping_profession", _l("Helping profession"), "choice", choices=choices.HELPING_PROFESSION, **IO),
    _kp("education", _l("Education"), "choice", choices=choices.EDUCATION, **IO),
    # AVG art. 9: encrypted, only with a current consent in the consent register, never imported;
    # exported only on explicit request by those who may see it, and only for persons who consented
    _kp("migration_background", _l("Migration background"), "choice", SPECIAL, choices=choices.MIGRATION_BACKGROUND,
        consent=choices.SPECIAL_CATEGORY_CONSENT, exportable=True),
    # recruitment (§2.1)
    _kp("recruitment_channel", _l("Recruited through"), "choice", erasure="keep",
        choices=choices.RECRUITMENT_CHANNELS, **IO),
    _kp("referred_by_id", _l("Referred by"), "reference", erasure="keep", **IO),
    # free text that may hold sensitive observations: encrypted, never in lists
    _kp("notes", _l("Notes"), "longtext", CONFIDENTIAL, **IO),
    # the pipeline (not about the person as such: kept by erasure)
    _kp("status", _l("Status"), "choice", ORDINARY, erasure="keep", choices=choices.STATUSES, **IO),
    _kp("status_since", _l("Status since"), "date", ORDINARY, erasure="keep", **IO),
)

RELATED = (
    field(KeyPersonRole, "role", _l("Role"), "choice", erasure="keep", choices=choices.ROLES),
    field(KeyPersonOrganisation, "organisation_id", _l("Organisation"), "reference", erasure="delete"),
    fact(KeyPersonStatusChange, "changed_on", _l("Date"), "date"),
    fact(KeyPersonStatusChange, "from_status", _l("From"), "choice",
          choices=choices.STATUSES),
    fact(KeyPersonStatusChange, "to_status", _l("To"), "choice", choices=choices.STATUSES),
    fact(KeyPersonStatusChange, "reason_code", _l("Reason"), "choice",
          choices={**choices.EXIT_REASONS, **choices.STATUS_CHANGE_REASONS}),
    field(KeyPersonStatusChange, "reason", _l("Reason or note"), "text"),
    fact(KeyPersonIntake, "held_on", _l("Date"), "date"),
    field(KeyPersonIntake, "motivation_assessment", _l("Assessment of the motivation"), "choice",
          choices=choices.MOTIVATION_ASSESSMENTS),
    fact(KeyPersonIntake, "expectations_discussed", _l("Expectations discussed"), "bool"),
    field(KeyPersonIntake, "notes", _l("Notes"), "longtext", CONFIDENTIAL),
    fact(KeyPersonExit, "exited_on", _l("Left on"), "date"),
    # the coded reason for leaving (§3.3) stays for the churn statistics; the free texts go
    field(KeyPersonExit, "reason", _l("Reason for leaving"), "choice", erasure="keep", choices=choices.EXIT_REASONS),
    field(KeyPersonExit, "reason_other", _l("Other reason")),
    fact(KeyPersonExit, "interview_held", _l("Exit interview held"), "bool"),
    fact(KeyPersonExit, "interview_on", _l("Exit interview on"), "date"),
    field(KeyPersonExit, "interview_notes", _l("Notes of the exit interview"), "longtext", CONFIDENTIAL),
    # a third person's name and a hint how to reach them
    field(KeyPersonSuccessor, "name", _l("Name of the suggested successor"), erasure="anonymise"),
    field(KeyPersonSuccessor, "note", _l("Note")),
    fact(KeyPersonAccess, "at", _l("Time"), "datetime"),
    fact(KeyPersonAccess, "action", _l("What"), "choice",
          choices={"view": _l("viewed"), "edit": _l("changed"), "export": _l("exported")}),
)

FIELDS = PERSON + RELATED
