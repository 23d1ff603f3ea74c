"""Permissions of council reports (raadsinformatiebrief): aggregates only, so administrators may read them."""
from ...platform.policy import Permission

VIEW_REPORTS = Permission("view_council_reports")
GENERATE_REPORTS = Permission("generate_council_reports")
