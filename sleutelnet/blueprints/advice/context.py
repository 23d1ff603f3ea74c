"""Context a municipality may attach to an advice request, built inside its own tenant context.

Only aggregates leave the tenant: a network summary and an anonymised composition, with every count
below 5 shown as "< 5" (and complementary cells hidden, `composition/disclosure.py`). Never a name, never
free text about a person, never special-category data (migration background is not included at all).
The snapshot is a list of sections `{"title": str, "rows": [[label, value], ...]}` — exactly what the
municipality sees on the preview before sending, and exactly what the ESS sees afterwards.
"""
from __future__ import annotations

import hashlib
import json

from flask_babel import gettext as _

from ..composition import queries as comp_queries
from ..composition import services as comp_services
from ...platform.disclosure import suppress_small_counts
from ..network import services as net_services


def _count(n: int) -> str:
    return str(suppress_small_counts({"n": n})["n"])  # "< 5" below the threshold


def _cells(counts: dict[str, int]) -> dict[str, str]:
    cells = suppress_small_counts(counts)
    return {k: (str(c) if not c.hidden or c.small else _("hidden")) for k, c in cells.items()}


def network_choices() -> list[tuple[int, str]]:
    return [(n.id, n.name) for n in net_services.list_networks()]


def network_summary(network) -> dict:
    done = sum(1 for part in (net_services.get_purpose(network), net_services.get_support(network),
                              net_services.get_frameworks(network)) if part is not None)
    rows = [
        [_("Network"), network.name],
        [_("Preparation sections filled in (§1.1–1.3)"), _("%(n)d of 3", n=done)],
        [_("Active key persons"), _count(comp_queries.active_count(network.id))],
        [_("Linked officials"), _count(net_services.official_count(network))],
        [_("Administrative support moments recorded (§1.2)"), _count(len(net_services.support_entries(network)))],
    ]
    return {"title": _("Network summary: %(name)s", name=network.name), "rows": rows}


def composition(network) -> dict:
    report = comp_services.composition_report(network, include_special=False)
    rows = [[_("Active key persons"), _count(report.active_total)]]
    role_cells = _cells({r.code: r.count for r in report.roles})
    rows += [[_("Role: %(role)s", role=r.label), role_cells[r.code]] for r in report.roles]
    for dim in report.dimensions:
        if dim.special:
            continue
        counts = {row.code: row.count or 0 for row in dim.rows}
        cells = _cells(counts)
        rows += [[f"{dim.dimension.label}: {row.label}", cells[row.code]] for row in dim.rows]
    return {"title": _("Anonymised composition: %(name)s", name=network.name), "rows": rows}


BUILDERS = {"network_summary": network_summary, "composition": composition}


def build(kinds, network) -> list[dict]:
    """The sections for the chosen kinds (in a fixed order); [] without a network or choice."""
    if network is None:
        return []
    return [BUILDERS[k](network) for k in BUILDERS if k in set(kinds or ())]


def fingerprint(sections: list[dict]) -> str:
    """Ties the preview to what is sent: the send step refuses a context that changed meanwhile."""
    return hashlib.sha256(json.dumps(sections, sort_keys=True, ensure_ascii=False).encode()).hexdigest()[:32]


def dumps(sections: list[dict]) -> str | None:
    return json.dumps(sections, ensure_ascii=False) if sections else None


def loads(text: str | None) -> list[dict]:
    return json.loads(text) if text else []
