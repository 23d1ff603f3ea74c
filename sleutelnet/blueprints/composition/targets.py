"""What a balanced network looks like (§2.2): the dimensions, the defaults, and loading/saving targets.

Without targets of their own, a network is held to the defaults: every one of the four roles present
at least once, and no category of a diversity dimension above 70% of the persons for whom it is recorded.
Targets a coordinator sets replace the defaults per role and per dimension.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from flask_babel import lazy_gettext as _l

from ...platform import audit, uow
from ...platform.extensions import db
from ...tenants import cache as tenant_cache
from ..keypersons import choices as kp
from .models import DimensionTarget, RoleTarget

DEFAULT_ROLE_MIN_COUNT = 1
DEFAULT_MAX_SHARE = 70
DEFAULT_TOLERANCE = 10
MAX_TOLERANCE = 50
MAX_MIN_COUNT = 1000

KNOWN_TO_MUNICIPALITY = {
    "known": _l("Known to the municipality"),
    "unknown": _l("Not (yet) known to the municipality"),
}


@dataclass(frozen=True)
class Dimension:
    code: str
    label: object
    categories: dict
    special: bool = False  # AVG art. 9: coordinators only, aggregated, small counts suppressed


# §2.2 "Diversiteit en representativiteit", in the guide's order (neighbourhoods have their own section)
DIMENSIONS: dict[str, Dimension] = {d.code: d for d in (
    Dimension("migration_background", _l("Migration background"), kp.MIGRATION_BACKGROUND, special=True),
    Dimension("age_group", _l("Age"), kp.AGE_GROUPS),
    Dimension("helping_profession", _l("Helping profession"), kp.HELPING_PROFESSION),
    Dimension("known_to_municipality", _l("Known or unknown to the municipality"), KNOWN_TO_MUNICIPALITY),
    Dimension("education", _l("Education"), kp.EDUCATION),
)}


def dimensions(include_special: bool) -> list[Dimension]:
    return [d for d in DIMENSIONS.values() if include_special or not d.special]


@dataclass
class RoleRule:
    role: str
    min_count: int | None
    min_share: int | None
    default: bool


@dataclass
class DimensionRule:
    dimension: str
    shares: dict[str, int] = field(default_factory=dict)  # category -> target share (percent)
    tolerance: dict[str, int] = field(default_factory=dict)  # category -> percentage points
    default: bool = True  # True: no targets set, the 70% ceiling applies

    @property
    def max_share(self) -> int | None:
        return DEFAULT_MAX_SHARE if self.default else None


@dataclass
class Targets:
    roles: dict[str, RoleRule]
    dimensions: dict[str, DimensionRule]

    @property
    def all_default(self) -> bool:
        return all(r.default for r in self.roles.values()) and all(d.default for d in self.dimensions.values())


def _stored(network_id: int) -> tuple[dict, list]:
    """The network's stored targets as plain values: two queries, cached per tenant and process until a
    target changes (tenants/cache.py)."""
    def load():
        roles = {r.role: (r.min_count, r.min_share)
                 for r in db.session.scalars(db.select(RoleTarget).filter_by(network_id=network_id))}
        dims = [(r.dimension, r.category, r.target_share, r.tolerance)
                for r in db.session.scalars(db.select(DimensionTarget).filter_by(network_id=network_id))]
        return roles, dims

    return tenant_cache.cached(f"composition_targets:{network_id}", load)


def load(network_id: int) -> Targets:
    """The targets of a network, defaults filled in."""
    role_rows, dim_rows = _stored(network_id)
    roles = {}
    for code in kp.ROLES:
        row = role_rows.get(code)
        roles[code] = (RoleRule(code, row[0], row[1], False) if row is not None
                       else RoleRule(code, DEFAULT_ROLE_MIN_COUNT, None, True))
    dims = {code: DimensionRule(code) for code in DIMENSIONS}
    for dimension, category, share, tolerance in dim_rows:
        rule = dims.get(dimension)
        if rule is None or category not in DIMENSIONS[dimension].categories:
            continue  # a code that no longer exists: ignored
        rule.default = False
        rule.shares[category] = share
        rule.tolerance[category] = tolerance
    return Targets(roles, dims)


def save(network_id: int, *, roles: dict[str, tuple[int | None, int | None]],
         dims: dict[str, tuple[dict[str, int | None], int | None]], actor_id: int | None) -> None:
    """Replace the targets of the roles and dimensions given (others are kept) and commit.

    `roles`: role -> (min_count, min_share); both None means "back to the default".
    `dims`: dimension -> ({category: share or None}, tolerance); no share at all means "the default".
    """
    for code, (min_count, min_share) in roles.items():
        if code not in kp.ROLES:
            raise ValueError(code)
        row = db.session.scalar(db.select(RoleTarget).filter_by(network_id=network_id, role=code))
        if min_count is None and min_share is None:
            if row is not None:
                db.session.delete(row)
            continue
        if row is None:
            row = RoleTarget(network_id=network_id, role=code)
            db.session.add(row)
        row.min_count, row.min_share, row.updated_by_id = min_count, min_share, actor_id
    for code, (shares, tolerance) in dims.items():
        if code not in DIMENSIONS:
            raise ValueError(code)
        existing = {r.category: r for r in db.session.scalars(
            db.select(DimensionTarget).filter_by(network_id=network_id, dimension=code))}
        wanted = {cat: share for cat, share in shares.items() if share is not None}
        for cat, row in existing.items():
            if cat not in wanted:
                db.session.delete(row)
        for cat, share in wanted.items():
            if cat not in DIMENSIONS[code].categories:
                raise ValueError(cat)
            row = existing.get(cat)
            if row is None:
                row = DimensionTarget(network_id=network_id, dimension=code, category=cat)
                db.session.add(row)
            row.target_share = share
            row.tolerance = DEFAULT_TOLERANCE if tolerance is None else tolerance
            row.updated_by_id = actor_id
    audit.record("composition.targets_saved", object_type="network", object_id=network_id, actor_id=actor_id,
                 detail=f"roles={len(roles)} dimensions={len(dims)}")
    uow.done()


def reset(network_id: int, *, include_special: bool, actor_id: int | None) -> None:
    """Back to the defaults (special-category targets only for those who may see them)."""
    db.session.execute(db.delete(RoleTarget).where(RoleTarget.network_id == network_id))
    stmt = db.delete(DimensionTarget).where(DimensionTarget.network_id == network_id)
    if not include_special:
        stmt = stmt.where(DimensionTarget.dimension.not_in([d.code for d in DIMENSIONS.values() if d.special]))
    db.session.execute(stmt)
    audit.record("composition.targets_reset", object_type="network", object_id=network_id, actor_id=actor_id)
    uow.done()
