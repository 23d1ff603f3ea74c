"""Manifest of the disruptor assessment (§2.2, stoorzenders; coordinators only)."""
from ...platform.features import Feature
from . import routes

FEATURE = Feature(name="disruptors", tenant_blueprints=(routes.bp,))
