"""Manifest of the network area (phase 1, Voorbereiding)."""
from flask_babel import lazy_gettext as _l

from ...platform.features import Feature, NavItem, Panel
from ...platform.policy import Permission
from . import cards, demo, routes

FEATURE = Feature(name="network", tenant_blueprints=(routes.bp,),
                  nav=(NavItem("tenant.network.index", _l("Networks"), Permission.VIEW_NETWORKS, "setup", 10),),
                  home_cards=(Panel("network/_home_card.html", Permission.VIEW_NETWORKS, 10, cards.home_card),),
                  demo_seeders=(demo.seed_demo_networks,))
