"""The three kinds of potential disruptors of ESS guide §2.2 ("Oog voor potentiële stoorzenders") and the
levels an assessment can give each of them. Codes are stored (encrypted); labels are translated."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

# code -> (short label, the guide's description, used as help text on the form)
RISKS = {
    "ties": (_l("Ties to a controversial organisation"),
             _l("Strongly connected to a controversial organisation whose motives or values may go against "
                "those of the network, or may keep others from joining it.")),
    "status": (_l("Taking part mainly for status"),
               _l("Takes part for their status; may hold back because of interests in their constituency and "
                  "the status they could lose. Note: people with status can also have a wide reach and much "
                  "influence.")),
    "interest": (_l("Own or organisational interests first"),
                 _l("Puts personal or organisational interests before those of the network, especially where "
                    "they clash with the function and role of the network.")),
}

LEVELS = {
    "none": _l("None"),
    "somewhat": _l("Somewhat"),
    "clearly": _l("Clearly"),
}


def risk_label(code: str) -> str:
    return str(RISKS[code][0]) if code in RISKS else code


def level_label(code: str | None) -> str:
    if not code:
        return ""
    return str(LEVELS.get(code, code))
