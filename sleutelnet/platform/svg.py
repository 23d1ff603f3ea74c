"""Small server-side SVG charts: a horizontal bar chart and a layered tree (forest) diagram.

Accessible by construction: `role="img"`, an `aria-label` and a `<title>`/`<desc>`; every bar and node
carries its value or status as text, so colour is never the only cue (out-of-range bars are also
hatched); colours meet WCAG contrast (text >= 4.5:1, graphics >= 3:1 on white). Presentation attributes
only — no `style` attributes (the CSP forbids them). Every chart must be followed by a data table.
All text is escaped here; callers pass plain (already translated) strings.
"""
from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

from markupsafe import Markup, escape

FONT = 'font-family="system-ui, sans-serif"'
TEXT = "#1a1a1a"      # 17:1 on white
MUTED = "#545454"     # 7.5:1
BAR = "#1f4e79"       # 8.6:1
ALERT = "#a4262c"     # 6.9:1
GRID = "#c8c8c8"      # decorative only
MARK = "#000000"


def _e(value) -> str:
    return str(escape(value))


def _n(value: float) -> str:
    """A coordinate without needless decimals."""
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _truncate(text: str, limit: int) -> str:
    text = str(text)
    return text if len(text) <= limit else text[: max(limit - 1, 1)].rstrip() + "…"


def _open(chart_id: str, width: float, height: float, title: str, description: str = "") -> list[str]:
    desc = f'<desc id="{_e(chart_id)}-desc">{_e(description)}</desc>' if description else ""
    labelled = f"{chart_id}-title" + (f" {chart_id}-desc" if description else "")
    return [f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="{_e(title)}" '
            f'aria-labelledby="{_e(labelled)}" width="{_n(width)}" height="{_n(height)}" '
            f'viewBox="0 0 {_n(width)} {_n(height)}" {FONT} font-size="14" class="sn-chart">',
            f'<title id="{_e(chart_id)}-title">{_e(title)}</title>{desc}']


# --------------------------------------------------------------------------------------------------
# bar chart
# --------------------------------------------------------------------------------------------------

@dataclass
class Bar:
    """One bar. `value` None draws no bar (unknown or suppressed) — only `value_text` is shown."""

    label: str
    value: float | None
    value_text: str
    target: float | None = None  # a marker line (e.g. target share or minimum)
    low: float | None = None     # an acceptable range (target ± tolerance), drawn as a whisker
    high: float | None = None
    alert: bool = False          # outside the target: hatched bar in the alert colour


@dataclass
class Legend:
    bar: str | None = None
    alert: str | None = None
    target: str | None = None
    range: str | None = None
    extra: list[str] = field(default_factory=list)


def nice_max(value: float) -> float:
    """A round upper bound for a count axis (at least 5)."""
    if value <= 5:
        return 5
    magnitude = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        bound = step * magnitude
        if bound >= value:
            return bound
    return 10 * magnitude


def ticks(max_value: float) -> list[float]:
    """Axis ticks from 0 to max_value: at most six, on whole numbers where possible."""
    for step in (1, 2, 5, 10, 25, 20, 50, 100, 250, 200, 500, 1000, 2500, 2000, 5000):
        if max_value / step <= 5 and (max_value / step) == int(max_value / step):
            return [step * i for i in range(int(max_value / step) + 1)]
    return [max_value * i / 4 for i in range(5)]


def text_width(text: str, size: int = 14, bold: bool = False) -> float:
    """A generous estimate of the rendered width of a text (no font metrics on the server)."""
    return len(str(text)) * size * (0.62 if bold else 0.56)


