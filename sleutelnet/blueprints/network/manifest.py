"""Manifest of the network area (phase 1, Voorbereiding)."""
from flask_babel import lazy_gettext as _l

from ...platform.features import Feature, NavItem
from . import demo, permissions as perms, routes, walker

FEATURE = Feature(
    name="network",
    permissions=perms.ALL,
    grants=perms.GRANTS,
    tenant_blueprints=(routes.bp,),
    nav=(NavItem("tenant.network.index", _l("Networks"), perms.VIEW_NETWORKS, "setup", 10),),
    demo_seeders=(demo.seed_demo_networks,),
    arg_factories=walker.ARG_FACTORIES,
    arg_parents=walker.ARG_PARENTS,
)
