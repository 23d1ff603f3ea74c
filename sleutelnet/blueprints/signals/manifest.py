"""Manifest of confidential signals (signalen, §3.1): pages, permissions, reminders, retention, indicators."""
from flask_babel import lazy_gettext as _l

from ...platform.features import Feature, NavItem, Panel, ReminderKind, ScheduledJob
from . import demo, fields, indicators, panels, permissions as perms, reminders, retention, routes, walker
from .permissions import MANAGE_SIGNAL_SETTINGS, VIEW_SIGNAL_COUNTS, VIEW_SIGNALS

FEATURE = Feature.of(__package__, perms,
    tenant_blueprints=(routes.bp,),
    nav=(NavItem("tenant.signals.index", _l("Signals"), VIEW_SIGNALS, "execution", 30),
         NavItem("tenant.signals.counts", _l("Signals in numbers"), VIEW_SIGNAL_COUNTS, "execution", 31),
         NavItem("tenant.signals.settings", _l("Signal settings"), MANAGE_SIGNAL_SETTINGS, "admin", 40)),
    person_panels=(Panel("signals/_person_panel.html", VIEW_SIGNALS, 50, panels.person_panel),),
    home_cards=(Panel("signals/_home_card.html", VIEW_SIGNALS, 30, panels.home_card),),
    reminder_kinds=(
        ReminderKind("signal_follow_up", _l("A signal needs follow-up"), reminders.find_follow_up_due),
        ReminderKind("signal_overdue", _l("The follow-up of a signal is overdue"), reminders.find_follow_up_overdue),
        ReminderKind("signal_named", _l("You have been named on a signal"), reminders.find_named),
    ),
    # purge texts of signals closed longer than the tenant's retention period, nightly at 02:45 (UTC)
    jobs=(ScheduledJob(retention.run_purge_job, "reports", "signals-retention", cron="45 2 * * *"),),
    indicators=indicators.INDICATORS,
    demo_seeders=(demo.seed_demo_signals,),
    arg_factories={"signal_id": walker.signal_id},
    fields=fields.FIELDS,
    doc="Confidential signals with need-to-know access, follow-up deadlines in working days and retention.",
    # the signal itself is in its source's export; these rows are about the officials who handle it
    not_about_persons={"signal_readers": "which officials are named on a signal",
                       "signal_access_log": "which official read a signal, when",
                       "signal_events": "state changes of a signal: codes, dates and partner organisations"},
)