def bar_chart(chart_id: str, title: str, bars: Sequence[Bar], *, max_value: float, unit: str = "",
              description: str = "", legend: Legend | None = None, label_width: int | None = None) -> Markup:
    """A horizontal bar chart. `unit` is appended to the axis ticks ("%" for shares)."""
    max_value = max_value or 1
    if label_width is None:
        label_width = int(min(max([text_width(b.label) for b in bars] + [80]), 340))
    plot_x, plot_w = label_width + 10, 300
    row_h, bar_h, top = 34, 18, 28
    legend_items = _legend_items(legend)
    scale = plot_w / max_value
    axis_y = top + row_h * max(len(bars), 1)
    height = axis_y + 30 + (24 * len(legend_items))
    parts, right = [], plot_x + plot_w + 30
    any_bar = any(b.value is not None for b in bars)
    for v in ticks(max_value) if any_bar else []:
        x = plot_x + v * scale
        tick = f"{v:g}"
        parts.append(f'<line x1="{_n(x)}" y1="{top - 6}" x2="{_n(x)}" y2="{_n(axis_y)}" stroke="{GRID}" '
                     f'stroke-width="1"/>')
        parts.append(f'<text x="{_n(x)}" y="{top - 10}" text-anchor="middle" font-size="12" fill="{MUTED}">'
                     f'{_e(tick)}{_e(unit)}</text>')
    parts.append(f'<line x1="{plot_x}" y1="{top - 6}" x2="{plot_x}" y2="{_n(axis_y)}" stroke="{TEXT}" '
                 f'stroke-width="1"/>')
    for i, bar in enumerate(bars):
        y = top + i * row_h + (row_h - bar_h) / 2
        mid = y + bar_h / 2
        parts.append("<g>")
        parts.append(f'<text x="{label_width}" y="{_n(mid + 5)}" text-anchor="end" fill="{TEXT}">'
                     f'{_e(_truncate(bar.label, int(label_width / 7.5)))}</text>')
        end = plot_x
        if bar.value is not None:
            w = max(min(bar.value, max_value) * scale, 0)
            end = plot_x + w
            if w > 0:
                if bar.alert:
                    parts.append(f'<rect x="{plot_x}" y="{_n(y)}" width="{_n(w)}" height="{bar_h}" '
                                 f'fill="url(#{_e(chart_id)}-hatch)" stroke="{ALERT}" stroke-width="2"/>')
                else:
                    parts.append(f'<rect x="{plot_x}" y="{_n(y)}" width="{_n(w)}" height="{bar_h}" fill="{BAR}"/>')
        if bar.low is not None and bar.high is not None:
            x1, x2 = plot_x + bar.low * scale, plot_x + min(bar.high, max_value) * scale
            wy = y + bar_h + 5
            parts.append(f'<path d="M{_n(x1)} {_n(wy - 4)}V{_n(wy + 4)}M{_n(x1)} {_n(wy)}H{_n(x2)}'
                         f'M{_n(x2)} {_n(wy - 4)}V{_n(wy + 4)}" stroke="{MARK}" stroke-width="1.5" fill="none"/>')
        if bar.target is not None:
            x = plot_x + min(bar.target, max_value) * scale
            parts.append(f'<line x1="{_n(x)}" y1="{_n(y - 4)}" x2="{_n(x)}" y2="{_n(y + bar_h + 4)}" '
                         f'stroke="{MARK}" stroke-width="3" stroke-dasharray="4 2"/>')
        marks = [plot_x + min(v, max_value) * scale for v in (bar.target, bar.high) if v is not None]
        text_x = max([end] + marks) + 8
        colour = ALERT if bar.alert else TEXT
        weight = ' font-weight="bold"' if bar.alert else ""
        parts.append(f'<text x="{_n(text_x)}" y="{_n(mid + 5)}" fill="{colour}"{weight}>{_e(bar.value_text)}</text>')
        parts.append("</g>")
        right = max(right, text_x + text_width(bar.value_text, bold=bar.alert))
    ly = axis_y + 26
    for kind, text in legend_items:
        parts.append(_legend_symbol(chart_id, kind, plot_x, ly))
        parts.append(f'<text x="{plot_x + 34}" y="{ly + 5}" fill="{TEXT}" font-size="13">{_e(text)}</text>')
        right = max(right, plot_x + 34 + text_width(text, 13))
        ly += 24
    out = _open(chart_id, math.ceil(right + 10), height, title, description)
    out.append(f'<defs><pattern id="{_e(chart_id)}-hatch" width="8" height="8" patternUnits="userSpaceOnUse" '
               f'patternTransform="rotate(45)"><rect width="8" height="8" fill="#ffffff"/>'
               f'<line x1="0" y1="0" x2="0" y2="8" stroke="{ALERT}" stroke-width="4"/></pattern></defs>')
    out.extend(parts)
    out.append("</svg>")
    return Markup("".join(out))


def _legend_items(legend: Legend | None) -> list[tuple[str, str]]:
    if legend is None:
        return []
    items = [(kind, getattr(legend, kind)) for kind in ("bar", "alert", "target", "range") if getattr(legend, kind)]
    return items + [("text", text) for text in legend.extra]


