"""Manifest of import and export of the register."""
from flask_babel import lazy_gettext as _l

from ...platform.features import Feature, NavItem
from ...platform.policy import Permission
from . import routes, walker

FEATURE = Feature(name="transfer", tenant_blueprints=(routes.bp,), arg_factories=walker.ARG_FACTORIES,
                  nav=(NavItem("tenant.transfer.export", _l("Import and export"), Permission.EXPORT_KEYPERSONS,
                               "admin", 20),))
