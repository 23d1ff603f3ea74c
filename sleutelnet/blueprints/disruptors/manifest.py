"""Manifest of the disruptor assessment (§2.2, stoorzenders; coordinators only)."""
from flask_babel import lazy_gettext as _l

from ...platform.features import Feature, Panel, PersonalData
from . import choices, demo, permissions as perms, routes, services, walker
from .models import DisruptorAssessment

_LABELS = {
    "version": _l("Version"),
    "assessed_on": _l("Assessed on"),
    "ties_level": choices.RISKS["ties"][0],
    "ties_notes": _l("Notes on ties to a controversial organisation"),
    "status_level": choices.RISKS["status"][0],
    "status_notes": _l("Notes on taking part for status"),
    "interest_level": choices.RISKS["interest"][0],
    "interest_notes": _l("Notes on own or organisational interests"),
    "overall_note": _l("Overall note"),
}

FEATURE = Feature(
    name="disruptors",
    permissions=perms.ALL,
    grants=perms.GRANTS,
    tenant_blueprints=(routes.bp,),
    # erasure deletes the assessments: they are opinions about the person, worthless without them
    personal_data=(PersonalData("disruptor_assessments", _l("Assessments of potential disruption (§2.2)"),
                                DisruptorAssessment, order_by=("version",), erasure="delete", order=90,
                                labels=_LABELS, coded={f"{r}_level": choices.LEVELS for r in choices.RISKS}),),
    demo_seeders=(demo.seed_demo_disruptors,),
    # nothing left to assess once the person's data were erased (the assessments were deleted with them)
    person_actions=(Panel("disruptors/_person_action.html", perms.ASSESS_DISRUPTORS, 20,
                          lambda person: None if services.is_erased(person.id) else {"person": person}),),
    arg_factories=walker.ARG_FACTORIES,
    arg_parents=walker.ARG_PARENTS,
)
