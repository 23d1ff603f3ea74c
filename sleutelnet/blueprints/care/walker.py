"""URL factories for the route walker (tests/platform/test_isolation.py): objects in tenant A."""
from __future__ import annotations

import itertools

MARKER = "MARKER-TENANT-A"
_COUNTER = itertools.count(1)


def _person_ids(world, n=2):
    from ...platform.extensions import db
    from ...platform.tenancy import tenant_context
    from ..keypersons import services as kp
    from ..network.models import Network

    with tenant_context(world.tenant_ids["a"]):
        network = Network(name=f"Zorg {MARKER} {next(_COUNTER)}")
        db.session.add(network)
        db.session.flush()
        ids = [kp.create_person({"network_id": network.id, "name": f"{MARKER} zorg {i}"}, status="active",
                                actor_id=world.ids["coordinator_a"]).id for i in range(n)]
        db.session.commit()
        return network.id, ids


def training_id(world):
    from ...platform.extensions import db
    from ...platform.tenancy import tenant_context
    from . import services

    with tenant_context(world.tenant_ids["a"]):
        tid = services.save_training(None, title=f"Training {MARKER} {next(_COUNTER)}", provider=MARKER, validity_months=12).id
        db.session.commit()
        return tid


def enrolment_id(world):
    from ...platform.extensions import db
    from ...platform.tenancy import tenant_context
    from . import services
    from .models import Enrolment

    tid = training_id(world)
    _network, (pid, _other) = _person_ids(world)
    with tenant_context(world.tenant_ids["a"]):
        services.invite(services.get_training(tid), [pid])
        eid = db.session.scalar(db.select(Enrolment.id).filter_by(training_id=tid, person_id=pid))
        db.session.commit()
        return eid


def pair_id(world):
    from ...platform.extensions import db
    from ...platform.tenancy import tenant_context
    from . import services

    network_id, (mentee, buddy) = _person_ids(world)
    with tenant_context(world.tenant_ids["a"]):
        pid = services.propose_pair(network_id, kind="buddy", mentee_id=mentee, buddy_id=buddy, goal=MARKER).id
        db.session.commit()
        return pid
