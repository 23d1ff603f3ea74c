"""Manifest of the team area (members, invitations, roles)."""
from flask_babel import lazy_gettext as _l

from ...platform.features import Feature, NavItem
from ...platform.policy import Permission
from . import routes, walker

FEATURE = Feature(name="team", tenant_blueprints=(routes.bp,), arg_factories=walker.ARG_FACTORIES,
                  nav=(NavItem("tenant.team.index", _l("Team"), Permission.VIEW_TEAM, "admin", 40),))
