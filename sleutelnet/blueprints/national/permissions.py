"""Permissions of the national benchmarks (granted in manifest.py)."""
from ...platform.policy import Permission

# tenant side: the comparison page and its CSV (aggregates only) / opt-in per indicator and notes
VIEW_BENCHMARKS = Permission("view_benchmarks")
MANAGE_BENCHMARKS = Permission("manage_benchmarks")
# ESS side (platform role ess_advisor): the national and regional picture, CSV / the quarterly report
VIEW_NATIONAL = Permission("view_national_benchmarks")
MANAGE_NATIONAL_REPORTS = Permission("manage_national_reports")
