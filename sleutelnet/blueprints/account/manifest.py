"""Manifest of the account area."""
from ...platform.features import Feature
from . import routes

FEATURE = Feature(name="account", blueprints=(routes.bp,))
