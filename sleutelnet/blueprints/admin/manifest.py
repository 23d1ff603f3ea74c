"""Manifest of the platform administration area (provisioning municipalities, platform audit log)."""
from flask_babel import lazy_gettext as _l

from ...platform.features import Feature, NavItem
from . import permissions as perms, routes

FEATURE = Feature(
    name="admin",
    permissions=perms.ALL,
    grants=perms.GRANTS,
    blueprints=(routes.bp,),
    nav=(NavItem("admin.tenants", _l("Municipalities"), perms.MANAGE_TENANTS, "platform", 10, scope="platform"),
         NavItem("admin.audit", _l("Platform audit log"), perms.VIEW_PLATFORM_AUDIT, "platform", 20,
                 scope="platform")),
)
