"""Route-walker factories of the key-person register (see platform/walker.py)."""
from __future__ import annotations

from ...platform.extensions import db
from ...platform.walker import MARKER, in_tenant_a


def person_id(world, suffix: str = ""):
    """A key person (with a network of their own) in tenant A."""
    from ..network.models import Network
    from . import services

    with in_tenant_a(world):
        network = Network(name=f"Sleutelpersonen {MARKER}{suffix}")
        db.session.add(network)
        db.session.flush()
        person = services.create_person({"network_id": network.id, "name": f"{MARKER} persoon{suffix}",
                                         "constituency": MARKER}, status="active",
                                        actor_id=world.ids["coordinator_a"])
        return person.id  # read inside the context (PostgreSQL RLS)


def successor_id(world):
    from . import pipeline, services

    pid = person_id(world, " (opvolger)")
    with in_tenant_a(world):
        exit_record = pipeline.record_exit(services.get_person(pid), exited_on=None, reason="no_time",
                                           successors=[(f"{MARKER} opvolger", MARKER)])
        return exit_record.successors[0].id


def neighbourhood_id(world):
    from . import reference

    with in_tenant_a(world):
        return reference.save_neighbourhood(None, name=f"Wijk {MARKER}", parent_id=None).id


def organisation_id(world):
    from . import reference

    with in_tenant_a(world):
        return reference.save_organisation(None, name=f"Stichting {MARKER}", kind="foundation", address=MARKER).id


ARG_FACTORIES = {"person_id": person_id, "successor_id": successor_id, "neighbourhood_id": neighbourhood_id,
                 "organisation_id": organisation_id}
