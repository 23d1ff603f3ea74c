"""Manifest of the platform administration area (provisioning municipalities, platform audit log)."""
from flask_babel import lazy_gettext as _l

from ...platform.features import Feature, NavItem
from ...platform.policy import Permission
from . import routes

FEATURE = Feature(
    name="admin",
    blueprints=(routes.bp,),
    nav=(NavItem("admin.tenants", _l("Municipalities"), Permission.MANAGE_TENANTS, "platform", 10, scope="platform"),
         NavItem("admin.audit", _l("Platform audit log"), Permission.VIEW_PLATFORM_AUDIT, "platform", 20,
                 scope="platform")),
)
