"""Code lists of contacts: channels (issue 7) and topic tags (themes from the ESS guide §1.1, §3.1)."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

CHANNELS = {
    "visit_home": _l("Visit at home"),
    "visit_work": _l("Visit at work"),
    "visit_worship": _l("Visit at a house of worship"),
    "phone": _l("Phone"),
    "meeting": _l("Meeting"),
    "event": _l("Event"),
    "online": _l("Online"),
}

TOPICS = {
    "tension": _l("Tension between groups"),
    "youth": _l("Young people"),
    "polarisation": _l("Polarisation"),
    "safety": _l("Safety"),
    "event": _l("Event or incident in the world"),
    "network": _l("The network itself"),
    "wellbeing": _l("Well-being of the key person"),
    "other": _l("Other"),
}


def channel_label(code: str) -> str:
    return str(CHANNELS.get(code, code))


def topic_label(code: str) -> str:
    return str(TOPICS.get(code, code))
