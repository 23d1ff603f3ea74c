"""Fixed options of the exchange. Tags are the guide's sections (shared with the advice topics)."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from ...platform.i18n import label  # noqa: F401 - `choices.label(...)` in routes and templates

from ..advice.choices import TOPICS as TAGS  # noqa: F401 - the guide's sections, §1.1 … §3.4

KINDS = {
    "worked": _l("What worked"),
    "question": _l("A question to peers"),
    "event": _l("An event"),
}
VISIBILITIES = {
    "ess": _l("ESS only"),
    "province": _l("My province"),
    "safety_region": _l("My safety region"),
    "all": _l("Everyone"),
}
AUTHOR_MODES = {
    "municipality": _l("As my municipality"),
    "province": _l("As \"a municipality in <my province>\""),
    "anonymous": _l("Anonymous (checked by a moderator before publication)"),
}
REPORT_REASONS = {
    "personal_data": _l("Contains personal data"),
    "offensive": _l("Offensive or discriminating"),
    "off_topic": _l("Off topic or advertising"),
    "other": _l("Something else"),
}
SANCTIONS = {
    "mute": _l("Mute: may read, may not post or reply"),
    "ban": _l("Ban: may not post, reply or report; all their posts and replies are removed"),
}
STATUSES = {
    "pending": _l("Awaiting moderation"),
    "published": _l("Published"),
    "hidden": _l("Hidden after reports, awaiting review"),
    "rejected": _l("Rejected"),
    "removed": _l("Removed"),
}
# a minimum crowd for "a municipality in <province>" and anonymous posts
MIN_PARTICIPANTS = 5
# reports from this many different municipalities hide a post until a moderator reviewed it
REPORTS_TO_HIDE = 3
