"""Statistical disclosure control: small counts in one table, and statistics of groups of municipalities.

Part 1 (special-category data, AVG art. 9, the composition page): small counts in one table.

`suppress_small_counts` hides every count below the threshold (primary suppression, shown as "< 5"),
then hides further cells (complementary suppression) so that no hidden count can be worked out from
the published total minus the visible cells. The rule for complementary suppression: the hidden cells
must include at least one cell that is not small itself, and their combined size must leave every
small cell its full range 0 … threshold-1 — i.e. sum(hidden) >= threshold * complementary + threshold - 1.
Cells are added smallest first. Totals (margins) are assumed to be public.

Shares (percentages) of a table with any hidden cell are not shown at all: a visible share reveals the
denominator and with it the hidden cells (see `shares_allowed`).

Part 2 (the national benchmarks): statistics over predefined groups of municipalities, see the section
"group statistics" below for the rules.
"""
from __future__ import annotations

import math
import statistics
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

SMALL = "small"
COMPLEMENTARY = "complementary"
THRESHOLD = 5


@dataclass(frozen=True)
class Cell:
    """One published count: `value` is None when suppressed; `suppressed` says why (SMALL/COMPLEMENTARY)."""

    value: int | None
    suppressed: str | None = None
    threshold: int = THRESHOLD

    @property
    def hidden(self) -> bool:
        return self.suppressed is not None

    @property
    def small(self) -> bool:
        return self.suppressed == SMALL

    def __str__(self) -> str:  # the text shown for a small cell; complementary cells get a word (templates)
        if self.suppressed == SMALL:
            return f"< {self.threshold}"
        return "" if self.value is None else str(self.value)


def suppress_small_counts(counts: Mapping[str, int], threshold: int = THRESHOLD) -> dict[str, Cell]:
    """key -> Cell, in the order of `counts`. Counts below `threshold` (including 0) are never published."""
    if threshold < 1:
        raise ValueError("threshold must be at least 1")
    values = {key: int(n) for key, n in counts.items()}
    if any(n < 0 for n in values.values()):
        raise ValueError("counts cannot be negative")
    primary = {key for key, n in values.items() if n < threshold}
    complementary: set[str] = set()
    if primary:
        # candidates for complementary suppression: smallest first, ties in the given order
        order = {key: i for i, key in enumerate(values)}
        visible = sorted((key for key in values if key not in primary), key=lambda k: (values[k], order[k]))
        while visible:
            hidden_sum = sum(values[k] for k in primary | complementary)
            if complementary and hidden_sum >= threshold * len(complementary) + threshold - 1:
                break
            complementary.add(visible.pop(0))
    return {key: Cell(None, SMALL if key in primary else COMPLEMENTARY, threshold)
            if key in primary or key in complementary else Cell(n, None, threshold)
            for key, n in values.items()}


def shares_allowed(cells: Mapping[str, Cell]) -> bool:
    """Percentages may be published only when no cell of the table is hidden."""
    return not any(cell.hidden for cell in cells.values())


# --------------------------------------------------------------------------------------------------
# group statistics (national benchmarks)
# --------------------------------------------------------------------------------------------------
# A cell is one statistic of one indicator over one predefined group of municipalities (national,
# province, safety region, size class) in one quarter. The rules, in the order they are applied:
# 1. primary: at least MIN_UNITS municipalities and MIN_PERSONS key persons contribute, and the two
#    largest contributors (by key persons) supply less than DOMINANCE of the total;
# 2. differencing (secondary): two published groups whose member sets differ by 1 … MIN_UNITS-1
#    municipalities (nested or overlapping) would reveal the few in between: the smaller is suppressed;
# 3. linear derivation (secondary): the published means are sums over known sets; when any combination of
#    them isolates fewer than MIN_UNITS municipalities (`derivable_sets`), another group is suppressed;
# 4. the mean only from MIN_UNITS, median and quartiles only from MIN_UNITS_QUANTILES municipalities;
#    never a minimum or maximum; values and counts rounded deterministically (`round_value`,
#    `round_count`), so the same request always gives the same answer and noise cannot be averaged away.

MIN_UNITS = 5
MIN_PERSONS = 10
DOMINANCE = 0.85
MIN_UNITS_QUANTILES = 10
ROUND_BASE = 5

TOO_FEW_UNITS = "too_few_municipalities"
TOO_FEW_PERSONS = "too_few_key_persons"
DOMINATED = "dominance"
DIFFERENCING = "differencing"
DERIVABLE = "derivable"


def round_count(n: int, base: int = ROUND_BASE) -> int:
    """A count rounded to the nearest multiple of `base` (halves up): the same input, the same answer."""
    return int((Decimal(n) / base).quantize(Decimal(1), rounding=ROUND_HALF_UP)) * base


def round_value(value: float | None, digits: int = 1) -> float | None:
    if value is None:
        return None
    step = Decimal(1).scaleb(-digits)
    return float(Decimal(repr(value)).quantize(step, rounding=ROUND_HALF_UP))


