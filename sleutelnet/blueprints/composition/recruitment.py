"""The recruitment funnel per channel (§2.1 "Manieren van werven"), from the status history.

Stages: candidate (lead) -> in conversation (kennismaking, "intake") -> active. A person counts for
every stage up to the furthest one they ever reached (someone entered directly as active — e.g. an
imported network — counts as having passed the earlier stages). Conversion is the share of the
previous stage that reached the next. Days to active: from the first day as candidate to the first
day active, for persons who have both; the median per channel.
"""
from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from datetime import date

from ..keypersons import choices as kp
from . import queries

STAGES = ("lead", "intake", "active")
NOT_RECORDED = ""


@dataclass
class FunnelRow:
    channel: str  # a RECRUITMENT_CHANNELS code, or "" for not recorded
    reached: dict[str, int] = field(default_factory=lambda: {s: 0 for s in STAGES})
    days: list[int] = field(default_factory=list)
    active_now: int = 0

    def conversion(self, stage: str) -> float | None:
        """Percent of the previous stage that reached `stage` (None for the first stage or an empty one)."""
        i = STAGES.index(stage)
        if i == 0:
            return None
        before = self.reached[STAGES[i - 1]]
        return 100.0 * self.reached[stage] / before if before else None

    @property
    def overall(self) -> float | None:
        first = self.reached[STAGES[0]]
        return 100.0 * self.reached[STAGES[-1]] / first if first else None

    @property
    def median_days(self) -> float | None:
        return statistics.median(self.days) if self.days else None


@dataclass
class Funnel:
    rows: list[FunnelRow]
    total: FunnelRow

    @property
    def empty(self) -> bool:
        return self.total.reached[STAGES[0]] == 0


def compute(rows) -> Funnel:
    """rows: (channel, status, reached rank or None, lead_on, active_on) per person (queries.funnel_rows)."""
    by_channel: dict[str, FunnelRow] = {}
    total = FunnelRow("total")
    for channel, status, reached, lead_on, active_on in rows:
        code = channel if channel in kp.RECRUITMENT_CHANNELS else NOT_RECORDED
        row = by_channel.setdefault(code, FunnelRow(code))
        rank = max(reached if reached is not None else -1, queries.STAGE_RANK.get(status, 0), 0)
        for target in (row, total):
            for i, stage in enumerate(STAGES):
                if rank >= i:
                    target.reached[stage] += 1
            if status == queries.ACTIVE:
                target.active_now += 1
        if isinstance(lead_on, date) and isinstance(active_on, date) and active_on >= lead_on:
            days = (active_on - lead_on).days
            row.days.append(days)
            total.days.append(days)
    order = list(kp.RECRUITMENT_CHANNELS) + [NOT_RECORDED]
    return Funnel([by_channel[c] for c in order if c in by_channel], total)
