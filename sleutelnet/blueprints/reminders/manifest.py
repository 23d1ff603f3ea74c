"""Manifest of reminders and notifications (issue 7 point 4): the dispatch, the bell, the preferences."""
from ...platform.features import Feature, ScheduledJob
from . import jobs, permissions as perms, routes, walker

FEATURE = Feature.of(__package__, perms,
    blueprints=(routes.cli_bp,),
    tenant_blueprints=(routes.bp,),
    queues=("reminders",),
    jobs=(
        # every hour at :05 (UTC): one sweep per active municipality on the "reminders" queue
        ScheduledJob(jobs.sweep_all, "reminders", "reminders-sweep", cron="5 * * * *", timeout=600),
        # the daily digest at 06:30 UTC (07:30/08:30 in the Netherlands)
        ScheduledJob(jobs.digest_all, "reminders", "reminders-digest", cron="30 6 * * *", timeout=600),
    ),
    arg_factories={"notification_id": walker.notification_id},
    doc="Reminders are recorded in a dispatch table before they are sent, so they never arrive twice.",
)
