"""Manifest of the tenant audit log."""
from flask_babel import lazy_gettext as _l

from ...platform.features import Feature, NavItem
from . import permissions as perms, routes

FEATURE = Feature.of(__package__, perms,
    tenant_blueprints=(routes.bp,),
    nav=(NavItem("tenant.audit.index", _l("Audit log"), perms.VIEW_AUDIT_LOG, "admin", 50),),
)
