"""Manifest of the meetings area (phase 3, Uitvoering: §3.1–3.2)."""
from flask_babel import lazy_gettext as _l

from ...platform.features import Feature, Indicator, NavItem, ReminderKind
from . import (demo, fields, permissions as perms, public, reminders, routes, routes_minutes,  # noqa: F401
               routes_settings, stats, walker)
# (routes_minutes and routes_settings register their views on routes.bp)
from .permissions import VIEW_MEETING_CALENDAR

FEATURE = Feature.of(__package__, perms,
    blueprints=(public.public_bp,),
    tenant_blueprints=(routes.bp,),
    nav=(NavItem("tenant.meetings.index", _l("Meetings"), VIEW_MEETING_CALENDAR, "execution", 10),),
    reminder_kinds=(
        ReminderKind("meeting_reminder", _l("Meeting reminder"), reminders.meeting_reminders),
        ReminderKind("meeting_rsvp_outstanding", _l("Invitations not answered"), reminders.rsvp_outstanding),
        ReminderKind("meeting_action", _l("Action from a meeting due"), reminders.actions_due),
    ),
    indicators=(
        Indicator("meetings_held_share", _l("Meetings held of those planned"), stats.held_vs_planned, unit="share"),
        Indicator("meeting_attendance_rate", _l("Attendance at meetings"), stats.attendance_rate, unit="share"),
        Indicator("meeting_location_rotation", _l("Location rotation (distinct hosts per meeting)"),
                  stats.location_rotation, unit="share"),
    ),
    engagement_sources=(stats.engagement,),
    demo_seeders=(demo.seed_demo_meetings,),
    arg_factories=walker.ARG_FACTORIES,
    fields=fields.FIELDS,
    arg_parents=walker.ARG_PARENTS,
    doc="Meetings with agenda and backlog, location and chair rotation, RSVP links, attendance, two-layer "
        "minutes and calendar files.",
    # a meeting names its chair, so the walk reaches its minutes; they are about the meeting, and the
    # confidential notes are never exported by design (issue 7: never in e-mail, ICS or exports)
    not_about_persons={"meeting_notes": "confidential notes of a meeting, never exported",
                       "meeting_decisions": "decisions of a meeting, not about its chair"},
)
