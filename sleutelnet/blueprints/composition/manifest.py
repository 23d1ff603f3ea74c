"""Manifest of composition balance and recruitment (§2.1–2.2)."""
from flask_babel import lazy_gettext as _l

from ...platform.features import Feature, NavItem
from . import demo, permissions as perms, routes

FEATURE = Feature.of(__package__, perms,
    tenant_blueprints=(routes.bp, routes.recruitment_bp),
    nav=(NavItem("tenant.composition.index", _l("Composition"), perms.VIEW_COMPOSITION, "build", 30),
         NavItem("tenant.recruitment.index", _l("Recruitment"), perms.VIEW_RECRUITMENT, "build", 40)),
    demo_seeders=(demo.seed_demo_targets,),
)
