"""The unit of work (issue 6, item 5): services add and flush; a request or a job commits once, after
success, and rolls back on an error status or an exception; outbox rows share the change's transaction."""
from __future__ import annotations

import pytest

from sleutelnet.platform import uow
from sleutelnet.platform.extensions import db
from sleutelnet.platform.tenancy import tenant_context
from sleutelnet.workers.outbox import OutboxJob


def _networks(tenant_id) -> list[str]:
    from sleutelnet.blueprints.network.models import Network

    db.session.expire_all()
    with tenant_context(tenant_id):
        return list(db.session.scalars(db.select(Network.name)))


def _request(app, status: int, work):
    """One request: `work()` runs as a route would, then Flask's after_request hooks see `status`."""
    with app.test_request_context("/", method="POST"):
        app.preprocess_request()
        work()
        app.process_response(app.response_class(status=status))


def _create(world, name="Wijknetwerk"):
    from sleutelnet.blueprints.network import services

    def work():
        with tenant_context(world.tenant_ids["a"]):
            services.create_network(name)
            assert uow.active()
            assert db.session.info.get("uow_flushed")  # flushed (it has an id) ...
    return work


def test_a_service_inside_a_request_only_flushes(app, world):
    with app.test_request_context("/", method="POST"):
        app.preprocess_request()
        _create(world)()
        db.session.rollback()  # ... but not committed: a rollback undoes it
    assert _networks(world.tenant_ids["a"]) == []


def test_the_request_commits_after_success(app, world):
    _request(app, 302, _create(world))
    assert _networks(world.tenant_ids["a"]) == ["Wijknetwerk"]


@pytest.mark.parametrize("status", [400, 403, 422, 500])
def test_an_error_status_rolls_back(app, world, status):
    _request(app, status, _create(world))
    assert _networks(world.tenant_ids["a"]) == []


def test_an_exception_rolls_back(app, world):
    with pytest.raises(RuntimeError):
        with app.test_request_context("/", method="POST"):
            app.preprocess_request()
            try:
                _create(world)()
                raise RuntimeError("boom")
            finally:
                app.do_teardown_request(RuntimeError("boom"))
    assert _networks(world.tenant_ids["a"]) == []


def test_outbox_rows_commit_or_roll_back_with_the_change(app, world):
    from sleutelnet.workers.queues import enqueue

    def work():
        _create(world, "Met mail")()
        enqueue("sleutelnet.workers.mail.send_email", queue="mail", to="a@example.org", subject="s", body="b")

    _request(app, 422, work)
    assert db.session.scalar(db.select(db.func.count(OutboxJob.id))) == 0
    _request(app, 302, work)
    assert _networks(world.tenant_ids["a"]) == ["Met mail"]
    assert db.session.scalar(db.select(db.func.count(OutboxJob.id))) == 1


def test_a_job_commits_once_and_rolls_back_on_error(app, world):
    from sleutelnet.workers.execution import execute

    tenant_id = world.tenant_ids["a"]
    execute("tests.platform.test_unit_of_work.job_creating_a_network", {"tenant_id": tenant_id, "name": "Job"})
    assert _networks(tenant_id) == ["Job"]
    with pytest.raises(ValueError):
        execute("tests.platform.test_unit_of_work.job_creating_a_network",
                {"tenant_id": tenant_id, "name": "Half", "fail": True})
    assert _networks(tenant_id) == ["Job"]


def job_creating_a_network(name: str, fail: bool = False):
    from sleutelnet.blueprints.network import services

    services.create_network(name)
    if fail:
        raise ValueError("after the flush")


def test_a_route_that_still_commits_itself_is_harmless(login, world):
    b = login("coordinator_a")
    r = b.post(f"/g/{world.slugs['a']}/netwerken/", {"name": "Via het formulier"})
    assert r.status_code == 302
    assert _networks(world.tenant_ids["a"]) == ["Via het formulier"]


def test_no_unit_of_work_means_a_bare_service_call_commits(app, world):
    assert not uow.active()
    from sleutelnet.blueprints.network import services

    with tenant_context(world.tenant_ids["a"]):
        services.create_network("Los")
    db.session.rollback()
    assert _networks(world.tenant_ids["a"]) == ["Los"]
