"""Numbers as text, and the plain-language reading of a municipality's value against its peer groups."""
from __future__ import annotations

from flask_babel import format_decimal, gettext as _

from ..keypersons import choices as kp
from . import groups as grp


def fmt(value: float | None, unit: str = "") -> str:
    """A published value for people: one decimal at most, locale-aware, with its unit."""
    if value is None:
        return "–"
    text = format_decimal(value, format="#,##0.#")
    return f"{text}{unit}" if unit == "%" else text


def reason_label(reason: str | None) -> str:
    labels = {
        "too_few_municipalities": _("fewer than 5 municipalities"),
        "too_few_key_persons": _("fewer than 10 key persons"),
        "dominance": _("two municipalities would dominate"),
        "differencing": _("would reveal a difference with another group"),
        "derivable": _("would make a value derivable from other figures"),
    }
    return labels.get(reason or "", _("not published"))


def position_of(own: float, cell) -> str | None:
    """'below', 'middle', 'above' against the middle half; or 'lower'/'higher' than the mean; None if n/a."""
    if cell is None or not cell.published:
        return None
    if cell.median is not None and cell.p25 is not None and cell.p75 is not None:
        if own < cell.p25:
            return "below"
        if own > cell.p75:
            return "above"
        return "middle"
    if cell.mean is not None:
        return "lower" if own < cell.mean else ("higher" if own > cell.mean else "equal")
    return None


def _sentence(position: str, group: str, cell, unit: str) -> str:
    if position == "below":
        return _("Lower than most municipalities in %(group)s: below the middle half (%(low)s to %(high)s).",
                 group=group, low=fmt(cell.p25, unit), high=fmt(cell.p75, unit))
    if position == "above":
        return _("Higher than most municipalities in %(group)s: above the middle half (%(low)s to %(high)s).",
                 group=group, low=fmt(cell.p25, unit), high=fmt(cell.p75, unit))
    if position == "middle":
        return _("Like most municipalities in %(group)s: within the middle half (%(low)s to %(high)s).",
                 group=group, low=fmt(cell.p25, unit), high=fmt(cell.p75, unit))
    if position == "lower":
        return _("Below the average of %(group)s (%(mean)s).", group=group, mean=fmt(cell.mean, unit))
    if position == "higher":
        return _("Above the average of %(group)s (%(mean)s).", group=group, mean=fmt(cell.mean, unit))
    return _("Equal to the average of %(group)s (%(mean)s).", group=group, mean=fmt(cell.mean, unit))


def for_comparison(item) -> list[str]:
    """Sentences for the comparison page, one per peer group with a published figure."""
    unit = item.indicator.unit
    if item.own is None:
        if not item.opted_in:
            return [_("Your municipality does not take part in this indicator (see the settings).")]
        return [_("There is no value for your municipality in this quarter (no data for this indicator).")]
    out = []
    for row in item.rows:
        position = position_of(item.own, row.cell)
        if position is not None:
            group = row.name if row.kind == grp.NATIONAL else f"{row.kind_label.lower()} {row.name}"
            out.append(_sentence(position, group, row.cell, unit))
    if item.third:
        out.append(_("Among the 10 most similar municipalities your value is in the %(third)s.",
                     third=grp.THIRD_LABELS[item.third]))
    if not out:
        out.append(_("No peer group has a published figure for this indicator yet."))
    return out


def exit_reason_label(code: str) -> str:
    return kp.label(kp.EXIT_REASONS, code.split(".", 1)[-1])
