"""Manifest of import and export of the register."""
from flask_babel import lazy_gettext as _l

from ...platform.features import Feature, NavItem
from . import permissions as perms, routes, walker

FEATURE = Feature.of(__package__, perms,
    tenant_blueprints=(routes.bp,),
    nav=(NavItem("tenant.transfer.export", _l("Import and export"), perms.EXPORT_KEYPERSONS, "admin", 20),),
    arg_factories=walker.ARG_FACTORIES,
)
