"""Manifest of network health (§3.3): quiet/overloaded key persons, churn, officials, the health score."""
from flask_babel import lazy_gettext as _l

from ...platform.features import Feature, Indicator, NavItem, Panel
from . import home, indicators, permissions as perms, routes, walker
from .permissions import VIEW_NETWORK_HEALTH

FEATURE = Feature.of(__package__, perms,
    tenant_blueprints=(routes.bp,),
    nav=(NavItem("tenant.health.index", _l("Network health"), VIEW_NETWORK_HEALTH, "execution", 50),),
    home_cards=(Panel("health/_home_card.html", VIEW_NETWORK_HEALTH, 20, home.home_context),),
    indicators=(Indicator("health.network_health_score", _l("Network health: indicators in order"),
                          indicators.network_health_score, unit="%"),
                Indicator("health.quiet_share", _l("Share of quiet key persons"), indicators.quiet_share, unit="%")),
    arg_factories={"task_id": walker.task_id},
    doc="Engagement health per key person, churn, officials warning and handover, the network health score.",
)
