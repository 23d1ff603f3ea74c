"""Manifest of the account area."""
from ...platform.features import Feature
from . import routes

FEATURE = Feature.of(__package__, blueprints=(routes.bp,))
