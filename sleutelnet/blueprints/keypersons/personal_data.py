"""The register's tables about a key person, as sections of the subject-access export and erasure steps
(listed in the manifest; the privacy area reads them, see `platform.features.PersonalData`)."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from ...platform.extensions import db
from ...platform.features import PersonalData
from .models import (KeyPersonAccess, KeyPersonExit, KeyPersonIntake, KeyPersonOrganisation, KeyPersonRole,
                     KeyPersonStatusChange, KeyPersonSuccessor)


def _successors_suggested_by(model, person_id):
    exits = db.select(KeyPersonExit.id).where(KeyPersonExit.person_id == person_id)
    return model.exit_id.in_(exits.scalar_subquery())


SECTIONS = (
    PersonalData("roles", _l("Roles"), KeyPersonRole, order_by=("role",), order=10),
    PersonalData("organisations", _l("Organisations represented"), KeyPersonOrganisation, order_by=("id",),
                 erasure="delete", order=20),
    PersonalData("status_changes", _l("Status history"), KeyPersonStatusChange, order_by=("changed_on", "id"),
                 order=30),
    PersonalData("intakes", _l("Intake conversations"), KeyPersonIntake, order_by=("held_on", "id"), order=40),
    # the coded reason for leaving (§3.3) stays for the churn statistics; the free texts go
    PersonalData("exits", _l("Leaving the network"), KeyPersonExit, order_by=("exited_on", "id"),
                 keep=frozenset({"reason"}), order=50),
    PersonalData("successors", _l("Successors suggested by this person"), KeyPersonSuccessor,
                 where=_successors_suggested_by, order_by=("id",), order=60),
    # erasure handles this one itself: the row keeps a pointer to the anonymised name, not a blank
    PersonalData("suggested_as_successor", _l("Suggested as a successor by someone who left"), KeyPersonSuccessor,
                 person_column="lead_id", order_by=("id",), erasure="keep", order=70),
    PersonalData("access_log", _l("Who viewed or changed the record"), KeyPersonAccess, order_by=("at", "id"),
                 order=200),
)
