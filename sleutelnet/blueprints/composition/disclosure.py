"""Statistical disclosure control for small counts (used for special-category data, AVG art. 9).

`suppress_small_counts` hides every count below the threshold (primary suppression, shown as "< 5"),
then hides further cells (complementary suppression) so that no hidden count can be worked out from
the published total minus the visible cells. The rule for complementary suppression: the hidden cells
must include at least one cell that is not small itself, and their combined size must leave every
small cell its full range 0 … threshold-1 — i.e. sum(hidden) >= threshold * complementary + threshold - 1.
Cells are added smallest first. Totals (margins) are assumed to be public.

Shares (percentages) of a table with any hidden cell are not shown at all: a visible share reveals the
denominator and with it the hidden cells (see `shares_allowed`).
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

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
