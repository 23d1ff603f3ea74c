"""Manifest of the home area: the start page (choose a municipality) and the tenant home."""
from flask_babel import lazy_gettext as _l

from ...platform.features import Feature, NavItem
from . import permissions as perms, routes

FEATURE = Feature.of(__package__, perms,
    blueprints=(routes.bp,),
    tenant_blueprints=(routes.tenant_bp,),
    nav=(NavItem("tenant.home.index", _l("Overview"), perms.VIEW_TENANT_HOME, "overview", 0),
         NavItem("home.index", _l("My municipalities"), None, "platform", 0, scope="platform")),
)
