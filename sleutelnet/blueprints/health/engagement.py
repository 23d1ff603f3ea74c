"""Engagement health per key person (§3.3 "Oog voor alle leden"): quiet (stil) and overloaded (overbelast).

Facts come from every installed engagement source (`features.collect("engagement_sources")`: meetings,
contacts, actions, buddies …), merged per person. A fact no source delivered for anyone in the network is
"not recorded": the rule that needs it is skipped and the page says so, rather than guessing. The query
count does not grow with the network: one query for the persons, one per source (sources work in bulk).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from flask_babel import gettext as _, ngettext

from ...platform.extensions import db
from ...platform.features import collect, once
from ..keypersons.models import KeyPerson
from .models import DEFAULTS, HealthSettings

FACTS = ("last_contact_on", "meetings_missed_in_row", "open_actions", "roles_this_quarter", "last_attended_on")
ACTIVE = ("active", "returned")


@dataclass
class PersonHealth:
    id: int
    name: str
    quiet: bool = False
    overloaded: bool = False
    quiet_reasons: list[str] = field(default_factory=list)
    overload_reasons: list[str] = field(default_factory=list)
    facts: dict = field(default_factory=dict)
    load: int = 0  # open actions + roles + buddy pairs: for the dependency warning only, never shown as a score


@dataclass
class NetworkEngagement:
    persons: list[PersonHealth]
    available: set[str]
    thresholds: dict

    @property
    def quiet(self) -> list[PersonHealth]:
        return [p for p in self.persons if p.quiet]

    @property
    def overloaded(self) -> list[PersonHealth]:
        return [p for p in self.persons if p.overloaded]

    @property
    def missing(self) -> list[str]:
        return [f for f in FACTS if f not in self.available]

    def quiet_share(self) -> float | None:
        if not self.persons or not ({"meetings_missed_in_row", "last_contact_on", "last_attended_on"} & self.available):
            return None
        return len(self.quiet) / len(self.persons)

    def dependency(self) -> tuple[int, float] | None:
        """(how many people, their share of the work) when at most two people carry 60 % or more of it."""
        loads = sorted((p.load for p in self.persons), reverse=True)
        total = sum(loads)
        if total < 5 or len(loads) < 4:
            return None
        top = loads[0] + loads[1]
        return (2, top / total) if top / total >= 0.6 else None


def thresholds() -> dict:
    row = db.session.scalar(db.select(HealthSettings))
    return {k: getattr(row, k) for k in DEFAULTS} if row is not None else dict(DEFAULTS)


def merged_facts(person_ids: list[int], today: date) -> dict[int, dict]:
    """Every source's facts, merged per person: the latest date, the highest count, the union of roles."""
    merged: dict[int, dict] = {}
    for source in collect("engagement_sources"):
        for pid, facts in (source(person_ids, today) or {}).items():
            into = merged.setdefault(pid, {})
            for key, value in facts.items():
                if key not in FACTS or value is None:
                    continue
                if key == "roles_this_quarter":
                    into[key] = set(into.get(key, set())) | set(value)
                elif key in into:
                    into[key] = max(into[key], value)
                else:
                    into[key] = value
    return merged


def compute(network_id: int, today: date | None = None) -> NetworkEngagement:
    from ..care import services as care

    today = today or date.today()
    # the settings, the active members and their buddy pairs are today's (no history): once per indicator run
    limits = once(("health.thresholds",), thresholds)
    people = once(("health.active_people", network_id), lambda: db.session.execute(
        db.select(KeyPerson.id, KeyPerson.name).filter(KeyPerson.network_id == network_id, KeyPerson.status.in_(ACTIVE))
        .order_by(KeyPerson.sort_name, KeyPerson.id)).all())
    ids = [pid for pid, _n in people]
    facts = merged_facts(ids, today) if ids else {}
    buddies = once(("health.buddies", network_id), lambda: care.active_buddy_counts(ids) if ids else {})
    available = {k for f in facts.values() for k in f}
    out = []
    for pid, name in people:
        f = facts.get(pid, {})
        p = PersonHealth(pid, name, facts=f)
        _quiet(p, f, available, limits, today)
        _overloaded(p, f, buddies.get(pid, 0), limits)
        out.append(p)
    if buddies:
        available.add("buddies")
    return NetworkEngagement(out, available, limits)


def _quiet(p: PersonHealth, f: dict, available: set, limits: dict, today: date) -> None:
    checks, reasons = [], []
    if "meetings_missed_in_row" in available:
        missed = f.get("meetings_missed_in_row", 0)
        checks.append(missed >= limits["quiet_missed_meetings"])
        reasons.append(ngettext("missed the last meeting", "missed the last %(num)d meetings in a row", missed))
    last = max([d for d in (f.get("last_contact_on"), f.get("last_attended_on")) if d], default=None)
    if {"last_contact_on", "last_attended_on"} & available:
        days = (today - last).days if last else None
        checks.append(days is None or days >= limits["quiet_no_contact_days"])
        reasons.append(_("no contact recorded") if days is None else
                       ngettext("no contact for %(num)d day", "no contact for %(num)d days", days))
    if checks and all(checks):
        p.quiet = True
        p.quiet_reasons.extend(reasons)


def _overloaded(p: PersonHealth, f: dict, buddy_pairs: int, limits: dict) -> None:
    actions = f.get("open_actions", 0) or 0
    roles = set(f.get("roles_this_quarter", set()))
    p.load = actions + len(roles & {"chair", "host"}) + buddy_pairs
    if actions >= limits["overload_open_actions"]:
        p.overload_reasons.append(ngettext("%(num)d open action", "%(num)d open actions", actions))
        p.overloaded = True
    if {"chair", "host"} <= roles:
        p.overload_reasons.append(_("chair and host in the same quarter"))
        p.overloaded = True
    if buddy_pairs >= limits["overload_buddies"]:
        p.overload_reasons.append(ngettext("buddy for %(num)d person", "buddy for %(num)d people", buddy_pairs))
        p.overloaded = True
