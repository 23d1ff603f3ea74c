"""Manifest of the team area (members, invitations, roles)."""
from flask_babel import lazy_gettext as _l

from ...platform.features import Feature, NavItem
from . import permissions as perms, routes, walker

FEATURE = Feature.of(__package__, perms,
    tenant_blueprints=(routes.bp,),
    nav=(NavItem("tenant.team.index", _l("Team"), perms.VIEW_TEAM, "admin", 40),),
    arg_factories=walker.ARG_FACTORIES,
)
