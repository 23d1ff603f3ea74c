"""Manifest of the auth area."""
from ...platform.features import Feature
from . import routes

FEATURE = Feature(name="auth", blueprints=(routes.bp,))
