"""Manifest of the privacy area (AVG): consents, subject-access exports, erasure, retention."""
from flask_babel import lazy_gettext as _l

from ...platform.features import Feature, NavItem, Panel, PersonalData, ScheduledJob
from . import consents, demo, erasure, fields, inventory, jobs, permissions as perms, routes, walker
from .models import ConsentRecord, Erasure, ExportRequest

FEATURE = Feature.of(__package__, perms,
    tenant_blueprints=(routes.bp,),
    nav=(NavItem("tenant.privacy.index", _l("Privacy (AVG)"), perms.MANAGE_RETENTION, "admin", 30),),
    # retention periods of every active municipality, nightly at 02:30 (scheduler time, UTC)
    jobs=(ScheduledJob(jobs.apply_retention, "reports", "privacy-retention", cron="30 2 * * *"),),
    demo_seeders=(demo.seed_demo_privacy,),
    person_actions=(Panel("privacy/_person_action.html", perms.MANAGE_CONSENTS, 10, lambda person: {"person": person}),),
    person_locks=(erasure.read_only_reason,),
    arg_factories=walker.ARG_FACTORIES,
    arg_parents=walker.ARG_PARENTS,
    stored_texts=inventory.STORED_TEXTS,
    consent_register=consents.REGISTER,
    fields=fields.FIELDS,
    personal_data=(
        PersonalData("consents", _l("Consent register"), ConsentRecord, order_by=("given_on", "id"), order=80),
        PersonalData("export_requests", _l("Requests to see the data"), ExportRequest, order_by=("id",), order=100),
        PersonalData("erasures", _l("Erasure"), Erasure, order_by=("id",), order=110),
    ),
)
