"""Manifest of the devmail area."""
from ...platform.features import Feature
from . import routes

FEATURE = Feature(name="devmail", blueprints=(routes.bp,))
