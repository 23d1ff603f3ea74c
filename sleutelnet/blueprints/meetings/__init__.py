"""Meetings (bijeenkomsten, ESS guide §3.1–3.2): series, agenda with backlog, location and chair rotation,
invitations with a personal RSVP link, attendance per person, two-layer minutes, calendar (.ics, feed)."""
