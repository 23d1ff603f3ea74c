"""Route-walker factories of the privacy area (see platform/walker.py)."""
from __future__ import annotations

from datetime import date

from ...platform.walker import MARKER, factory, in_tenant_a


def _person(world, suffix):
    from ..keypersons.models import KeyPerson
    from ...platform.extensions import db

    pid = factory("person_id")(world, suffix)
    return db.session.scalar(db.select(KeyPerson).filter_by(id=pid))


def consent_id(world):
    from . import consents

    with in_tenant_a(world):
        person = _person(world, " (toestemming)")
        return consents.record_consent(person, scope="publicity", basis="consent", given_on=date(2025, 3, 1),
                                       obtained_via="written", text_version=MARKER, note=MARKER,
                                       actor_id=world.ids["coordinator_a"]).id


def export_id(world):
    from . import exports

    with in_tenant_a(world):
        person = _person(world, " (inzage)")
        return exports.request_export(person, actor_id=world.ids["coordinator_a"]).id


ARG_FACTORIES = {"consent_id": consent_id, "export_id": export_id}
ARG_PARENTS = {"export_id": ("privacy_export_requests", "person_id", "person_id"),
               "consent_id": ("privacy_consents", "person_id", "person_id")}
