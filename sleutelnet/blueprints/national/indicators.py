"""The indicators this area contributes (ESS guide §2.1–2.2, §3.3), computed from the key-person register.

Each `compute(tenant_id, start, end)` runs inside that municipality's own tenant context (the per-tenant
job sets it) and returns {"value", "n_persons"} or None (see `platform.features.Indicator`). The register
is read once per job (`snapshot`), so a job costs a fixed number of queries whatever the number of
indicators and quarters. Dated facts (status history, exits) are evaluated as of the quarter; the role mix
and the diversity balance use the register as it is when the job runs (roles and diversity have no history).
Never a special-category value: the diversity balance counts targets met, not people per category.
"""
from __future__ import annotations

import contextlib
import contextvars
from dataclasses import dataclass, field
from datetime import date, timedelta

from flask_babel import lazy_gettext as _l

from ...platform.extensions import db
from ...platform.features import Indicator
from ...platform.tenancy import TenantContextError, current_tenant_id
from ..keypersons import choices as kp
from ..keypersons.models import KeyPersonExit, KeyPersonRole, KeyPersonStatusChange

ACTIVE, QUIET, EXITED = "active", "paused", "exited"


@dataclass
class Snapshot:
    tenant_id: int
    history: dict[int, list[tuple[date, str]]]  # person -> [(changed_on, to_status)] in order
    roles: dict[int, set[str]]
    exits: list[tuple[date, str]]
    _diversity: tuple[int, int] | None = field(default=None)

    def status_on(self, day: date) -> dict[int, str]:
        """Each person's status at the start of `day` (the last change before it)."""
        out = {}
        for person, changes in self.history.items():
            current = None
            for changed_on, status in changes:
                if changed_on >= day:
                    break
                current = status
            if current is not None:
                out[person] = current
        return out

    def diversity(self) -> tuple[int, int]:
        """(dimension targets met, dimension targets that apply) over the tenant's networks."""
        if self._diversity is None:
            from ..composition.services import plain_report
            from ..network.models import Network

            met = total = 0
            for network in db.session.scalars(db.select(Network).order_by(Network.id)):
                report = plain_report(network)
                for dim in report.dimensions:
                    if dim.special or not dim.recorded:
                        continue
                    total += 1
                    met += 0 if dim.out_of_balance else 1
            self._diversity = (met, total)
        return self._diversity


_current: contextvars.ContextVar[Snapshot | None] = contextvars.ContextVar("national_snapshot", default=None)


def load_snapshot(tenant_id: int) -> Snapshot:
    if current_tenant_id() != tenant_id:
        raise TenantContextError("indicators are computed inside the municipality's own tenant context")
    history: dict[int, list[tuple[date, str]]] = {}
    rows = db.session.execute(db.select(KeyPersonStatusChange.person_id, KeyPersonStatusChange.changed_on,
                                        KeyPersonStatusChange.to_status)
                              .order_by(KeyPersonStatusChange.person_id, KeyPersonStatusChange.changed_on,
                                        KeyPersonStatusChange.id))
    for person, changed_on, status in rows:
        history.setdefault(person, []).append((changed_on, status))
    roles: dict[int, set[str]] = {}
    for person, role in db.session.execute(db.select(KeyPersonRole.person_id, KeyPersonRole.role)):
        roles.setdefault(person, set()).add(role)
    exits = [tuple(r) for r in db.session.execute(db.select(KeyPersonExit.exited_on, KeyPersonExit.reason))]
    return Snapshot(tenant_id, history, roles, exits)


@contextlib.contextmanager
def snapshot(tenant_id: int):
    """Read the register once for every indicator computed inside this block (nested: reused)."""
    existing = _current.get()
    if existing is not None and existing.tenant_id == tenant_id:
        yield existing
        return
    token = _current.set(load_snapshot(tenant_id))
    try:
        yield _current.get()
    finally:
        _current.reset(token)


def _data(tenant_id: int) -> Snapshot:
    snap = _current.get()
    if snap is not None and snap.tenant_id == tenant_id:
        return snap
    return load_snapshot(tenant_id)


def _count(statuses: dict[int, str], status: str) -> int:
    return sum(1 for s in statuses.values() if s == status)


# -- the indicators -----------------------------------------------------------------------------------

def network_size(tenant_id, start, end):
    snap = _data(tenant_id)
    if not snap.history:
        return None
    active = _count(snap.status_on(end), ACTIVE)
    return {"value": float(active), "n_persons": active}


def network_growth(tenant_id, start, end):
    snap = _data(tenant_id)
    before = _count(snap.status_on(start), ACTIVE)
    after = _count(snap.status_on(end), ACTIVE)
    if not before:
        return None
    return {"value": 100.0 * (after - before) / before, "n_persons": max(before, after)}


def role_mix(tenant_id, start, end):
    snap = _data(tenant_id)
    active = [p for p, s in snap.status_on(end).items() if s == ACTIVE]
    if not active:
        return None
    present = set().union(*(snap.roles.get(p, set()) for p in active)) & set(kp.ROLES)
    return {"value": 100.0 * len(present) / len(kp.ROLES), "n_persons": len(active)}


def diversity_balance(tenant_id, start, end):
    snap = _data(tenant_id)
    active = _count(snap.status_on(end), ACTIVE)
    met, total = snap.diversity() if active else (0, 0)
    if not total:
        return None
    return {"value": 100.0 * met / total, "n_persons": active}


def active_share(tenant_id, start, end):
    statuses = _data(tenant_id).status_on(end)
    active, quiet = _count(statuses, ACTIVE), _count(statuses, QUIET)
    if not active + quiet:
        return None
    return {"value": 100.0 * active / (active + quiet), "n_persons": active + quiet}


def churn(tenant_id, start, end):
    snap = _data(tenant_id)
    before = _count(snap.status_on(start), ACTIVE)
    if not before:
        return None
    left = sum(1 for changes in snap.history.values() for on, status in changes
               if status == EXITED and start <= on < end)
    return {"value": 100.0 * left / before, "n_persons": before}


def _exit_reason(code: str):
    def compute(tenant_id, start, end):
        exits = [reason for on, reason in _data(tenant_id).exits if end - timedelta(days=365) <= on < end]
        if not exits:
            return None
        return {"value": 100.0 * exits.count(code) / len(exits), "n_persons": len(exits)}
    compute.__name__ = f"exit_reason_{code}"
    return compute


EXIT_REASON_PREFIX = "exit_reason."

INDICATORS = (
    Indicator("network_size", _l("Network size (active key persons)"), network_size, unit=""),
    Indicator("network_growth", _l("Growth of the network in the quarter"), network_growth, unit="%"),
    Indicator("role_mix", _l("Role mix: share of the four roles present"), role_mix, unit="%"),
    Indicator("diversity_balance", _l("Diversity balance: share of composition targets met"), diversity_balance,
              unit="%"),
    Indicator("active_share", _l("Share of key persons active (not quiet)"), active_share, unit="%"),
    Indicator("churn", _l("Churn: key persons who left in the quarter"), churn, unit="%"),
) + tuple(
    Indicator(f"{EXIT_REASON_PREFIX}{code}", _l("Exit reason: %(reason)s (share of exits, last 12 months)",
                                                reason=label), _exit_reason(code), unit="%")
    for code, label in kp.EXIT_REASONS.items()
)
