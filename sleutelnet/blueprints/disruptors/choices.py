"""The three kinds of potential disruptors of ESS guide §2.2 ("Oog voor potentiële stoorzenders") and the
levels an assessment can give each of them. Codes are stored (encrypted); labels are translated (labels.toml)."""
from __future__ import annotations

from ...platform.labels import catalogues

# RISKS: code -> (short label, the guide's description, used as help text on the form)
RISKS, LEVELS = catalogues(__package__).tables("RISKS", "LEVELS")


def risk_label(code: str) -> str:
    return str(RISKS[code][0]) if code in RISKS else code


def level_label(code: str | None) -> str:
    if not code:
        return ""
    return str(LEVELS.get(code, code))
