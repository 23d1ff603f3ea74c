"""Manifest of network health (§3.3): quiet/overloaded key persons, churn, officials, the health score."""
from flask_babel import lazy_gettext as _l

from ...platform.features import Feature, Indicator, NavItem, Panel
from ...platform.policy import Role
from . import home, indicators, routes, walker
from .permissions import MANAGE_HEALTH, VIEW_ENGAGEMENT, VIEW_NETWORK_HEALTH

FEATURE = Feature(
    name="health",
    tenant_blueprints=(routes.bp,),
    nav=(NavItem("tenant.health.index", _l("Network health"), VIEW_NETWORK_HEALTH, "execution", 50),),
    permissions=(VIEW_ENGAGEMENT, MANAGE_HEALTH, VIEW_NETWORK_HEALTH),
    grants={Role.COORDINATOR: {VIEW_ENGAGEMENT, MANAGE_HEALTH, VIEW_NETWORK_HEALTH},
            # officials: engagement only for the networks they are linked to (services.visible_networks)
            Role.OFFICIAL: {VIEW_ENGAGEMENT, VIEW_NETWORK_HEALTH},
            Role.VIEWER: {VIEW_NETWORK_HEALTH}},
    home_cards=(Panel("health/_home_card.html", VIEW_NETWORK_HEALTH, 20, home.home_context),),
    indicators=(Indicator("health.network_health_score", _l("Network health: indicators in order"),
                          indicators.network_health_score, unit="%"),
                Indicator("health.quiet_share", _l("Share of quiet key persons"), indicators.quiet_share, unit="%")),
    arg_factories={"task_id": walker.task_id},
    doc="Engagement health per key person, churn, officials warning and handover, the network health score.",
    audit_actions={
        "health.thresholds_saved": _l("Thresholds for quiet and overloaded saved (§3.3)"),
        "health.handover_done": _l("Handover task marked as done"),
    },
    audit_kinds={
        "health": _l("Network health"),
    },
    audit_objects={
        "health_settings": _l("health settings"),
        "handover_task": _l("handover task"),
    },
)
