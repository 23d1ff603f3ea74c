"""Where feature blueprints and their navigation entries are registered.

Platform-level areas mount at the root; tenant areas are nested under the tenant parent blueprint
(`/g/<tenant_slug>/…`, endpoint names `tenant.<area>.<view>`), so they inherit tenant resolution,
the membership check and the tenant context without any code of their own.
"""
from __future__ import annotations

import importlib

from flask import g, request, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from ..platform.policy import Permission, can

# (module, attribute) of blueprints mounted at the root
PLATFORM_BLUEPRINTS = [
    ("sleutelnet.blueprints.home.routes", "bp"),
    ("sleutelnet.blueprints.auth.routes", "bp"),
    ("sleutelnet.blueprints.account.routes", "bp"),
    ("sleutelnet.blueprints.admin.routes", "bp"),
    ("sleutelnet.blueprints.devmail.routes", "bp"),
]
# blueprints nested under /g/<tenant_slug>/
TENANT_BLUEPRINTS = [
    ("sleutelnet.blueprints.home.routes", "tenant_bp"),
    ("sleutelnet.blueprints.team.routes", "bp"),
    ("sleutelnet.blueprints.audit.routes", "bp"),
    ("sleutelnet.blueprints.network.routes", "bp"),
    ("sleutelnet.blueprints.keypersons.routes", "bp"),
    ("sleutelnet.blueprints.keypersons.reference_routes", "neighbourhoods_bp"),
    ("sleutelnet.blueprints.keypersons.reference_routes", "organisations_bp"),
    ("sleutelnet.blueprints.transfer.routes", "bp"),
    ("sleutelnet.blueprints.composition.routes", "bp"),
    ("sleutelnet.blueprints.composition.routes", "recruitment_bp"),
    ("sleutelnet.blueprints.privacy.routes", "bp"),
    ("sleutelnet.blueprints.disruptors.routes", "bp"),
]
# modules defining tables (beyond the platform core)
MODEL_MODULES: list[str] = [
    "sleutelnet.blueprints.team.models",
    "sleutelnet.blueprints.network.models",
    "sleutelnet.blueprints.keypersons.models",
    "sleutelnet.blueprints.composition.models",
    "sleutelnet.blueprints.privacy.models",
    "sleutelnet.blueprints.disruptors.models",
]

# (endpoint, label, permission) for the tenant navigation, in order
TENANT_NAV = [
    ("tenant.home.index", _l("Overview"), Permission.VIEW_TENANT_HOME),
    ("tenant.network.index", _l("Networks"), Permission.VIEW_NETWORKS),
    ("tenant.keypersons.index", _l("Key persons"), Permission.VIEW_KEYPERSONS),
    ("tenant.keypersons.counts", _l("Key persons in numbers"), Permission.VIEW_KEYPERSON_COUNTS),
    ("tenant.composition.index", _l("Composition"), Permission.VIEW_COMPOSITION),
    ("tenant.recruitment.index", _l("Recruitment"), Permission.VIEW_RECRUITMENT),
    ("tenant.neighbourhoods.index", _l("Neighbourhoods"), Permission.MANAGE_REFERENCE_LISTS),
    ("tenant.organisations.index", _l("Organisations"), Permission.MANAGE_REFERENCE_LISTS),
    ("tenant.transfer.export", _l("Import and export"), Permission.EXPORT_KEYPERSONS),
    ("tenant.privacy.index", _l("Privacy (AVG)"), Permission.MANAGE_RETENTION),
    ("tenant.team.index", _l("Team"), Permission.VIEW_TEAM),
    ("tenant.audit.index", _l("Audit log"), Permission.VIEW_AUDIT_LOG),
]
PLATFORM_NAV = [
    ("home.index", _l("My municipalities"), None),
    ("admin.tenants", _l("Municipalities"), Permission.MANAGE_TENANTS),
    ("admin.audit", _l("Platform audit log"), Permission.VIEW_PLATFORM_AUDIT),
]


def import_models() -> None:
    for module in MODEL_MODULES:
        importlib.import_module(module)


def register_all(app, tenant_space) -> None:
    for module, attr in PLATFORM_BLUEPRINTS:
        app.register_blueprint(getattr(importlib.import_module(module), attr))
    for module, attr in TENANT_BLUEPRINTS:
        tenant_space.register_blueprint(getattr(importlib.import_module(module), attr))

    def _items(entries):
        items = []
        for endpoint, label, permission in entries:
            if permission is None or can(permission):
                items.append({"url": url_for(endpoint), "label": label,
                              "current": request.endpoint == endpoint})
        return items

    @app.context_processor
    def navigation():
        return {
            "tenant_nav": lambda: _items(TENANT_NAV) if g.get("tenant") else [],
            "platform_nav": lambda: _items(PLATFORM_NAV) if current_user.is_authenticated else [],
        }


# functions that add a feature area's demo data once the demo tenants exist (called by `flask demo seed`)
DEMO_SEEDERS: list[str] = [
    "sleutelnet.blueprints.network.demo.seed_demo_networks",
    "sleutelnet.blueprints.keypersons.demo.seed_demo_keypersons",  # after the networks
    "sleutelnet.blueprints.privacy.demo.seed_demo_privacy",  # after the key persons
    "sleutelnet.blueprints.composition.demo.seed_demo_targets",  # after the networks
]


def seed_feature_demo() -> None:
    for path in DEMO_SEEDERS:
        module, _, name = path.rpartition(".")
        getattr(importlib.import_module(module), name)()
