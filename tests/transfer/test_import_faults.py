"""An import job on a real Redis with real worker processes, killed in the middle of the import: nothing is
lost and nothing is imported twice (the import and its job row's `done` commit together; see
sleutelnet/blueprints/transfer/jobs.py). Uses the private Redis and the process harness of the worker fault
tests (tests/workers/faults.py)."""
from __future__ import annotations

import time

import pytest

from sleutelnet.blueprints.transfer.models import TransferJob
from sleutelnet.platform.audit import AuditEvent
from sleutelnet.platform.extensions import db
from sleutelnet.platform.tenancy import tenant_context
from tests.workers import test_faults

from .conftest import DUTCH_HEADERS, commit, count_persons, csv_bytes, map_and_preview, people_rows, upload

pytestmark = pytest.mark.redis
private_redis, cluster = test_faults.private_redis, test_faults.cluster  # the fault tests' fixtures


def _job(world) -> TransferJob:
    db.session.commit()  # a fresh snapshot: the workers commit in other processes
    with tenant_context(world.tenant_ids["a"]):
        return db.session.scalars(db.select(TransferJob).execution_options(populate_existing=True)).one()


@pytest.mark.parametrize("how", ["group", "horse"])
def test_a_worker_killed_halfway_through_an_import_loses_nothing(app, world, login, network_a, cluster,
                                                                 tmp_path, how):
    coord = login("coordinator_a")
    upload_id = upload(coord, world, "a", csv_bytes(DUTCH_HEADERS, people_rows(40)))
    map_and_preview(coord, world, "a", upload_id)
    r = commit(coord, world, "a", upload_id)  # dispatched to the private Redis after the request
    assert r.status_code == 302 and _job(world).status == "pending"
    markers = tmp_path / "markers"
    markers.mkdir()
    env = {"FAULT_KILL_AFTER_SEND": f"person-20:{how}", "FAULT_MARKERS": str(markers)}

    def worker():
        return cluster.spawn("tests.transfer.fault_import_worker", "--logging-level", "INFO", **env)

    workers = [worker() for _ in range(2)]
    deadline = time.monotonic() + 60
    while _job(world).status != "done":  # a supervisor: a worker that died is started again
        assert time.monotonic() < deadline, (_job(world).status, cluster.logs()[-4000:])
        workers = [w if w.alive() else worker() for w in workers]
        time.sleep(0.2)
    assert (markers / "person-20").exists()  # the kill happened, halfway through the import
    job = _job(world)
    assert job.attempts == 2 and job.result["imported"] == 40
    assert count_persons(world, "a") == 40
    with tenant_context(world.tenant_ids["a"]):
        actions = db.session.scalars(db.select(AuditEvent.action)).all()
    assert actions.count("transfer.import") == 1 and actions.count("keyperson.created") == 40
    assert "40 sleutelpersonen zijn geïmporteerd." in coord.get(r.headers["Location"]).get_data(as_text=True)
