"""The role × permission table of docs/permissions.md, generated from the manifests.

Regenerate with `.venv/bin/python scripts/permissions_table.py` after changing a grant;
tests/platform/test_permissions_doc.py fails while the file is out of date, so every change in rights
shows up as one reviewable diff of that file."""
from __future__ import annotations

from .features import installed
from .policy import PLATFORM_ROLES, TENANT_ROLES, grants_for

ROLES = TENANT_ROLES + PLATFORM_ROLES
HEADER = """# Permissions per role

Generated from the feature manifests (`FEATURE.permissions` and `FEATURE.grants`) by
`scripts/permissions_table.py`; do not edit by hand. `tests/platform/test_permissions_doc.py` fails when
this file is out of date.

"""


def render() -> str:
    grants = {role: grants_for(role) for role in ROLES}
    lines = [HEADER.rstrip("\n"), "",
             "| Area | Permission | " + " | ".join(r.value for r in ROLES) + " |",
             "|---|---|" + "---|" * len(ROLES)]
    for feature in installed():
        for permission in sorted(feature.permissions):
            cells = ["✓" if permission in grants[role] else "" for role in ROLES]
            lines.append(f"| {feature.name} | `{permission}` | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"