def _legend_symbol(chart_id: str, kind: str, x: float, y: float) -> str:
    if kind == "bar":
        return f'<rect x="{_n(x)}" y="{_n(y - 6)}" width="24" height="12" fill="{BAR}"/>'
    if kind == "alert":
        return (f'<rect x="{_n(x)}" y="{_n(y - 6)}" width="24" height="12" fill="url(#{_e(chart_id)}-hatch)" '
                f'stroke="{ALERT}" stroke-width="2"/>')
    if kind == "target":
        return (f'<line x1="{_n(x + 12)}" y1="{_n(y - 8)}" x2="{_n(x + 12)}" y2="{_n(y + 8)}" stroke="{MARK}" '
                f'stroke-width="3" stroke-dasharray="4 2"/>')
    if kind == "range":
        return (f'<path d="M{_n(x)} {_n(y - 4)}V{_n(y + 4)}M{_n(x)} {_n(y)}H{_n(x + 24)}M{_n(x + 24)} {_n(y - 4)}'
                f'V{_n(y + 4)}" stroke="{MARK}" stroke-width="1.5" fill="none"/>')
    return ""


# --------------------------------------------------------------------------------------------------
# tree / forest
# --------------------------------------------------------------------------------------------------

@dataclass
class TreeNode:
    """A laid-out node: `depth` is the column, `row` the (possibly fractional) line it sits on."""

    key: str
    label: str
    sublabel: str
    depth: int
    row: float
    parent: str | None = None
    fill: str = "#ffffff"


NODE_W, NODE_H, COL_W, ROW_H, PAD = 200, 40, 250, 52, 12


def tree_chart(chart_id: str, title: str, nodes: Sequence[TreeNode], *, description: str = "",
               separators: Sequence[float] = ()) -> Markup:
    """Nodes left to right by depth, connected to their parent with elbow lines. Each node shows two lines
    of text (name, status); `fill` is an extra cue only. `separators`: rows between which a line is drawn
    (between the trees of a forest)."""
    depth = max((n.depth for n in nodes), default=0)
    rows = max((n.row for n in nodes), default=0) + 1
    width = PAD * 2 + depth * COL_W + NODE_W
    height = PAD * 2 + rows * ROW_H
    out = _open(chart_id, width, height, title, description)
    by_key = {n.key: n for n in nodes}

    def pos(n: TreeNode) -> tuple[float, float]:
        return PAD + n.depth * COL_W, PAD + n.row * ROW_H + (ROW_H - NODE_H) / 2

    for r in separators:
        y = PAD + r * ROW_H
        out.append(f'<line x1="{PAD}" y1="{_n(y)}" x2="{_n(width - PAD)}" y2="{_n(y)}" stroke="{GRID}" '
                   f'stroke-width="1" stroke-dasharray="2 4"/>')
    for n in nodes:  # edges first, under the nodes
        parent = by_key.get(n.parent) if n.parent else None
        if parent is None:
            continue
        (px, py), (cx, cy) = pos(parent), pos(n)
        x1, y1 = px + NODE_W, py + NODE_H / 2
        x2, y2 = cx, cy + NODE_H / 2
        mid = x1 + (x2 - x1) / 2
        out.append(f'<path d="M{_n(x1)} {_n(y1)}H{_n(mid)}V{_n(y2)}H{_n(x2 - 6)}" stroke="{MUTED}" '
                   f'stroke-width="1.5" fill="none"/>')
        out.append(f'<path d="M{_n(x2 - 7)} {_n(y2 - 4)}L{_n(x2)} {_n(y2)}L{_n(x2 - 7)} {_n(y2 + 4)}Z" '
                   f'fill="{MUTED}"/>')
    for n in nodes:
        x, y = pos(n)
        out.append("<g>")
        out.append(f'<rect x="{_n(x)}" y="{_n(y)}" width="{NODE_W}" height="{NODE_H}" rx="4" fill="{_e(n.fill)}" '
                   f'stroke="{TEXT}" stroke-width="1"/>')
        out.append(f'<text x="{_n(x + 8)}" y="{_n(y + 16)}" fill="{TEXT}" font-weight="bold">'
                   f'{_e(_truncate(n.label, 24))}</text>')
        out.append(f'<text x="{_n(x + 8)}" y="{_n(y + 33)}" fill="{TEXT}" font-size="12">'
                   f'{_e(_truncate(n.sublabel, 28))}</text>')
        out.append("</g>")
    out.append("</svg>")
    return Markup("".join(out))
