"""Manifest of the key-person register (phase 2, Opbouw) and its reference lists."""
from flask_babel import lazy_gettext as _l

from ...platform.features import Feature, NavItem, Panel
from . import cards, choices, demo, fields, permissions as perms, personal_data, reference_routes, routes, walker

FEATURE = Feature.of(__package__, perms,
    tenant_blueprints=(routes.bp, reference_routes.neighbourhoods_bp, reference_routes.organisations_bp),
    nav=(NavItem("tenant.keypersons.index", _l("Key persons"), perms.VIEW_KEYPERSONS, "build", 10),
         NavItem("tenant.keypersons.counts", _l("Key persons in numbers"), perms.VIEW_KEYPERSON_COUNTS,
                 "build", 20),
         NavItem("tenant.neighbourhoods.index", _l("Neighbourhoods"), perms.MANAGE_REFERENCE_LISTS, "admin", 10),
         NavItem("tenant.organisations.index", _l("Organisations"), perms.MANAGE_REFERENCE_LISTS, "admin", 11)),
    home_cards=(Panel("keypersons/_home_card.html", perms.VIEW_KEYPERSON_COUNTS, 20, cards.home_card),),
    demo_seeders=(demo.seed_demo_keypersons,),
    personal_data=personal_data.SECTIONS,
    fields=fields.FIELDS,
    arg_factories=walker.ARG_FACTORIES,
    # status changes imported before the reason became a code (choices.STATUS_CHANGE_REASONS["imported"])
    stored_texts={"Geïmporteerd uit een bestand|Imported from a file": choices.STATUS_CHANGE_REASONS["imported"]},
)
