"""Manifest of the platform administration area (provisioning municipalities, platform audit log)."""
from flask_babel import lazy_gettext as _l

from ...platform.features import Feature, NavItem
from . import permissions as perms, routes

FEATURE = Feature.of(__package__, perms,
    blueprints=(routes.bp,),
    nav=(NavItem("admin.tenants", _l("Municipalities"), perms.MANAGE_TENANTS, "platform", 10, scope="platform"),
         NavItem("admin.invitations", _l("Open invitations"), perms.MANAGE_TENANTS, "platform", 15,
                 scope="platform"),
         NavItem("admin.audit", _l("Platform audit log"), perms.VIEW_PLATFORM_AUDIT, "platform", 20,
                 scope="platform"),
         NavItem("admin.system_status", _l("System status"), perms.MANAGE_TENANTS, "platform", 30,
                 scope="platform")),
)
