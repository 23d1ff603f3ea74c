"""Manifest of council reports (raadsinformatiebrief, §3.4): a PDF per network and period made by a worker."""
from flask_babel import lazy_gettext as _l

from ...platform.features import Feature, NavItem
from . import demo, permissions as perms, routes, walker
from .permissions import VIEW_REPORTS

FEATURE = Feature.of(__package__, perms,
    tenant_blueprints=(routes.bp,),
    nav=(NavItem("tenant.reports.index", _l("Council reports"), VIEW_REPORTS, "execution", 70),),
    queues=("reports",),
    demo_seeders=(demo.seed_demo_reports,),
    arg_factories={"report_id": walker.report_id},
    doc="Council information letter as a tagged PDF from a frozen, disclosure-controlled snapshot.",
)
