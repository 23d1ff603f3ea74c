"""Fixed options of the exchange (labels.toml). Tags are the guide's sections (shared with the advice topics)."""
from __future__ import annotations

from ...platform.i18n import label  # noqa: F401 - `choices.label(...)` in routes and templates
from ...platform.labels import catalogues

from ..advice.choices import TOPICS as TAGS  # noqa: F401 - the guide's sections, §1.1 … §3.4

KINDS, VISIBILITIES, AUTHOR_MODES, REPORT_REASONS, SANCTIONS, STATUSES = catalogues(__package__).tables(
    "KINDS", "VISIBILITIES", "AUTHOR_MODES", "REPORT_REASONS", "SANCTIONS", "STATUSES")
# a minimum crowd for "a municipality in <province>" and anonymous posts
MIN_PARTICIPANTS = 5
# reports from this many different municipalities hide a post until a moderator reviewed it
REPORTS_TO_HIDE = 3
