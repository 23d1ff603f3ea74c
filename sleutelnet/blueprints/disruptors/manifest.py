"""Manifest of the disruptor assessment (§2.2, stoorzenders; coordinators only)."""
from flask_babel import lazy_gettext as _l

from ...platform.features import Feature, Panel, PersonalData
from . import choices, demo, fields, permissions as perms, routes, services, walker
from .models import DisruptorAssessment

FEATURE = Feature.of(__package__, perms,
    tenant_blueprints=(routes.bp,),
    # erasure deletes the assessments: they are opinions about the person, worthless without them
    personal_data=(PersonalData("disruptor_assessments", _l("Assessments of potential disruption (§2.2)"),
                                DisruptorAssessment, order_by=("version",), erasure="delete", order=90),),
    fields=fields.FIELDS,
    demo_seeders=(demo.seed_demo_disruptors,),
    # nothing left to assess once the person's data were erased (the assessments were deleted with them)
    person_actions=(Panel("disruptors/_person_action.html", perms.ASSESS_DISRUPTORS, 20,
                          lambda person: None if services.is_erased(person.id) else {"person": person}),),
    arg_factories=walker.ARG_FACTORIES,
    arg_parents=walker.ARG_PARENTS,
)
