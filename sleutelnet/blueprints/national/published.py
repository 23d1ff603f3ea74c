"""What the ESS pages, the CSV and the report read: the published cells (platform tables only).

Nothing here touches a tenant-owned table or a municipality's own value: `tests/national/test_boundary.py`
runs every ESS route and fails on either. Every function is one query, whatever the number of
municipalities (`tests/national/test_query_counts.py`).
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from ...platform.extensions import db
from . import groups as grp
from .models import Cell, Period

STATISTICS = ("mean", "median", "p25", "p75")
CSV_COLUMNS = ("indicator", "period", "group_kind", "group_code", "group_name", "n_municipalities", "statistic",
               "value", "status")


def periods_desc() -> list[Period]:
    return db.session.scalars(db.select(Period).order_by(Period.code.desc())).all()


def pick_period(requested: str | None, available: list[Period]) -> Period | None:
    """The requested quarter if it was computed, else the latest; None when nothing was computed yet."""
    by_code = {p.code: p for p in available}
    return by_code.get(requested or "") or (available[0] if available else None)


def cells(period: str, *, kinds: tuple[str, ...] | None = None, indicator: str | None = None,
          groups: list[tuple[str, str]] | None = None) -> list[Cell]:
    stmt = db.select(Cell).where(Cell.period == period)
    if kinds:
        stmt = stmt.where(Cell.group_kind.in_(kinds))
    if indicator:
        stmt = stmt.where(Cell.indicator == indicator)
    if groups:
        stmt = stmt.where(db.or_(*[(Cell.group_kind == k) & (Cell.group_code == c) for k, c in groups]))
    return db.session.scalars(stmt.order_by(Cell.indicator, Cell.group_kind, Cell.group_code)).all()


def national_trend(codes: list[str]) -> dict[tuple[str, str], Cell]:
    """(indicator, period) -> the national cell, for the quarters given."""
    rows = db.session.scalars(db.select(Cell).where(Cell.period.in_(codes), Cell.group_kind == grp.NATIONAL))
    return {(c.indicator, c.period): c for c in rows}


@dataclass
class ThinRegion:
    kind: str
    code: str
    name: str
    suppressed: int
    total: int
    n_municipalities: int


def thin_regions(period: str) -> list[ThinRegion]:
    """Provinces and safety regions with suppressed cells in the quarter, thinnest first (one query)."""
    rows = db.session.execute(
        db.select(Cell.group_kind, Cell.group_code, Cell.group_name,
                  db.func.sum(db.case((Cell.status == "suppressed", 1), else_=0)), db.func.count(),
                  db.func.max(Cell.n_municipalities))
        .where(Cell.period == period, Cell.group_kind.in_((grp.PROVINCE, grp.SAFETY_REGION)))
        .group_by(Cell.group_kind, Cell.group_code, Cell.group_name)).all()
    out = [ThinRegion(*r) for r in rows if r[3]]
    return sorted(out, key=lambda t: (-t.suppressed / t.total, t.kind, t.name))


def csv_rows(cell_list: list[Cell]) -> list[list]:
    """One row per cell and statistic; a suppressed statistic carries no value."""
    rows = []
    for c in cell_list:
        for statistic in STATISTICS:
            value = getattr(c, statistic) if c.published else None
            rows.append([c.indicator, c.period, c.group_kind, c.group_code,
                         grp.group_name(c.group_kind, c.group_code, c.group_name), c.n_municipalities, statistic,
                         "" if value is None else f"{value:.1f}".replace(".", ","),
                         "published" if value is not None else "suppressed"])
    return rows


def to_csv(rows: list[list]) -> bytes:
    """`;`-separated, UTF-8 with a byte-order mark (so Excel opens it with the right characters)."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    writer.writerows(rows)
    return ("\ufeff" + out.getvalue()).encode("utf-8")
