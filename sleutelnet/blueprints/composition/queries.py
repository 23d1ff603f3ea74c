"""Aggregate queries behind the composition and recruitment pages.

Every function runs one query (grouped in SQL wherever the database can do it), so the number of
queries of a page does not grow with the number of persons; `tests/composition/test_query_counts.py`
holds us to that. Only active key persons count for the composition.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import Integer, String, case, cast, func, literal_column, null, union_all

from ...platform import fields
from ...platform.extensions import db
from ...tenants import cache as tenant_cache
from ..keypersons.choices import SPECIAL_CATEGORY_CONSENT
from ..keypersons.models import (KeyPerson, KeyPersonOrganisation, KeyPersonRole, KeyPersonStatusChange,
                                 Neighbourhood, Organisation)

ACTIVE = "active"


def _active(network_id: int):
    return (KeyPerson.network_id == network_id) & (KeyPerson.status == ACTIVE)


def active_count(network_id: int) -> int:
    return db.session.scalar(db.select(func.count(KeyPerson.id)).where(_active(network_id))) or 0


def role_counts(network_id: int) -> tuple[dict[str, int], int]:
    """(role -> active persons holding it, active persons without any role): one query."""
    rows = db.session.execute(
        db.select(KeyPersonRole.role, func.count(func.distinct(KeyPerson.id)))
        .select_from(KeyPerson)
        .outerjoin(KeyPersonRole, KeyPersonRole.person_id == KeyPerson.id)
        .where(_active(network_id))
        .group_by(KeyPersonRole.role)).all()
    counts = {role: n for role, n in rows if role}
    return counts, sum(n for role, n in rows if not role)


# dimension -> (column, how a stored value maps to a category code)
_DIMENSION_COLUMNS = {
    "age_group": (KeyPerson.age_group, None),
    "helping_profession": (KeyPerson.helping_profession, None),
    "education": (KeyPerson.education, None),
    "known_to_municipality": (KeyPerson.known_to_municipality, {True: "known", False: "unknown"}),
}


def migration_background_counts(network_id: int, active_total: int) -> dict[str | None, int]:
    """{"with"/"without"/None (not recorded or no consent): active persons} — special-category data.

    The column is encrypted, so the database cannot group it: one query loads the values of the active
    persons, the consent register (the only record of consent) says who consented; they are counted here
    and never leave this function.
    """
    rows = db.session.execute(db.select(KeyPerson.id, KeyPerson.migration_background)
                              .where(_active(network_id), KeyPerson.migration_background.is_not(None))).all()
    consented = fields.consented([pid for pid, _value in rows], SPECIAL_CATEGORY_CONSENT)
    counts: dict[str | None, int] = {}
    for value in (value for pid, value in rows if pid in consented):
        key = value or None
        counts[key] = counts.get(key, 0) + 1
    counts[None] = active_total - sum(n for key, n in counts.items() if key is not None)
    return counts


def neighbourhoods() -> list[tuple[int, str, int | None]]:
    """(id, name, parent id), cached per tenant and process until a neighbourhood changes (tenants/cache.py)."""
    return tenant_cache.cached("composition_neighbourhoods", lambda: [tuple(row) for row in db.session.execute(
        db.select(Neighbourhood.id, Neighbourhood.name, Neighbourhood.parent_id)
        .order_by(func.lower(Neighbourhood.name), Neighbourhood.id))])


def organisation_kinds() -> dict[str, int]:
    """organisation type -> organisations in the tenant's list."""
    return tenant_cache.cached("organisation_kinds", lambda: dict(
        db.session.execute(db.select(Organisation.kind, func.count()).group_by(Organisation.kind)).all()))


@dataclass
class NetworkFigures:
    """Every aggregate of the composition page over one network (`network_figures`, one statement)."""
    total: int = 0
    roles: dict[str, int] = field(default_factory=dict)  # role -> active persons holding it
    without_role: int = 0
    # dimension -> {category or None (not recorded): active persons}, for the plain dimensions (grouped by all
    # dimensions together: at most a few dozen combinations; the margins are added up here)
    dimensions: dict[str, dict[str | None, int]] = field(default_factory=dict)
    neighbourhoods: dict[int | None, int] = field(default_factory=dict)  # neighbourhood id (None: not recorded)
    # neighbourhoods where the network has or had anyone (any status: candidates and leavers too): the area it
    # works in; a district outside it is not a gap in its coverage
    worked_in: set[int] = field(default_factory=set)
    # organisation type -> (organisations with an active key person, active key persons linked)
    organisations: dict[str, tuple[int, int]] = field(default_factory=dict)


def _text(column):
    return cast(column, String)


def _branch(kind: str, keys: list, n1, n2=None, *, where, joins=(), group_by=None):
    """One part of `network_figures`' UNION ALL: (kind, k1..k4 as text, n1, n2), grouped by the key columns
    (`group_by` when a key is an expression over them)."""
    texts = [_text(k) for k in keys] + [null()] * (4 - len(keys))
    stmt = db.select(literal_column(f"'{kind}'").label("kind"), *[k.label(f"k{i}") for i, k in enumerate(texts, 1)],
                     n1.label("n1"), (n2 if n2 is not None else cast(null(), Integer)).label("n2"))
    for join in joins:
        stmt = join(stmt)
    return stmt.where(where).group_by(*(group_by or keys))


