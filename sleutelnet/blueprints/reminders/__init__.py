"""Reminders and in-app notifications (issue 7 point 4). How a feature plugs in (see platform/features.py):

    FEATURE = Feature(..., reminder_kinds=(ReminderKind("meetings.reminder", _l("Meeting reminder"), find_due),))

- `find_due(tenant_id, today)` runs inside that tenant's context and inside a request context on BASE_URL in
  the default language (nl), so `url_for(...)` and `format_date(...)` work; it yields `Due` objects for
  everything due on or before `today` that may not have been sent (a catch-up window is fine: the dispatch
  table's unique key (tenant, kind, subject_type, subject_id, reference_date, offset_days) drops repeats).
- `Due.url` is a path ("/g/<slug>/..."); `Due.title` a short, non-confidential line. Both end up in the
  in-app notification and the mail; nothing else does (the payload only reaches a kind's own mail template).
- `user_ids` get an in-app notification plus mail by their preference; `emails` always get a mail.
- A kind's optional `mail_template` is rendered with plain Jinja (`due`, `url`); its texts must be in the
  catalog, so name it `*.html` (extracted; autoescaped) or pass translated strings in `payload`.
- A changed reference date (a moved meeting) is a new key, so a new reminder.
"""
