"""Options of evaluation and reflection (ESS guide §3.4)."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from ...platform.i18n import label  # noqa: F401 - `choices.label(...)` in routes and templates
from ...platform.labels import catalogues

ASSESSMENTS, SHARE_DECISIONS = catalogues(__package__).tables("ASSESSMENTS", "SHARE_DECISIONS")
# the goal written in the network's own words (NetworkPurpose.goals_other)
OTHER_GOAL = "other"
OTHER_GOAL_LABEL = _l("Own goal of the network")
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
