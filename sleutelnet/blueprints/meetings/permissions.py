"""Permissions of the meetings area (ALL, and GRANTS per role: the manifest's `access`).

- VIEW_MEETING_CALENDAR: the calendar of meetings (date, place, type, state) and the .ics files, no minutes;
- VIEW_MEETINGS: a meeting's agenda, attendance and shareable minutes (officials: their linked networks);
- MANAGE_MEETINGS: plan and run meetings, invitations, attendance, minutes (officials: linked networks);
- VIEW_CONFIDENTIAL_MINUTES: the confidential layer of the minutes (coordinator + linked officials);
- APPROVE_MINUTES: approve (vaststellen) the shareable summary — the coordinator;
- MANAGE_MEETING_SETTINGS: the chair mode per network and the location pool.
"""
from ...platform.policy import Permission, Role

VIEW_MEETING_CALENDAR = Permission("view_meeting_calendar")
VIEW_MEETINGS = Permission("view_meetings")
MANAGE_MEETINGS = Permission("manage_meetings")
VIEW_CONFIDENTIAL_MINUTES = Permission("view_confidential_minutes")
APPROVE_MINUTES = Permission("approve_minutes")
MANAGE_MEETING_SETTINGS = Permission("manage_meeting_settings")

ALL = (VIEW_MEETING_CALENDAR, VIEW_MEETINGS, MANAGE_MEETINGS, VIEW_CONFIDENTIAL_MINUTES, APPROVE_MINUTES,
       MANAGE_MEETING_SETTINGS)
GRANTS = {
    Role.COORDINATOR: set(ALL),
    # officials: the meetings of the networks they are linked to (the services filter by the link)
    Role.OFFICIAL: {VIEW_MEETING_CALENDAR, VIEW_MEETINGS, MANAGE_MEETINGS, VIEW_CONFIDENTIAL_MINUTES},
    # administrators: the calendar only, without minutes
    Role.VIEWER: {VIEW_MEETING_CALENDAR},
}