def primary_reason(persons: list[int]) -> str | None:
    """Why a group with these contributors (key persons per municipality) may not be published, or None."""
    if len(persons) < MIN_UNITS:
        return TOO_FEW_UNITS
    total = sum(persons)
    if total < MIN_PERSONS:
        return TOO_FEW_PERSONS
    top_two = sum(sorted(persons, reverse=True)[:2])
    if top_two >= DOMINANCE * total:
        return DOMINATED
    return None


@dataclass(frozen=True)
class GroupStats:
    """The publishable statistics of one group (None where a rule forbids one)."""

    n_units: int        # rounded
    mean: float | None
    median: float | None = None
    p25: float | None = None
    p75: float | None = None


def group_stats(values: list[float], digits: int = 1) -> GroupStats:
    """Statistics of a group that passed the rules: mean always, quartiles only from MIN_UNITS_QUANTILES."""
    mean = round_value(statistics.fmean(values), digits)
    if len(values) < MIN_UNITS_QUANTILES:
        return GroupStats(round_count(len(values)), mean)
    p25, median, p75 = statistics.quantiles(values, n=4, method="inclusive")
    return GroupStats(round_count(len(values)), mean, round_value(median, digits), round_value(p25, digits),
                      round_value(p75, digits))


def _differ_by(a: frozenset, b: frozenset) -> int:
    return len(a ^ b)


def derivable_sets(member_sets: Iterable[frozenset], min_units: int = MIN_UNITS) -> list[frozenset]:
    """Sets of fewer than `min_units` units whose total follows from the published totals of `member_sets`.

    The published means are, for someone who knows the members, sums over those sets: the question is
    which vectors lie in the row space of the sets' incidence matrix. Units that belong to exactly the
    same sets are indistinguishable, so columns are merged per membership pattern; a pattern's total is
    derivable exactly when the reduced row echelon form has a row with only that column non-zero (any
    vector of the row space is the combination of the rows by its pivot entries). Exact integer
    elimination (no floating point): the answer is a proof, not an estimate.
    """
    sets = [s for s in member_sets if s]
    patterns: dict[tuple, set] = {}
    for unit in set().union(*sets) if sets else ():
        patterns.setdefault(tuple(i for i, s in enumerate(sets) if unit in s), set()).add(unit)
    columns = list(patterns)
    index = {pattern: c for c, pattern in enumerate(columns)}
    rows = []
    for i in range(len(sets)):
        row = [0] * len(columns)
        for pattern, c in index.items():
            if i in pattern:
                row[c] = 1
        rows.append(row)
    reduced = _rref(rows, len(columns))
    leaks = []
    for row in reduced:
        nonzero = [c for c, v in enumerate(row) if v]
        if len(nonzero) == 1:
            units = frozenset(patterns[columns[nonzero[0]]])
            if len(units) < min_units:
                leaks.append(units)
    return leaks


def _rref(rows: list[list[int]], width: int) -> list[list[int]]:
    """Reduced row echelon form over the rationals, kept in integers (each row divided by its gcd)."""
    rows = [r[:] for r in rows if any(r)]
    pivot_row = 0
    for col in range(width):
        found = next((i for i in range(pivot_row, len(rows)) if rows[i][col]), None)
        if found is None:
            continue
        rows[pivot_row], rows[found] = rows[found], rows[pivot_row]
        pivot = rows[pivot_row]
        pv = pivot[col]
        for i, row in enumerate(rows):
            if i != pivot_row and row[col]:
                rv = row[col]
                new = [a * pv - b * rv for a, b in zip(row, pivot)]
                g = math.gcd(*new)
                rows[i] = [v // g for v in new] if g > 1 else new
        pivot_row += 1
        if pivot_row == len(rows):
            break
    return rows


def secondary_suppression(groups: Mapping[object, frozenset], published: set, keep: object = None,
                          min_units: int = MIN_UNITS) -> dict[object, str]:
    """Which of the `published` groups must be suppressed as well: key -> DIFFERENCING / DERIVABLE.

    `groups`: key -> the member set (contributing units) of every group; `keep`: a key to suppress last
    (the national figure). Deterministic: ties are broken by the order of the keys.
    """
    order = {key: i for i, key in enumerate(groups)}
    alive = [k for k in groups if k in published]
    suppressed: dict[object, str] = {}

    def victim(candidates):
        # the smallest group goes first; the kept group only when nothing else is left
        return min(candidates, key=lambda k: (k == keep, len(groups[k]), -order[k]))

    changed = True
    while changed:
        changed = False
        for i, a in enumerate(alive):
            for b in alive[i + 1:]:
                if 0 < _differ_by(groups[a], groups[b]) < min_units:
                    k = victim([a, b])
                    suppressed[k] = DIFFERENCING
                    alive.remove(k)
                    changed = True
                    break
            if changed:
                break
    while alive:
        leaks = derivable_sets([groups[k] for k in alive], min_units)
        if not leaks:
            break
        leak = leaks[0]
        # the first group (smallest first, the kept one last) whose suppression removes this derivation;
        # when no single one does, the first one, and the loop goes on
        candidates = sorted(alive, key=lambda k: (k == keep, len(groups[k]), -order[k]))
        k = next((c for c in candidates
                  if leak not in derivable_sets([groups[o] for o in alive if o != c], min_units)), candidates[0])
        suppressed[k] = DERIVABLE
        alive.remove(k)
    return suppressed
