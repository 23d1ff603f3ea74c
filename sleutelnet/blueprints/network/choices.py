"""The fixed answer options of phase 1, taken from the ESS guide (§1.1–1.3): stored code -> label.

Codes are stable English identifiers (stored in the database); labels are translated (the Dutch
translations use the guide's own wording).
"""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from ...platform.i18n import label, labels  # noqa: F401 - `choices.label(...)` in routes and templates

# §1.1 "Mogelijke doelen van het lokale netwerk"
GOALS = {
    "awareness": _l("Information and awareness"),
    "resilience": _l("Strengthening resilience and resistance"),
    "de_escalation": _l("De-escalating tensions"),
    "policy": _l("Contributing to effective policy"),
}

# §1.2 who was informed or involved, and how
BODIES = {
    "mayor": _l("Mayor"),
    "alderman": _l("Alderman"),
    "executive": _l("Municipal executive (college B&W)"),
    "council": _l("Municipal council"),
    "other": _l("Other"),
}
INVOLVEMENTS = {
    "informed": _l("Informed"),
    "presented": _l("Presented (e.g. in a meeting or committee)"),
    "decision": _l("Decision taken"),
}
# §1.2 "Sluit aan bij de besluitvorming van gemeenteraad en B en W" (timing against the budget cycle)
BUDGET_MOMENTS = {
    "framework_memo": _l("Framework memo / spring memo (kadernota, voorjaarsnota)"),
    "budget": _l("Budget debate in the autumn (begroting)"),
    "autumn_memo": _l("Autumn memo (najaarsnota)"),
    "outside": _l("Outside the budget cycle (existing budget)"),
    "undecided": _l("Not decided yet"),
}

# §1.3 "Periodiek of flexibel bijeenkomsten"
MEETING_MODES = {
    "periodic": _l("Periodic: the network meets at fixed intervals and consults in a structured way"),
    "flexible": _l("Flexible: the network meets in response to current events or urgent problems"),
    "combination": _l("A combination: fixed meetings plus extra meetings when needed"),
}
MEETING_MODE_SHORT = {
    "periodic": _l("periodic"),
    "flexible": _l("flexible"),
    "combination": _l("combination"),
}
CADENCES = {
    "weekly": _l("Every week"),
    "biweekly": _l("Every two weeks"),
    "monthly": _l("Every month"),
    "six_weekly": _l("Every six weeks"),
    "quarterly": _l("Every quarter"),
    "half_yearly": _l("Twice a year"),
}
LOCATION_TYPES = {
    "town_hall": _l("Town hall or municipal office"),
    "community_centre": _l("Community centre (buurthuis, wijkcentrum)"),
    "house_of_worship": _l("House of worship (mosque, church, synagogue, temple)"),
    "library": _l("Library"),
    "member_locations": _l("Rotating between the locations of member organisations"),
    "school": _l("School or youth centre"),
    "online": _l("Online"),
    "other": _l("Other location"),
}
# §1.3 "Voorbeelden van tegenprestaties voor sleutelpersonen"
RECIPROCITY = {
    "compensation": _l("Compensation (employment or a volunteer allowance)"),
    "knowledge": _l("Knowledge and skills"),
    "networks": _l("Access to formal and informal networks"),
    "activity_funds": _l("Money for activities, such as theme meetings"),
    "practical_help": _l("Help with practical problems and questions"),
}
# §1.3 "Werving en selectie van sleutelpersonen"
RECRUITMENT = {
    "own": _l("By the municipality itself (with local partners)"),
    "external": _l("By an external organisation"),
    "combination": _l("A combination of the municipality and an external organisation"),
}
HOURS_PER = {
    "week": _l("per week"),
    "month": _l("per month"),
}
# §1.3 "Mogelijke rollen van de gemeente binnen het netwerk"
MUNICIPAL_ROLES = {
    "director": _l("Director (regisseur)"),
    "facilitator": _l("Facilitator/stimulator"),
    "participant": _l("Participant"),
}
MUNICIPAL_ROLE_HINTS = {
    "director": _l("Initiates and leads the network, coordinates and monitors, sets frameworks and limits."),
    "facilitator": _l("Actively supports a network that works independently: money, training, facilities, contacts."),
    "participant": _l("Takes part in working groups, meetings and activities organised by the key persons."),
}


def as_choices(mapping: dict) -> list[tuple[str, str]]:
    return [(code, text) for code, text in mapping.items()]
