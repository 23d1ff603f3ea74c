"""Manifest of the network area (phase 1, Voorbereiding)."""
from flask_babel import lazy_gettext as _l

from ...platform.features import Feature, NavItem, Panel
from . import cards, demo, permissions as perms, routes, walker

FEATURE = Feature.of(__package__, perms,
    tenant_blueprints=(routes.bp,),
    nav=(NavItem("tenant.network.index", _l("Networks"), perms.VIEW_NETWORKS, "setup", 10),),
    home_cards=(Panel("network/_home_card.html", perms.VIEW_NETWORKS, 10, cards.home_card),),
    demo_seeders=(demo.seed_demo_networks,),
    arg_factories=walker.ARG_FACTORIES,
    arg_parents=walker.ARG_PARENTS,
)
