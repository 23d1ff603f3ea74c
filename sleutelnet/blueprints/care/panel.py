"""The care panel on the key-person page (appreciation, trainings, pairs of that person)."""
from __future__ import annotations


def person_context(person) -> dict:
    from . import choices, services
    from .permissions import MANAGE_CARE

    return dict(services.person_overview(person), cc=choices, label=choices.label, MANAGE_CARE=MANAGE_CARE)
