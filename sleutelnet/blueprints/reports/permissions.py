"""Permissions of council reports (raadsinformatiebrief): aggregates only, so administrators may read them."""
from ...platform.policy import Permission, Role

VIEW_REPORTS = Permission("view_council_reports")
GENERATE_REPORTS = Permission("generate_council_reports")

ALL = (VIEW_REPORTS, GENERATE_REPORTS)
# aggregates only: administrators (bestuurders) read and download them
GRANTS = {Role.COORDINATOR: {VIEW_REPORTS, GENERATE_REPORTS}, Role.OFFICIAL: {VIEW_REPORTS, GENERATE_REPORTS},
          Role.VIEWER: {VIEW_REPORTS}}
