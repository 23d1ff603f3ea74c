"""The band charts of the comparison page, the ESS pages and the report (texts translated here)."""
from __future__ import annotations

from flask_babel import gettext as _

from . import groups as grp
from . import periods
from .readings import fmt
from .svg import BandRow, band_chart


def cell_text(cell, unit: str) -> str:
    if cell is None or not cell.published:
        return _("not published")
    if cell.median is not None:
        return _("median %(median)s (%(low)s–%(high)s)", median=fmt(cell.median, unit), low=fmt(cell.p25, unit),
                 high=fmt(cell.p75, unit))
    return _("average %(mean)s", mean=fmt(cell.mean, unit))


def _row(label: str, cell, unit: str) -> BandRow:
    published = cell is not None and cell.published
    return BandRow(label, cell_text(cell, unit), low=cell.p25 if published else None,
                   mid=cell.median if published else None, high=cell.p75 if published else None,
                   mean=cell.mean if published else None)


def _legend(own: bool) -> dict[str, str]:
    legend = {"band": _("middle half of the municipalities (25th to 75th percentile)"), "median": _("median"),
              "mean": _("average (fewer than 10 municipalities: no median)")}
    if own:
        legend["own"] = _("your municipality")
    return legend


def comparison_chart(item) -> str:
    unit = item.indicator.unit
    rows = [_row(f"{r.kind_label}: {r.name}" if r.kind != grp.NATIONAL else r.name, r.cell, unit) for r in item.rows]
    title = _("%(indicator)s: your municipality against its peer groups", indicator=item.indicator.label)
    own = fmt(item.own, unit) if item.own is not None else _("no value")
    return band_chart(f"cmp-{item.code.replace('.', '-')}", title, rows, own=item.own, unit=unit,
                      description=_("Your value: %(own)s. The same figures are in the table below.", own=own),
                      legend=_legend(item.own is not None))


def regional_chart(indicator, cell_list) -> str:
    rows = [_row(grp.group_name(c.group_kind, c.group_code, c.group_name), c, indicator.unit) for c in cell_list]
    return band_chart(f"reg-{indicator.code.replace('.', '-')}", _("%(indicator)s per region",
                                                                   indicator=indicator.label),
                      rows, unit=indicator.unit, legend=_legend(False),
                      description=_("The same figures are in the table below."))


def trend_chart(indicator, codes: list[str], trend: dict) -> str:
    rows = [_row(periods.label(code), trend.get((indicator.code, code)), indicator.unit) for code in codes]
    return band_chart(f"trend-{indicator.code.replace('.', '-')}", _("%(indicator)s in the Netherlands per quarter",
                                                                     indicator=indicator.label),
                      rows, unit=indicator.unit, legend=_legend(False),
                      description=_("The same figures are in the table below."))
