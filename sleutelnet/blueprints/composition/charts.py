"""Turning the reports into SVG charts (svg.py). Every chart here has a data table in the template."""
from __future__ import annotations

from flask_babel import gettext as _, ngettext
from markupsafe import Markup

from ..keypersons import choices as kp
from ...platform import svg
from .recruitment import STAGES, Funnel
from .referrals import Forest
from .services import CompositionReport, DimensionReport

STAGE_LABELS = {"lead": kp.STATUSES["lead"], "intake": kp.STATUSES["intake"], "active": kp.STATUSES["active"]}
# node fills per status: light tints (text on them stays >= 12:1); the status is also written in the node
STATUS_FILLS = {"lead": "#e6eef8", "intake": "#fff4cc", "active": "#dcefdc", "paused": "#ececec",
                "exited": "#f6dede", "returned": "#ece3f6"}


def pct(value: float | None) -> str:
    return "" if value is None else f"{round(value)}%"


def roles_chart(report: CompositionReport) -> Markup:
    bars = []
    for role in report.roles:
        if role.missing:
            text = _("0 — missing")
        else:
            text = f"{role.count} ({pct(role.share)})" + (" — " + _("too few") if role.below else "")
        bars.append(svg.Bar(role.label, role.count, text, target=role.required or None, alert=role.below))
    top = max([r.count for r in report.roles] + [r.required for r in report.roles] + [1])
    return svg.bar_chart("chart-roles", _("Active key persons per role"), bars, max_value=svg.nice_max(top),
                         description=_("Number of active key persons with each role, against the minimum wanted."),
                         legend=svg.Legend(bar=_("Active key persons"), alert=_("Below the minimum"),
                                           target=_("Minimum wanted")))


def dimension_chart(dim: DimensionReport) -> Markup:
    chart_id = f"chart-{dim.code}"
    title = _("%(dimension)s of the active key persons", dimension=dim.dimension.label)
    if dim.special and not dim.shares_shown:
        # small numbers: no shares, no bar lengths for hidden cells
        bars = [svg.Bar(r.label, r.count, _cell_text(r), alert=False) for r in dim.rows]
        top = max([r.count or 0 for r in dim.rows] + [1])
        return svg.bar_chart(chart_id, title, bars, max_value=svg.nice_max(top),
                             description=_("Numbers below 5 are not shown; shares are not shown to protect them."),
                             legend=svg.Legend(bar=_("Active key persons"),
                                               extra=[_("< 5: fewer than 5; hidden: left out to protect small "
                                                        "numbers")]))
    bars = []
    for r in dim.rows:
        out = "" if dim.special else (" — " + _("outside target") if r.out else "")
        text = (f"{pct(r.share)} ({_cell_text(r)})" if r.share is not None else _cell_text(r)) + out
        if r.target is not None:
            bars.append(svg.Bar(r.label, r.share, text, target=r.target, low=r.low, high=r.high,
                                alert=r.out and not dim.special))
        else:
            bars.append(svg.Bar(r.label, r.share, text, target=r.limit, alert=r.out and not dim.special))
    if dim.default:
        legend = svg.Legend(bar=_("Share of those recorded"), alert=_("Above the limit"),
                            target=_("Limit: no group above 70%"))
    else:
        legend = svg.Legend(bar=_("Share of those recorded"), alert=_("Outside the target range"),
                            target=_("Target share"), range=_("Target range (tolerance)"))
    if dim.special:
        legend.alert = None
    return svg.bar_chart(chart_id, title, bars, max_value=100, unit="%",
                         description=_("Share of each group among the active key persons for whom it is recorded."),
                         legend=legend)


def _cell_text(row) -> str:
    if row.cell is not None and row.cell.hidden:
        return str(row.cell) if row.cell.small else _("hidden")
    return "" if row.count is None else str(row.count)


def neighbourhood_chart(report: CompositionReport) -> Markup:
    districts = report.neighbourhoods.districts
    bars = [svg.Bar(d.name, d.persons, str(d.persons) if d.persons else _("0 — nobody"), alert=d.persons == 0)
            for d in districts]
    top = max([d.persons for d in districts] + [1])
    return svg.bar_chart("chart-districts", _("Active key persons per district"), bars, max_value=svg.nice_max(top),
                         description=_("Number of active key persons living or working in each district (wijk), "
                                       "including its neighbourhoods."),
                         legend=svg.Legend(bar=_("Active key persons"),
                                           extra=[_("0 — nobody: no one from this district")]))


def organisation_chart(report: CompositionReport) -> Markup:
    bars = [svg.Bar(o.label, o.persons, ngettext("%(persons)d (%(represented)d of %(num)d organisation)",
                                                 "%(persons)d (%(represented)d of %(num)d organisations)",
                                                 o.organisations, persons=o.persons, represented=o.represented)) for o in report.organisations]
    top = max([o.persons for o in report.organisations] + [1])
    return svg.bar_chart("chart-organisations", _("Active key persons per type of organisation"), bars,
                         max_value=svg.nice_max(top),
                         description=_("Active key persons linked to an organisation of each type, and how many of "
                                       "the organisations of that type are represented."),
                         legend=svg.Legend(bar=_("Active key persons")))


def funnel_chart(funnel: Funnel) -> Markup:
    total = funnel.total
    bars = []
    for stage in STAGES:
        conv = total.conversion(stage)
        text = str(total.reached[stage]) + (f" ({pct(conv)})" if conv is not None else "")
        bars.append(svg.Bar(str(STAGE_LABELS[stage]), total.reached[stage], text))
    return svg.bar_chart("chart-funnel", _("Recruitment funnel, all channels"), bars,
                         max_value=svg.nice_max(max(total.reached.values()) or 1),
                         description=_("Number of persons who ever reached each stage; between brackets the share of "
                                       "the previous stage."),
                         legend=svg.Legend(bar=_("Persons who reached the stage")))


def conversion_chart(funnel: Funnel, channel_labels: dict) -> Markup:
    bars = []
    for row in funnel.rows:
        first, active = row.reached[STAGES[0]], row.reached[STAGES[-1]]
        text = _("%(share)s (%(active)d of %(first)d)", share=pct(row.overall) or "—", active=active, first=first)
        bars.append(svg.Bar(channel_labels[row.channel], row.overall, text))
    return svg.bar_chart("chart-conversion", _("Candidates who became active, per recruitment channel"), bars,
                         max_value=100, unit="%",
                         description=_("Share of the candidates of each channel who ever became active."),
                         legend=svg.Legend(bar=_("Share that became active")))


def referral_chart(forest: Forest, status_labels: dict) -> Markup:
    nodes = []
    for p in forest.nodes:
        sub = str(status_labels.get(p.status, p.status))
        if p.parent is None and p.referred_by_id is not None:
            sub = _("%(status)s · referred from elsewhere", status=sub)
        nodes.append(svg.TreeNode(str(p.id), p.name, sub, p.depth, p.row,
                                  str(p.parent.id) if p.parent else None, STATUS_FILLS.get(p.status, "#ffffff")))
    separators = [c.first_row for c in forest.chains[1:]]
    return svg.tree_chart("chart-referrals", _("Who referred whom (snowball method)"), nodes,
                          description=_("Each box is a key person with their status; an arrow points from the person "
                                        "who referred to the person referred."), separators=separators)
