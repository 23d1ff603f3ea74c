"""Manifest of the tenant audit log."""
from flask_babel import lazy_gettext as _l

from ...platform.features import Feature, NavItem
from ...platform.policy import Permission
from . import routes

FEATURE = Feature(name="audit", tenant_blueprints=(routes.bp,),
                  nav=(NavItem("tenant.audit.index", _l("Audit log"), Permission.VIEW_AUDIT_LOG, "admin", 50),))
