"""Tenant-side services: opt-ins, notes, and the comparison of the municipality's own values.

Everything here runs inside the municipality's own tenant context (a request under /g/<slug>/ or a job).
The comparison reads the municipality's own rows of the platform tables (by the tenant id of the context,
never one from the client) and the published cells of its own peer groups.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from flask_babel import gettext as _

from ...platform import audit
from ...platform.extensions import db
from ...platform.features import Indicator, collect
from ...platform.tenancy import current_tenant_id
from ...tenants.models import Tenant
from . import groups as grp
from . import readings
from .indicators import EXIT_REASON_PREFIX
from .models import NOTE_MAX, Cell, IndicatorValue, Note, OptIn, Position


def all_indicators() -> list[Indicator]:
    return list(collect("indicators"))


def indicator_by_code(code: str) -> Indicator | None:
    return next((i for i in collect("indicators") if i.code == code), None)


def is_exit_reason(code: str) -> bool:
    return code.startswith(EXIT_REASON_PREFIX)


# -- opt-in -------------------------------------------------------------------------------------------

def opt_ins() -> dict[str, bool]:
    """indicator -> explicitly chosen (no entry: the indicator's default applies)."""
    return {row.indicator: row.opted_in for row in db.session.scalars(db.select(OptIn))}


def effective_opt_ins() -> dict[str, bool]:
    chosen = opt_ins()
    return {i.code: chosen.get(i.code, i.opt_in_default) for i in all_indicators()}


def save_opt_ins(selected: set[str], actor_id: int | None) -> list[str]:
    """Store the choice for every indicator; returns the codes that changed. Applies from the next run."""
    rows = {row.indicator: row for row in db.session.scalars(db.select(OptIn))}
    changed = []
    for indicator in all_indicators():
        wanted = indicator.code in selected
        row = rows.get(indicator.code)
        current = row.opted_in if row is not None else indicator.opt_in_default
        if row is None:
            row = OptIn(indicator=indicator.code, opted_in=wanted, updated_by_id=actor_id)
            db.session.add(row)
        elif row.opted_in != wanted:
            row.opted_in, row.updated_by_id = wanted, actor_id
        if current != wanted:
            changed.append(indicator.code)
            audit.record("benchmarks.opt_in" if wanted else "benchmarks.opt_out", object_type="indicator",
                         detail=indicator.code, actor_id=actor_id)
    db.session.flush()
    return changed


# -- notes --------------------------------------------------------------------------------------------

def notes() -> dict[str, str]:
    return {row.indicator: row.body for row in db.session.scalars(db.select(Note))}


def note_for(code: str) -> Note | None:
    return db.session.scalar(db.select(Note).filter_by(indicator=code))


def save_note(code: str, body: str, actor_id: int | None) -> None:
    """An empty body removes the note."""
    body = (body or "").strip()
    if len(body) > NOTE_MAX:
        raise ValueError(_("A note can have at most %(n)d characters.", n=NOTE_MAX))
    row = note_for(code)
    if not body:
        if row is not None:
            db.session.delete(row)
            audit.record("benchmarks.note_removed", object_type="indicator", detail=code, actor_id=actor_id)
        return
    if row is None:
        row = Note(indicator=code, body=body, updated_by_id=actor_id)
        db.session.add(row)
    else:
        row.body, row.updated_by_id = body, actor_id
    audit.record("benchmarks.note_saved", object_type="indicator", detail=code, actor_id=actor_id)
    db.session.flush()


# -- the comparison -----------------------------------------------------------------------------------

@dataclass
class GroupRow:
    kind: str
    kind_label: str
    name: str
    cell: Cell | None

    @property
    def published(self) -> bool:
        return self.cell is not None and self.cell.published


@dataclass
class IndicatorComparison:
    indicator: Indicator
    own: float | None
    opted_in: bool
    rows: list[GroupRow]
    third: str | None
    note: str | None
    readings: list[str] = field(default_factory=list)

    @property
    def code(self) -> str:
        return self.indicator.code

    @property
    def third_label(self) -> str:
        return str(grp.THIRD_LABELS[self.third]) if self.third else ""


def member_of(tenant: Tenant) -> grp.Member:
    return grp.Member(tenant.id, tenant.cbs_code, tenant.province, tenant.safety_region_code,
                      tenant.safety_region_name, tenant.population)


def comparison(tenant: Tenant, period: str) -> list[IndicatorComparison]:
    """Per indicator the own value against each peer group: a fixed number of queries."""
    tenant_id = current_tenant_id()
    assert tenant_id == tenant.id, "the comparison is only ever built for the municipality of the context"
    keys = grp.keys_of(member_of(tenant))
    own = {r.indicator: r.value for r in db.session.scalars(
        db.select(IndicatorValue).where(IndicatorValue.tenant_id == tenant_id, IndicatorValue.period == period))}
    thirds = {r.indicator: r.third for r in db.session.scalars(
        db.select(Position).where(Position.tenant_id == tenant_id, Position.period == period))}
    wanted = db.or_(*[(Cell.group_kind == kind) & (Cell.group_code == code) for kind, code, _n in keys])
    cells = {(c.indicator, c.group_kind, c.group_code): c
             for c in db.session.scalars(db.select(Cell).where(Cell.period == period, wanted))}
    chosen, own_notes = effective_opt_ins(), notes()
    out = []
    for indicator in all_indicators():
        rows = [GroupRow(kind, str(grp.KIND_LABELS[kind]), grp.group_name(kind, code, name),
                         cells.get((indicator.code, kind, code))) for kind, code, name in keys]
        item = IndicatorComparison(indicator, own.get(indicator.code), chosen.get(indicator.code, False), rows,
                                   thirds.get(indicator.code), own_notes.get(indicator.code))
        item.readings = readings.for_comparison(item)
        out.append(item)
    return out
