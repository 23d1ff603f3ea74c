"""Server-side SVG band charts for the benchmarks (same conventions as platform/svg.py).

`role="img"` with a title and description, presentation attributes only (the CSP forbids style
attributes), every row carries its value as text so colour is never the only cue, and every chart is
followed by a data table. The same markup goes into the page and into the WeasyPrint report.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

from markupsafe import Markup, escape

TEXT, MUTED, BAND, MEDIAN, OWN, GRID = "#1a1a1a", "#545454", "#1f4e79", "#000000", "#a4262c", "#c8c8c8"


@dataclass
class BandRow:
    label: str
    text: str                  # the figures as text (always shown)
    low: float | None = None   # 25th percentile
    mid: float | None = None   # median
    high: float | None = None  # 75th percentile
    mean: float | None = None  # shown as a diamond when there is no band


def _e(v) -> str:
    return str(escape(v))


def _n(v: float) -> str:
    return f"{v:.1f}".rstrip("0").rstrip(".")


def _bounds(values: list[float]) -> tuple[float, float]:
    lo, hi = min(values + [0.0]), max(values + [1.0])
    span = hi - lo
    step = 10 ** math.floor(math.log10(span)) if span > 0 else 1
    for factor in (1, 2, 2.5, 5, 10):
        if span / (step * factor) <= 5:
            step *= factor
            break
    return math.floor(lo / step) * step, math.ceil(hi / step) * step


def band_chart(chart_id: str, title: str, rows: list[BandRow], *, own: float | None = None, unit: str = "",
               description: str = "", legend: dict[str, str] | None = None) -> Markup:
    values = [v for r in rows for v in (r.low, r.mid, r.high, r.mean) if v is not None]
    if own is not None:
        values.append(own)
    lo, hi = _bounds(values)
    label_w = int(min(max([len(r.label) * 7.8 for r in rows] + [80]), 300))
    plot_x, plot_w, row_h, top = label_w + 12, 320, 32, 30
    scale = plot_w / ((hi - lo) or 1)

    def x(v: float) -> float:
        return plot_x + (v - lo) * scale

    axis_y = top + row_h * max(len(rows), 1)
    legend = legend or {}
    height = axis_y + 16 + 24 * len(legend)
    right = plot_x + plot_w + 16 + max([len(r.text) * 7.8 for r in rows] + [0])
    for text in legend.values():
        right = max(right, plot_x + 34 + len(text) * 7.5)
    width = math.ceil(right + 8)
    labelled = f"{chart_id}-title" + (f" {chart_id}-desc" if description else "")
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="{_e(title)}" '
           f'aria-labelledby="{_e(labelled)}" width="{width}" height="{_n(height)}" '
           f'viewBox="0 0 {width} {_n(height)}" font-family="system-ui, sans-serif" font-size="14" class="sn-chart">',
           f'<title id="{_e(chart_id)}-title">{_e(title)}</title>']
    if description:
        out.append(f'<desc id="{_e(chart_id)}-desc">{_e(description)}</desc>')
    for i in range(6):
        v = lo + (hi - lo) * i / 5
        out.append(f'<line x1="{_n(x(v))}" y1="{top - 6}" x2="{_n(x(v))}" y2="{_n(axis_y)}" stroke="{GRID}"/>')
        out.append(f'<text x="{_n(x(v))}" y="{top - 10}" text-anchor="middle" font-size="12" fill="{MUTED}">'
                   f'{_e(_n(v))}{_e(unit)}</text>')
    for i, r in enumerate(rows):
        y = top + i * row_h
        mid_y = y + row_h / 2
        out.append(f'<g><text x="{label_w}" y="{_n(mid_y + 5)}" text-anchor="end" fill="{TEXT}">{_e(r.label)}</text>')
        if r.low is not None and r.high is not None:
            out.append(f'<rect x="{_n(x(r.low))}" y="{_n(mid_y - 8)}" width="{_n(max(x(r.high) - x(r.low), 2))}" '
                       f'height="16" fill="{BAND}"/>')
        if r.mid is not None:
            out.append(f'<line x1="{_n(x(r.mid))}" y1="{_n(mid_y - 12)}" x2="{_n(x(r.mid))}" y2="{_n(mid_y + 12)}" '
                       f'stroke="{MEDIAN}" stroke-width="4"/>')
        elif r.mean is not None:
            cx = x(r.mean)
            out.append(f'<path d="M{_n(cx)} {_n(mid_y - 8)}L{_n(cx + 8)} {_n(mid_y)}L{_n(cx)} {_n(mid_y + 8)}'
                       f'L{_n(cx - 8)} {_n(mid_y)}Z" fill="{BAND}" stroke="{MEDIAN}"/>')
        out.append(f'<text x="{_n(plot_x + plot_w + 16)}" y="{_n(mid_y + 5)}" fill="{TEXT}">{_e(r.text)}</text></g>')
    if own is not None:
        out.append(f'<line x1="{_n(x(own))}" y1="{top - 4}" x2="{_n(x(own))}" y2="{_n(axis_y)}" stroke="{OWN}" '
                   f'stroke-width="3" stroke-dasharray="6 3"/>')
    ly = axis_y + 20
    symbols = {
        "band": f'<rect x="{plot_x}" y="{{y}}" width="24" height="12" fill="{BAND}"/>',
        "median": f'<line x1="{plot_x + 12}" y1="{{y}}" x2="{plot_x + 12}" y2="{{y2}}" stroke="{MEDIAN}" stroke-width="4"/>',
        "mean": f'<path d="M{plot_x + 12} {{y}}l8 6l-8 6l-8 -6Z" fill="{BAND}" stroke="{MEDIAN}"/>',
        "own": f'<line x1="{plot_x + 12}" y1="{{y}}" x2="{plot_x + 12}" y2="{{y2}}" stroke="{OWN}" stroke-width="3" '
               f'stroke-dasharray="6 3"/>',
    }
    for kind, text in legend.items():
        out.append(symbols[kind].format(y=_n(ly - 6), y2=_n(ly + 8)))
        out.append(f'<text x="{plot_x + 34}" y="{_n(ly + 5)}" fill="{TEXT}" font-size="13">{_e(text)}</text>')
        ly += 24
    out.append("</svg>")
    return Markup("".join(out))
