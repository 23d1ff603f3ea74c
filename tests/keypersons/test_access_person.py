"""`access_person(person_id, purpose)`: permission first (403), then the person of this tenant (404), then the
access-log row, added to the request's unit of work without a commit of its own."""
from __future__ import annotations

import contextlib

import pytest
from flask import g
from flask_login import login_user
from sqlalchemy import event
from werkzeug.exceptions import Forbidden, NotFound

from sleutelnet.blueprints.keypersons import access
from sleutelnet.blueprints.keypersons.access import Purpose, access_person
from sleutelnet.blueprints.keypersons.models import KeyPersonAccess
from sleutelnet.blueprints.keypersons.permissions import VIEW_SPECIAL_CATEGORY
from sleutelnet.platform.auth.models import User
from sleutelnet.platform.extensions import db
from sleutelnet.platform.tenancy import tenant_context
from sleutelnet.tenants.models import Membership


@contextlib.contextmanager
def acting(app, world, key, tenant="a"):
    """A request of world user `key` in tenant `tenant`, as the tenant prelude sets it up."""
    with app.test_request_context("/"), tenant_context(world.tenant_ids[tenant]):
        user = db.session.get(User, world.ids[key])
        login_user(user)
        g.membership = db.session.scalar(db.select(Membership).filter_by(user_id=user.id,
                                                                         tenant_id=world.tenant_ids[tenant]))
        yield user


def _log_rows(person_id):
    return [(a.user_id, a.action) for a in db.session.scalars(
        db.select(KeyPersonAccess).filter_by(person_id=person_id).order_by(KeyPersonAccess.id))]


@pytest.fixture()
def commits():
    seen = []

    def _count(session):
        seen.append(1)

    event.listen(db.session, "after_commit", _count)
    yield seen
    event.remove(db.session, "after_commit", _count)


def test_returns_the_person_and_logs_the_view_without_committing(app, reg, world, network_a, commits):
    pid = reg.person("Agnieszka Nowak", network_id=network_a)
    with acting(app, world, "official_a") as user:
        before = _log_rows(pid)
        commits.clear()
        person = access_person(pid, access.VIEW)
        assert person.id == pid and person.name == "Agnieszka Nowak"
        assert commits == []  # the unit of work commits at the end of the request, not access_person
        assert _log_rows(pid) == before + [(user.id, "view")]
        db.session.rollback()
        assert _log_rows(pid) == before  # it was only part of the (rolled back) transaction


def test_a_purpose_without_log_writes_nothing(app, reg, world, network_a):
    pid = reg.person("Pieter Postma", network_id=network_a)
    with acting(app, world, "coordinator_a"):
        before = _log_rows(pid)
        assert access_person(pid, access.EDIT).id == pid
        assert _log_rows(pid) == before


def test_without_the_permission_403_before_any_lookup(app, reg, world, network_a):
    pid = reg.person("Esther Dekker", network_id=network_a)
    with acting(app, world, "viewer_a"):  # viewers see counts only
        before = _log_rows(pid)
        with pytest.raises(Forbidden):
            access_person(pid, access.VIEW)
        with pytest.raises(Forbidden):  # an unknown id: still 403, the answer does not tell it is unknown
            access_person(987654, access.VIEW)
        assert _log_rows(pid) == before
    with acting(app, world, "official_a"):  # officials never get special-category purposes
        with pytest.raises(Forbidden):
            access_person(pid, Purpose(VIEW_SPECIAL_CATEGORY, "view"))


def test_a_person_of_another_tenant_is_404_and_not_logged(app, reg, world):
    network_b = reg.network(key="b")
    pid_b = reg.person("Zwolse sleutelpersoon", network_id=network_b, key="b")
    with acting(app, world, "coordinator_a"):
        with pytest.raises(NotFound):
            access_person(pid_b, access.VIEW)
        with pytest.raises(NotFound):
            access_person(987654, access.VIEW)
    with tenant_context(world.tenant_ids["b"]):
        assert [a for _u, a in _log_rows(pid_b)] == ["edit"]  # only the creation
