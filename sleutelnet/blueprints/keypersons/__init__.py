"""The key-person register (phase 2, "Opbouw"): key persons, their pipeline, intakes and exits, the
tenant's neighbourhoods and organisations, and the access log.

Modules: `models` (tables), `fields` (every personal field once, with its sensitivity), `choices` (codes and
labels), `services` (create/edit persons, networks, access log, `batch()`), `pipeline` (status moves,
intakes, exits, successors), `reference` (neighbourhoods, organisations), `queries` (list, board, counts),
`routes` and `reference_routes` (pages), `forms`, `demo` (demo data).
"""
