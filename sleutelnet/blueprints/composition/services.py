"""The composition of a network against its targets (§2.2), with the warnings a coordinator needs.

`composition_report` gathers everything for the composition page with a fixed number of queries.
Only active key persons count. The special-category dimension (migration background) is computed only
when asked (`include_special`, i.e. for coordinators) and leaves this module as suppressed cells
(`disclosure.py`) and a dimension-level verdict, never as exact small numbers.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

from flask_babel import gettext as _

from ...platform.features import once
from ..keypersons import choices as kp
from ..network.models import Network
from . import queries, targets as targets_mod
from .disclosure import Cell, shares_allowed, suppress_small_counts
from .targets import DEFAULT_MAX_SHARE, Dimension, Targets

NOT_RECORDED = "not_recorded"


@dataclass
class Alert:
    message: str
    level: str = "warning"  # utrecht-alert--warning | --info


@dataclass
class RoleRow:
    code: str
    label: str
    count: int
    share: float | None
    min_count: int | None
    min_share: int | None
    required: int
    default: bool

    @property
    def missing(self) -> bool:
        return self.count == 0 and self.required > 0

    @property
    def below(self) -> bool:
        return self.count < self.required


@dataclass
class CategoryRow:
    code: str
    label: str
    count: int | None           # None when suppressed
    cell: Cell | None = None    # special category: what may be published
    share: float | None = None  # percent of the recorded persons; None when not shown
    target: int | None = None
    tolerance: int | None = None
    limit: int | None = None    # the default ceiling (70%)
    out: bool = False           # outside the target range / above the limit (never set for special data)

    @property
    def low(self) -> int | None:
        return None if self.target is None else max(self.target - (self.tolerance or 0), 0)

    @property
    def high(self) -> int | None:
        return None if self.target is None else min(self.target + (self.tolerance or 0), 100)


@dataclass
class DimensionReport:
    dimension: Dimension
    rows: list[CategoryRow]
    recorded: int | None              # None when it could reveal a suppressed cell
    not_recorded: CategoryRow
    default: bool
    out_of_balance: bool
    shares_shown: bool = True
    has_data: bool = True  # recorded for at least one active person (else nothing can be assessed)

    @property
    def code(self) -> str:
        return self.dimension.code

    @property
    def special(self) -> bool:
        return self.dimension.special


@dataclass
class DistrictRow:
    id: int
    name: str
    persons: int
    parts: int           # buurten in the wijk
    parts_covered: int
    worked_in: bool = False  # the network has or had someone here (any status): part of its area


@dataclass
class NeighbourhoodCoverage:
    districts: list[DistrictRow]
    not_recorded: int
    defined: bool

    @property
    def uncovered(self) -> list[DistrictRow]:
        """Districts of the network's own area without an active key person (a district where it never had
        anyone is not its area: a network for one community or part of town gets no warning for the rest)."""
        return [d for d in self.districts if d.persons == 0 and d.worked_in]


@dataclass
class OrganisationRow:
    kind: str
    label: str
    organisations: int
    represented: int
    persons: int


@dataclass
class CompositionReport:
    network: Network
    active_total: int
    roles: list[RoleRow]
    without_role: int
    dimensions: list[DimensionReport]
    neighbourhoods: NeighbourhoodCoverage
    organisations: list[OrganisationRow]
    targets: Targets
    warnings: list[Alert] = field(default_factory=list)
    notices: list[Alert] = field(default_factory=list)


def composition_report(network: Network, *, include_special: bool) -> CompositionReport:
    targets = targets_mod.load(network.id)
    figures = queries.network_figures(network.id)
    total, without_role = figures.total, figures.without_role
    roles = _roles(figures.roles, total, targets)
    plain = figures.dimensions
    dims = []
    for dim in targets_mod.dimensions(include_special):
        if dim.special:
            dims.append(_special_dimension(dim, queries.migration_background_counts(network.id, total), targets))
        else:
            dims.append(_dimension(dim, plain.get(dim.code, {}), targets))
    report = CompositionReport(network, total, roles, without_role, dims, _neighbourhoods(figures),
                               _organisations(figures), targets)
    _warn(report)
    return report


def plain_report(network: Network) -> CompositionReport:
    """`composition_report` without the special categories; inside an indicator run (`features.once`) read
    once per network for the health score and the national diversity balance, whatever the quarters."""
    return once(("composition.plain_report", network.id), lambda: composition_report(network, include_special=False))


def _share(count: int, total: int) -> float | None:
    return 100.0 * count / total if total else None


def _roles(counts: dict[str, int], total: int, targets: Targets) -> list[RoleRow]:
    rows = []
    for code, label in kp.ROLES.items():
        rule = targets.roles[code]
        required = max(rule.min_count or 0,
                       math.ceil(rule.min_share * total / 100) if rule.min_share is not None else 0)
        rows.append(RoleRow(code, str(label), counts.get(code, 0), _share(counts.get(code, 0), total),
                            rule.min_count, rule.min_share, required, rule.default))
    return rows


def _evaluate(row: CategoryRow, share: float | None, rule) -> bool:
    if share is None:
        return False
    if row.target is not None:
        return abs(share - row.target) > (row.tolerance or 0)
    if rule.default:
        return share > DEFAULT_MAX_SHARE
    return False


def _rule_fields(dim: Dimension, code: str, rule) -> dict:
    if rule.default:
        return {"limit": DEFAULT_MAX_SHARE}
    return {"target": rule.shares.get(code), "tolerance": rule.tolerance.get(code)}


def _dimension(dim: Dimension, counts: dict, targets: Targets) -> DimensionReport:
    rule = targets.dimensions[dim.code]
    recorded = sum(n for c, n in counts.items() if c in dim.categories)
    not_recorded = sum(n for c, n in counts.items() if c not in dim.categories)
    rows = []
    for code, label in dim.categories.items():
        n = counts.get(code, 0)
        row = CategoryRow(code, str(label), n, share=_share(n, recorded), **_rule_fields(dim, code, rule))
        row.out = _evaluate(row, row.share, rule)
        rows.append(row)
    return DimensionReport(dim, rows, recorded,
                           CategoryRow(NOT_RECORDED, _("Not recorded"), not_recorded), rule.default,
                           any(r.out for r in rows), has_data=recorded > 0)


def _special_dimension(dim: Dimension, counts: dict, targets: Targets) -> DimensionReport:
    """Migration background: the verdict uses the exact numbers; what is returned is suppressed."""
    rule = targets.dimensions[dim.code]
    exact = {code: counts.get(code, 0) for code in dim.categories}
    recorded = sum(exact.values())
    exact_not_recorded = sum(n for c, n in counts.items() if c not in dim.categories)
    cells = suppress_small_counts({**exact, NOT_RECORDED: exact_not_recorded})
    show_shares = shares_allowed(cells)
    rows, out = [], False
    for code, label in dim.categories.items():
        row = CategoryRow(code, str(label), cells[code].value, cell=cells[code], **_rule_fields(dim, code, rule))
        out = _evaluate(row, _share(exact[code], recorded), rule) or out
        row.share = _share(exact[code], recorded) if show_shares else None
        rows.append(row)
    not_recorded = CategoryRow(NOT_RECORDED, _("Not recorded or no consent"), cells[NOT_RECORDED].value,
                               cell=cells[NOT_RECORDED])
    return DimensionReport(dim, rows, recorded if show_shares else None, not_recorded, rule.default, out,
                           shares_shown=show_shares, has_data=recorded > 0)


def _neighbourhoods(figures: queries.NetworkFigures) -> NeighbourhoodCoverage:
    places = queries.neighbourhoods()
    counts = figures.neighbourhoods
    parent_of = {pid: parent for pid, _name, parent in places}
    districts = {pid: DistrictRow(pid, name, 0, 0, 0) for pid, name, parent in places if parent is None}
    for pid, _name, parent in places:
        if parent is not None and parent in districts:
            districts[parent].parts += 1
            if counts.get(pid, 0):
                districts[parent].parts_covered += 1
    for pid, n in counts.items():
        if pid is None:
            continue
        district = districts.get(pid) or districts.get(parent_of.get(pid))
        if district is not None:
            district.persons += n
    for pid in figures.worked_in:
        district = districts.get(pid) or districts.get(parent_of.get(pid))
        if district is not None:
            district.worked_in = True
    return NeighbourhoodCoverage(list(districts.values()), counts.get(None, 0), bool(places))


def _organisations(figures: queries.NetworkFigures) -> list[OrganisationRow]:
    in_list = queries.organisation_kinds()
    covered = figures.organisations
    rows = []
    for kind, label in kp.ORGANISATION_TYPES.items():
        if kind in in_list or kind in covered:
            represented, persons = covered.get(kind, (0, 0))
            rows.append(OrganisationRow(kind, str(label), in_list.get(kind, 0), represented, persons))
    return rows


def _pct(value: float) -> str:
    return f"{round(value)}%"


def _warn(report: CompositionReport) -> None:
    if report.active_total == 0:
        report.notices.append(Alert(_("This network has no active key persons yet. The composition is measured "
                                      "over active key persons only."), "info"))
        return
    for role in report.roles:
        if role.missing:
            report.warnings.append(Alert(_("Role missing: %(role)s — no active key person has this role.",
                                           role=role.label)))
        elif role.below:
            report.warnings.append(Alert(_("Too few for the target: %(role)s — %(count)d active, at least "
                                           "%(required)d wanted.", role=role.label, count=role.count,
                                           required=role.required)))
    for dim in report.dimensions:
        if not dim.out_of_balance:
            continue
        if dim.special:
            report.warnings.append(Alert(_("Out of balance: the composition by %(dimension)s is outside the "
                                           "targets.", dimension=str(dim.dimension.label).lower())))
            continue
        for row in dim.rows:
            if not row.out:
                continue
            if row.target is not None:
                report.warnings.append(Alert(_(
                    "Out of balance: %(category)s is %(share)s of those recorded for %(dimension)s; the target is "
                    "%(target)s (± %(tolerance)s percentage points).", category=row.label, share=_pct(row.share),
                    dimension=str(dim.dimension.label).lower(), target=_pct(row.target),
                    tolerance=row.tolerance)))
            else:
                report.warnings.append(Alert(_(
                    "Out of balance: %(category)s is %(share)s of those recorded for %(dimension)s (more than "
                    "%(limit)s).", category=row.label, share=_pct(row.share),
                    dimension=str(dim.dimension.label).lower(), limit=_pct(row.limit))))
    without_data = [str(d.dimension.label).lower() for d in report.dimensions if not d.has_data]
    if without_data:
        report.notices.append(Alert(_("No data recorded yet for %(dimensions)s: not assessed.",
                                      dimensions=", ".join(without_data)), "info"))
    uncovered = report.neighbourhoods.uncovered
    if uncovered:
        report.warnings.append(Alert(_("No active key person from these districts: %(names)s.",
                                       names=", ".join(d.name for d in uncovered))))
    if report.without_role:
        report.notices.append(Alert(_("Active key persons without a recorded role: %(count)d.",
                                      count=report.without_role), "info"))
