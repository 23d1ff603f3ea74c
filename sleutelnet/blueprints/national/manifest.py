"""Manifest of the national ESS layer: benchmarks with peer comparison (issue 8, points 1–4, 7, 8)."""
from flask_babel import lazy_gettext as _l

from ...platform.features import Feature, NavItem, ScheduledJob
from ...platform.policy import Role
from . import demo, ess_routes, indicators, jobs, routes
from .permissions import MANAGE_BENCHMARKS, MANAGE_NATIONAL_REPORTS, VIEW_BENCHMARKS, VIEW_NATIONAL

FEATURE = Feature(
    name="national",
    blueprints=(ess_routes.bp,),
    tenant_blueprints=(routes.bp,),
    nav=(
        NavItem("tenant.benchmarks.index", _l("Comparison with other municipalities"), VIEW_BENCHMARKS, "national", 10),
        NavItem("tenant.benchmarks.settings", _l("Benchmark settings"), MANAGE_BENCHMARKS, "national", 20),
        NavItem("national.overview", _l("National picture"), VIEW_NATIONAL, "national", 10, scope="platform"),
        NavItem("national.regional", _l("Regional picture"), VIEW_NATIONAL, "national", 20, scope="platform"),
        NavItem("national.trends", _l("Trends per quarter"), VIEW_NATIONAL, "national", 30, scope="platform"),
        NavItem("national.reports", _l("Quarterly reports"), VIEW_NATIONAL, "national", 40, scope="platform"),
    ),
    permissions=(VIEW_BENCHMARKS, MANAGE_BENCHMARKS, VIEW_NATIONAL, MANAGE_NATIONAL_REPORTS),
    grants={
        Role.COORDINATOR: {VIEW_BENCHMARKS, MANAGE_BENCHMARKS},
        # aggregates only: no names, no personal data
        Role.OFFICIAL: {VIEW_BENCHMARKS},
        Role.VIEWER: {VIEW_BENCHMARKS},
        Role.ESS_ADVISOR: {VIEW_NATIONAL, MANAGE_NATIONAL_REPORTS},
    },
    jobs=(ScheduledJob(jobs.scheduled, "default", "national-benchmarks", cron="30 2 * * *"),),
    queues=("default", "reports"),
    indicators=indicators.INDICATORS,
    demo_seeders=(demo.seed,),
    doc="National benchmarks: per-municipality indicator jobs, national aggregation with disclosure control, "
        "the coordinator's comparison page and the ESS pages.",
    audit_actions={
        "national.report_requested": _l("National quarterly report requested"),
        "benchmarks.opt_in": _l("Indicator shared with the national benchmarks"),
        "benchmarks.opt_out": _l("Indicator no longer shared with the national benchmarks"),
        "benchmarks.note_saved": _l("Note with an indicator saved"),
        "benchmarks.note_removed": _l("Note with an indicator removed"),
    },
    audit_kinds={
        "national": _l("National picture"),
        "benchmarks": _l("National benchmarks"),
    },
    audit_objects={
        "national_report": _l("national report"),
        "indicator": _l("indicator"),
    },
)