def network_figures(network_id: int) -> NetworkFigures:
    """The active total, role counts, dimension margins, neighbourhood counts, the neighbourhoods worked in
    and the organisation coverage of a network, in one statement (a UNION ALL of grouped selects, each
    scoped to the tenant by the guard) instead of one query each."""
    active = _active(network_id)
    known = case((KeyPerson.known_to_municipality.is_(True), literal_column("'1'")),
                 (KeyPerson.known_to_municipality.is_(False), literal_column("'0'")), else_=None)
    dims = [c for c, _mapping in _DIMENSION_COLUMNS.values() if c is not KeyPerson.known_to_municipality]
    parts = [
        _branch("roles", [KeyPersonRole.role], func.count(func.distinct(KeyPerson.id)), where=active,
                joins=[lambda s: s.select_from(KeyPerson).outerjoin(KeyPersonRole,
                                                                    KeyPersonRole.person_id == KeyPerson.id)]),
        _branch("dims", dims + [known], func.count(), where=active,
                group_by=dims + [KeyPerson.known_to_municipality]),
        _branch("places", [KeyPerson.neighbourhood_id], func.count(), where=active),
        _branch("worked", [KeyPerson.neighbourhood_id], func.count(),
                where=(KeyPerson.network_id == network_id) & KeyPerson.neighbourhood_id.is_not(None)),
        _branch("orgs", [Organisation.kind], func.count(func.distinct(Organisation.id)),
                func.count(func.distinct(KeyPerson.id)), where=active,
                joins=[lambda s: s.select_from(KeyPersonOrganisation)
                       .join(Organisation, Organisation.id == KeyPersonOrganisation.organisation_id)
                       .join(KeyPerson, KeyPerson.id == KeyPersonOrganisation.person_id)]),
    ]
    figures = NetworkFigures(dimensions={code: {} for code in _DIMENSION_COLUMNS})
    mappings = [mapping for _column, mapping in _DIMENSION_COLUMNS.values()]
    for kind, k1, k2, k3, k4, n1, n2 in db.session.execute(union_all(*parts)).all():
        if kind == "roles":
            if k1:
                figures.roles[k1] = n1
            else:
                figures.without_role = n1
        elif kind == "dims":
            for (code, mapping), value in zip(zip(_DIMENSION_COLUMNS, mappings), (k1, k2, k3, k4)):
                if code == "known_to_municipality":
                    value = None if value is None else value == "1"
                category = mapping.get(value) if mapping is not None else value
                figures.dimensions[code][category] = figures.dimensions[code].get(category, 0) + n1
        elif kind == "places":
            figures.neighbourhoods[int(k1) if k1 is not None else None] = n1
        elif kind == "worked":
            figures.worked_in.add(int(k1))
        elif kind == "orgs":
            figures.organisations[k1] = (n1, n2)
    figures.total = sum(figures.neighbourhoods.values())
    return figures


# --------------------------------------------------------------------------------------------------
# recruitment
# --------------------------------------------------------------------------------------------------

# how far along the pipeline a status lies: paused is only reachable from active; leaving and returning
# say nothing about how far someone got
STAGE_RANK = {"lead": 0, "intake": 1, "active": 2, "paused": 2}


def _rank(column):
    return case({status: rank for status, rank in STAGE_RANK.items()}, value=column, else_=-1)


def funnel_rows(network_id: int):
    """Per person of the network, from the whole status history in one grouped query:
    (channel, current status, furthest stage reached, first day as candidate, first day active)."""
    return db.session.execute(
        db.select(KeyPerson.recruitment_channel.label("channel"), KeyPerson.status.label("status"),
                  func.max(_rank(KeyPersonStatusChange.to_status)).label("reached"),
                  func.min(case((KeyPersonStatusChange.to_status == "lead", KeyPersonStatusChange.changed_on),
                                else_=None)).label("lead_on"),
                  func.min(case((KeyPersonStatusChange.to_status == "active", KeyPersonStatusChange.changed_on),
                                else_=None)).label("active_on"))
        .select_from(KeyPerson)
        .outerjoin(KeyPersonStatusChange, KeyPersonStatusChange.person_id == KeyPerson.id)
        .where(KeyPerson.network_id == network_id)
        .group_by(KeyPerson.id, KeyPerson.recruitment_channel, KeyPerson.status)).all()


def referral_rows(network_id: int):
    """Everyone of the network in a referral chain (referred, or referred someone): id, name, status,
    referrer, created — one query. A referrer from another network of the tenant is included."""
    referrers = (db.select(KeyPerson.referred_by_id)
                 .where(KeyPerson.network_id == network_id, KeyPerson.referred_by_id.is_not(None)))
    return db.session.execute(
        db.select(KeyPerson.id, KeyPerson.name, KeyPerson.status, KeyPerson.referred_by_id, KeyPerson.created_at)
        .where(((KeyPerson.network_id == network_id) & KeyPerson.referred_by_id.is_not(None))
               | KeyPerson.id.in_(referrers))
        .order_by(KeyPerson.id)).all()
