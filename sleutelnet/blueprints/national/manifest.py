"""Manifest of the national ESS layer: benchmarks with peer comparison (issue 8, points 1–4, 7, 8)."""
from flask_babel import lazy_gettext as _l

from ...platform.features import Feature, NavItem, ScheduledJob
from . import demo, ess_routes, indicators, jobs, permissions as perms, routes
from .permissions import MANAGE_BENCHMARKS, VIEW_BENCHMARKS, VIEW_NATIONAL

FEATURE = Feature.of(__package__, perms,
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
    jobs=(ScheduledJob(jobs.scheduled, "default", "national-benchmarks", cron="30 2 * * *"),),
    queues=("default", "reports"),
    indicators=indicators.INDICATORS,
    demo_seeders=(demo.seed,),
    doc="National benchmarks: per-municipality indicator jobs, national aggregation with disclosure control, "
        "the coordinator's comparison page and the ESS pages.",
)
