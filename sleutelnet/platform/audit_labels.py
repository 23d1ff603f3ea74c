"""Readable audit log: every action code as a translated sentence, and kinds of events with names.

The platform's own codes and those of the phase 1–2 areas are listed in platform/labels.toml; a feature area
adds its own in the tables `audit_actions`, `audit_kinds` and `audit_objects` of its labels.toml, read by
`Feature(labels=catalogues(__package__))`. An unknown code is shown as the code itself (and a test
fails, so it never reaches a user that way). Object references are readable where the reader may see them:
the object kind is translated, the id stays a reference number (names are never copied into the log).
"""
from __future__ import annotations

from .labels import catalogues

# ACTIONS: every action code as a sentence; KINDS: the first part of a code, the kind of event in the filter;
# OBJECTS: object types by name. The data are in platform/labels.toml.
ACTIONS, KINDS, OBJECTS = catalogues(__package__).tables("audit_actions", "audit_kinds", "audit_objects")


def _merged(attr: str, base: dict) -> dict:
    from .features import collect

    merged = dict(base)
    merged.update(collect(attr))
    return merged


def action_label(code: str) -> str:
    return str(_merged("audit_actions", ACTIONS).get(code, code))


def kind_label(prefix: str) -> str:
    return str(_merged("audit_kinds", KINDS).get(prefix, prefix))


def object_label(object_type: str | None, object_id) -> str:
    if not object_type:
        return ""
    name = str(_merged("audit_objects", OBJECTS).get(object_type, object_type.replace("_", " ")))
    return f"{name} #{object_id}" if object_id not in (None, "") else name
