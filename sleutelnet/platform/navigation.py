"""Navigation and page contributions, assembled from the feature manifests (see `features.py`).

Templates get `tenant_nav()` / `platform_nav()` (flat lists, in group order), `tenant_nav_groups()`
(grouped by the guide's phases) and `panels(kind, obj)` for the sections features add to other pages.
"""
from __future__ import annotations

from flask import g, request, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from .features import NAV_GROUPS, collect
from .policy import can

GROUP_LABELS = {
    "overview": _l("Overview"),
    "setup": _l("Preparation"),
    "build": _l("Build-up"),
    "execution": _l("Execution"),
    "admin": _l("Management"),
    "national": _l("National"),
    "platform": _l("Platform"),
}


def _entries(scope: str) -> list[dict]:
    items = [n for n in collect("nav") if n.scope == scope]
    items.sort(key=lambda n: (NAV_GROUPS.index(n.group), n.order))
    out = []
    for item in items:
        if item.permission is None or can(item.permission):
            out.append({"url": url_for(item.endpoint), "label": item.label, "group": item.group,
                        "current": request.endpoint == item.endpoint})
    return out


def grouped(entries: list[dict]) -> list[dict]:
    """Consecutive entries of one group together (entries come sorted by group)."""
    groups: list[dict] = []
    for entry in entries:
        if not groups or groups[-1]["key"] != entry["group"]:
            groups.append({"key": entry["group"], "label": GROUP_LABELS[entry["group"]], "items": []})
        groups[-1]["items"].append(entry)
    return groups


def panels(kind: str, obj) -> list[dict]:
    """The panels features contribute: kind "person" (context(person)), "person_action" (a link in the
    person page's action bar, context(person)) or "home" (context(tenant))."""
    attr = {"person": "person_panels", "person_action": "person_actions", "home": "home_cards"}[kind]
    out = []
    for panel in sorted(collect(attr), key=lambda p: p.order):
        if panel.permission is not None and not can(panel.permission):
            continue
        context = panel.context(obj) if panel.context else {}
        if context is not None:
            out.append({"template": panel.template, "context": context})
    return out


def init_app(app) -> None:
    @app.context_processor
    def navigation():
        return {
            "tenant_nav": lambda: _entries("tenant") if g.get("tenant") else [],
            "tenant_nav_groups": lambda: grouped(_entries("tenant")) if g.get("tenant") else [],
            "platform_nav": lambda: _entries("platform") if current_user.is_authenticated else [],
            "platform_nav_groups": lambda: grouped(_entries("platform")) if current_user.is_authenticated else [],
            "panels": panels,
        }
