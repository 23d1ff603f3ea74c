"""Manifest of the privacy area (AVG): consents, subject-access exports, erasure, retention."""
from flask_babel import lazy_gettext as _l

from ...platform.features import Feature, NavItem, ScheduledJob
from ...platform.policy import Permission
from . import demo, jobs, routes

FEATURE = Feature(
    name="privacy",
    tenant_blueprints=(routes.bp,),
    nav=(NavItem("tenant.privacy.index", _l("Privacy (AVG)"), Permission.MANAGE_RETENTION, "admin", 30),),
    # retention periods of every active municipality, nightly at 02:30 (scheduler time, UTC)
    jobs=(ScheduledJob(jobs.apply_retention, "reports", "privacy-retention", cron="30 2 * * *"),),
    demo_seeders=(demo.seed_demo_privacy,),
)
