"""Manifest of reminders and notifications (issue 7 point 4): the dispatch, the bell, the preferences."""
from flask_babel import lazy_gettext as _l

from ...platform.features import Feature, ScheduledJob
from ...platform.policy import Role
from . import jobs, routes, walker
from .permissions import VIEW_NOTIFICATIONS

FEATURE = Feature(
    name="reminders",
    blueprints=(routes.cli_bp,),
    tenant_blueprints=(routes.bp,),
    permissions=(VIEW_NOTIFICATIONS,),
    grants={Role.COORDINATOR: {VIEW_NOTIFICATIONS}, Role.OFFICIAL: {VIEW_NOTIFICATIONS},
            Role.VIEWER: {VIEW_NOTIFICATIONS}},
    queues=("reminders",),
    jobs=(
        # every hour at :05 (UTC): one sweep per active municipality on the "reminders" queue
        ScheduledJob(jobs.sweep_all, "reminders", "reminders-sweep", cron="5 * * * *", timeout=600),
        # the daily digest at 06:30 UTC (07:30/08:30 in the Netherlands)
        ScheduledJob(jobs.digest_all, "reminders", "reminders-digest", cron="30 6 * * *", timeout=600),
    ),
    arg_factories={"notification_id": walker.notification_id},
    doc="Reminders are recorded in a dispatch table before they are sent, so they never arrive twice.",
    audit_actions={
        "reminders.read": _l("Notification marked as read"),
        "reminders.all_read": _l("All notifications marked as read"),
        "reminders.preferences": _l("Notification preferences changed"),
    },
    audit_kinds={
        "reminders": _l("Reminders"),
    },
    audit_objects={
        "notification": _l("notification"),
    },
)
