"""Carrying out a checked import (all or nothing).

`commit()` re-checks nothing itself (the caller builds a fresh plan from the stored file right before) and
refuses a plan with errors; it creates everything in one transaction through the register's own
`create_person`, so every person gets the same first status-change row, access-log row and audit event as a
person added by hand, and a later status ("paused") is reached through the pipeline's `transition`, the
service behind a manual status change. One `transfer.import` event covers the whole import.
"""
from __future__ import annotations

from datetime import date

from ...platform import audit, uow
from ...platform.extensions import db
from ...platform.models import utcnow
from ..keypersons import pipeline
from ..keypersons.models import Neighbourhood, Organisation
from ..keypersons.services import create_person, default_network_name, networks
from ..network.models import Network
from .plan import ImportFailed, Options, Plan

# the reason of the status changes an import records: a code, shown in the reader's language
IMPORTED = "imported"


def target_network(network_id: int | None) -> Network | None:
    available = networks()
    for network in available:
        if network.id == network_id:
            return network
    return available[0] if available else None


def commit(plan: Plan, options: Options, *, tenant, actor_id: int | None) -> int:
    """Create every planned person in one transaction; nothing is stored when anything fails."""
    if not plan.ok:
        raise ImportFailed("the plan has errors")
    try:
        network = target_network(options.network_id)
        if network is None:
            network = Network(name=default_network_name(tenant))
            db.session.add(network)
            db.session.flush()
            audit.record("network.created", object_type="network", object_id=network.id, actor_id=actor_id,
                         detail="default for import")
        neighbourhood_ids = dict(plan.existing_neighbourhoods)
        for folded, name in plan.new_neighbourhoods.items():
            created = Neighbourhood(name=name)
            db.session.add(created)
            db.session.flush()
            neighbourhood_ids[folded] = created.id
            audit.record("neighbourhood.created", object_type="neighbourhood", object_id=created.id,
                         actor_id=actor_id, detail="import")
        organisation_ids = dict(plan.existing_organisations)
        for folded, name in plan.new_organisations.items():
            created = Organisation(name=name, kind="other", address="")
            db.session.add(created)
            db.session.flush()
            organisation_ids[folded] = created.id
            audit.record("organisation.created", object_type="organisation", object_id=created.id,
                         actor_id=actor_id, detail="import")
        created_rows = {}
        for planned in plan.persons:
            data = dict(planned.data, name=planned.name, network_id=network.id,
                        neighbourhood_id=neighbourhood_ids[planned.neighbourhood] if planned.neighbourhood else None)
            start = "active" if planned.status == "paused" else planned.status
            on = planned.status_on or date.today()
            person = create_person(data, roles=planned.roles,
                                   organisation_ids=[organisation_ids[o] for o in planned.organisations],
                                   status=start, status_on=on, status_reason_code=IMPORTED, actor_id=actor_id,
                                   commit=False)
            if planned.status == "paused":  # through the pipeline, like a manual move: same rules, same trail
                pipeline.transition(person, "paused", on=on, reason_code=IMPORTED, actor_id=actor_id)
            created_rows[planned.row] = person
        for planned in plan.persons:
            if planned.referred_by:
                kind, ref = planned.referred_by
                created_rows[planned.row].referred_by_id = created_rows[ref].id if kind == "row" else ref
                created_rows[planned.row].updated_at = utcnow()
        audit.record("transfer.import", object_type="network", object_id=network.id, actor_id=actor_id,
                     detail=f"count={len(created_rows)} neighbourhoods={len(plan.new_neighbourhoods)} "
                            f"organisations={len(plan.new_organisations)}")
        uow.done()
    except Exception:
        db.session.rollback()
        raise
    return len(created_rows)
