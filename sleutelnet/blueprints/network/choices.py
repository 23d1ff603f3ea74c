"""The fixed answer options of phase 1, taken from the ESS guide (§1.1–1.3): stored code -> label.

Codes are stable English identifiers (stored in the database); labels are translated (the Dutch
translations use the guide's own wording). The lists are data, in labels.toml, each with its section.
"""
from __future__ import annotations

from ...platform.i18n import label, labels  # noqa: F401 - `choices.label(...)` in routes and templates
from ...platform.labels import catalogues

(GOALS, BODIES, INVOLVEMENTS, BUDGET_MOMENTS, MEETING_MODES, MEETING_MODE_SHORT, CADENCES, LOCATION_TYPES,
 RECIPROCITY, RECRUITMENT, HOURS_PER, MUNICIPAL_ROLES, MUNICIPAL_ROLE_HINTS) = catalogues(__package__).tables(
    "GOALS", "BODIES", "INVOLVEMENTS", "BUDGET_MOMENTS", "MEETING_MODES", "MEETING_MODE_SHORT", "CADENCES",
    "LOCATION_TYPES", "RECIPROCITY", "RECRUITMENT", "HOURS_PER", "MUNICIPAL_ROLES", "MUNICIPAL_ROLE_HINTS")


def as_choices(mapping: dict) -> list[tuple[str, str]]:
    return [(code, text) for code, text in mapping.items()]
