"""Options of evaluation and reflection (ESS guide §3.4)."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from ...platform.i18n import label  # noqa: F401 - `choices.label(...)` in routes and templates

ASSESSMENTS = {
    "achieved": _l("Achieved"),
    "partly": _l("Partly achieved"),
    "not_achieved": _l("Not achieved"),
    "too_early": _l("Too early to tell"),
}
# the goal written in the network's own words (NetworkPurpose.goals_other)
OTHER_GOAL = "other"
OTHER_GOAL_LABEL = _l("Own goal of the network")
SHARE_DECISIONS = {
    "share": _l("Share with the council"),
    "not_share": _l("Do not share with the council"),
    "undecided": _l("Not decided yet"),
}
# short prompts for a reflection moment (§3.4 "reflectiemomenten")
REFLECTION_PROMPTS = (
    _l("What went well in the last meetings?"),
    _l("Who did we not hear from, and why?"),
    _l("Is the municipality still trusted by the key persons? What did we notice?"),
    _l("What do we want to do differently from now on?"),
)
DEFAULT_INTERVAL_MONTHS = 12
DEFAULT_REFLECTION_EVERY = 4
CADENCE_DAYS = {"weekly": 7, "biweekly": 14, "monthly": 31, "six_weekly": 42, "quarterly": 92, "half_yearly": 183}
DUE_SOON_DAYS = 30
