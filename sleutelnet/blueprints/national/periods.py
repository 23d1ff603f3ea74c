"""Quarters: codes like "2026-Q3", their dates (end exclusive), and which ones to show."""
from __future__ import annotations

import re
from datetime import date

CODE_RE = re.compile(r"^(\d{4})-Q([1-4])$")


def code_of(day: date) -> str:
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


def bounds(code: str) -> tuple[date, date]:
    """(first day, first day of the next quarter); ValueError for a malformed code."""
    match = CODE_RE.match(code or "")
    if not match:
        raise ValueError(code)
    year, quarter = int(match.group(1)), int(match.group(2))
    start = date(year, 3 * quarter - 2, 1)
    end = date(year + 1, 1, 1) if quarter == 4 else date(year, 3 * quarter + 1, 1)
    return start, end


def valid(code: str) -> bool:
    return bool(CODE_RE.match(code or ""))


def shift(code: str, quarters: int) -> str:
    year, quarter = int(code[:4]), int(code[-1])
    index = year * 4 + quarter - 1 + quarters
    return f"{index // 4}-Q{index % 4 + 1}"


def recent(today: date, count: int) -> list[str]:
    """The last `count` quarters up to and including today's, oldest first."""
    current = code_of(today)
    return [shift(current, -i) for i in reversed(range(count))]


def label(code: str) -> str:
    """ "2026-Q3" -> "Q3 2026" (the same in Dutch and English)."""
    return f"{code[-2:]} {code[:4]}"
