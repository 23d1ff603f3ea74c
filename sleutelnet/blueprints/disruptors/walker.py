"""Route-walker factories of the disruptor assessment (see platform/walker.py)."""
from __future__ import annotations

from datetime import date

from ...platform.extensions import db
from ...platform.walker import MARKER, factory, in_tenant_a


def assessment_id(world):
    from ..keypersons.models import KeyPerson
    from . import services

    with in_tenant_a(world):
        pid = factory("person_id")(world, " (stoorzender)")
        person = db.session.scalar(db.select(KeyPerson).filter_by(id=pid))
        return services.save_assessment(person, assessed_on=date(2025, 3, 1),
                                        levels={"ties": "clearly", "status": "none", "interest": "none"},
                                        notes={"ties": MARKER}, overall_note=MARKER,
                                        actor_id=world.ids["coordinator_a"]).id


ARG_FACTORIES = {"assessment_id": assessment_id}
ARG_PARENTS = {"assessment_id": ("disruptor_assessments", "person_id", "person_id")}
