"""Manifest of import and export of the register."""
from flask_babel import lazy_gettext as _l

from ...platform.features import Feature, NavItem, ScheduledJob
from . import jobs, permissions as perms, routes, walker

FEATURE = Feature.of(__package__, perms,
    tenant_blueprints=(routes.bp,),
    nav=(NavItem("tenant.transfer.export", _l("Import and export"), perms.EXPORT_KEYPERSONS, "admin", 20),),
    arg_factories=walker.ARG_FACTORIES,
    # uploads, remembered choices and export files older than 24 hours, of every municipality, hourly
    jobs=(ScheduledJob(jobs.purge_expired_all, "default", "transfer-purge", cron="17 * * * *"),),
)
