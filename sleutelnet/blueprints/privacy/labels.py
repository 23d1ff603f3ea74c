"""Readable (Dutch through the catalog) names and values for the columns that appear in an export.

The field registry (`platform.fields`, each area's `fields.py`) names every declared column and its coded
options. The labels here are only for the technical columns it leaves undeclared (ids, references,
timestamps). A column without any label is still exported, under its technical name: completeness first.
"""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from ...platform import fields

# technical column name -> label
COLUMN_LABELS = {
    "id": _l("Number"),
    "person_id": _l("Key person number"),
    "network_id": _l("Network"),
    "neighbourhood_id": _l("Neighbourhood"),
    "created_at": _l("Recorded at"),
    "created_by_id": _l("Recorded by"),
    "updated_at": _l("Last changed at"),
    "changed_by_id": _l("Changed by"),
    "held_by_id": _l("Held by"),
    "recorded_by_id": _l("Recorded by"),
    "exit_id": _l("Leaving (number)"),
    "lead_id": _l("Added as candidate (key person number)"),
    "user_id": _l("Who"),
    "ended_by_id": _l("End recorded by"),
    "requested_by_id": _l("Requested by"),
    "erased_by_id": _l("Erased by"),
}


def column_label(table: str, column: str) -> str:
    spec = fields.registry().get((table, column))
    found = spec.label if spec is not None else COLUMN_LABELS.get(column)
    return str(found) if found is not None else column.replace("_", " ")


def coded_options(table: str, column: str) -> dict | None:
    spec = fields.registry().get((table, column))
    return spec.choices if spec is not None and spec.kind in ("choice", "multi") else None
