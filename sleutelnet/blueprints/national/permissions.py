"""Permissions of the national benchmarks (ALL, and GRANTS per role: the manifest's `access`)."""
from ...platform.policy import Permission, Role

# tenant side: the comparison page and its CSV (aggregates only) / opt-in per indicator and notes
VIEW_BENCHMARKS = Permission("view_benchmarks")
MANAGE_BENCHMARKS = Permission("manage_benchmarks")
# ESS side (platform role ess_advisor): the national and regional picture, CSV / the quarterly report
VIEW_NATIONAL = Permission("view_national_benchmarks")
MANAGE_NATIONAL_REPORTS = Permission("manage_national_reports")

ALL = (VIEW_BENCHMARKS, MANAGE_BENCHMARKS, VIEW_NATIONAL, MANAGE_NATIONAL_REPORTS)
GRANTS = {
    Role.COORDINATOR: {VIEW_BENCHMARKS, MANAGE_BENCHMARKS},
    # aggregates only: no names, no personal data
    Role.OFFICIAL: {VIEW_BENCHMARKS},
    Role.VIEWER: {VIEW_BENCHMARKS},
    Role.ESS_ADVISOR: {VIEW_NATIONAL, MANAGE_NATIONAL_REPORTS},
}
