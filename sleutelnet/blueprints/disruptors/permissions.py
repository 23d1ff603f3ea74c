"""Permissions of the disruptors area. The assessment of potential disruptors (§2.2): coordinators only. GRANTS: who holds them per role."""
from ...platform.policy import Permission, Role

ASSESS_DISRUPTORS = Permission("assess_disruptors")  # read and record assessments

ALL = (ASSESS_DISRUPTORS,)
GRANTS = {
    Role.COORDINATOR: {ASSESS_DISRUPTORS},
}
