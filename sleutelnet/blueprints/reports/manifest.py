"""Manifest of council reports (raadsinformatiebrief, §3.4): a PDF per network and period made by a worker."""
from flask_babel import lazy_gettext as _l

from ...platform.features import Feature, NavItem
from ...platform.policy import Role
from . import demo, routes, walker
from .permissions import GENERATE_REPORTS, VIEW_REPORTS

FEATURE = Feature(
    name="reports",
    tenant_blueprints=(routes.bp,),
    nav=(NavItem("tenant.reports.index", _l("Council reports"), VIEW_REPORTS, "execution", 70),),
    permissions=(VIEW_REPORTS, GENERATE_REPORTS),
    # aggregates only: administrators (bestuurders) read and download them
    grants={Role.COORDINATOR: {VIEW_REPORTS, GENERATE_REPORTS}, Role.OFFICIAL: {VIEW_REPORTS, GENERATE_REPORTS},
            Role.VIEWER: {VIEW_REPORTS}},
    queues=("reports",),
    demo_seeders=(demo.seed_demo_reports,),
    arg_factories={"report_id": walker.report_id},
    doc="Council information letter as a tagged PDF from a frozen, disclosure-controlled snapshot.",
    audit_actions={
        "reports.requested": _l("Council report requested (§3.4)"),
        "reports.generated": _l("Council report made"),
        "reports.failed": _l("Making a council report failed"),
        "reports.downloaded": _l("Council report downloaded"),
    },
    audit_kinds={
        "reports": _l("Council reports"),
    },
    audit_objects={
        "council_report": _l("council report"),
    },
)
