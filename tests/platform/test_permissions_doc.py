"""docs/permissions.md is the generated role × permission table: a change in rights is one visible diff."""
from __future__ import annotations

from pathlib import Path

DOC = Path(__file__).resolve().parents[2] / "docs" / "permissions.md"


def test_permissions_doc_is_up_to_date(app):
    from sleutelnet.platform.permissions_doc import render

    assert DOC.read_text(encoding="utf-8") == render(), \
        "docs/permissions.md is out of date: run .venv/bin/python scripts/permissions_table.py"


def test_the_table_shows_the_grants(app):
    from sleutelnet.platform.permissions_doc import render

    rows = {line.split("|")[2].strip(): line for line in render().splitlines() if line.startswith("| ")}
    # officials never see special-category data; coordinators do
    special = rows["`view_special_category`"].split("|")[3:8]
    assert [c.strip() for c in special] == ["✓", "", "", "", ""]


def test_every_declared_permission_is_in_some_manifest(app):
    from sleutelnet.platform.policy import all_permissions, grants_for, Role

    granted = set().union(*(grants_for(r) for r in Role))
    assert set(all_permissions()) >= granted  # nothing is granted that no manifest declares
