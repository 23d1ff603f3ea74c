"""The shipped municipality reference list (CBS 2025, see data/PROVENANCE.md)."""
from __future__ import annotations

import csv
import os

DATA_FILE = os.path.join(os.path.dirname(__file__), "data", "gemeenten-2025.csv")


def read_municipalities() -> list[dict]:
    with open(DATA_FILE, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    for row in rows:
        row["population"] = int(row["population"])
    return rows


def load_municipalities() -> int:
    """Insert or update the reference rows (idempotent)."""
    from ..platform.extensions import db
    from .models import Municipality

    count = 0
    for row in read_municipalities():
        db.session.merge(Municipality(**row))
        count += 1
    db.session.commit()
    return count
