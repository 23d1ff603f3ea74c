"""Every view of a person is logged (who, when, what) in an append-only access log; coordinators can see it."""
from __future__ import annotations

import pytest

from sleutelnet.blueprints.keypersons.models import KeyPersonAccess
from sleutelnet.platform.audit import AuditEvent
from sleutelnet.platform.extensions import db


def _log(reg, pid):
    with reg.tenant():
        db.session.expire_all()
        return [(a.user_id, a.action) for a in db.session.scalars(
            db.select(KeyPersonAccess).filter_by(person_id=pid).order_by(KeyPersonAccess.id))]


def test_viewing_writes_the_access_log(reg, login, world, network_a):
    pid = reg.person("Agnieszka Nowak", network_id=network_a)
    before = _log(reg, pid)
    assert before == [(world.ids["coordinator_a"], "edit")]  # created
    b = login("official_a")
    assert b.get(reg.url(f"sleutelpersonen/{pid}")).status_code == 200
    assert _log(reg, pid)[len(before):] == [(world.ids["official_a"], "view")]
    # lists and the board show names but are not a view of one person's record
    b.get(reg.url("sleutelpersonen/"))
    b.get(reg.url("sleutelpersonen/bord"))
    assert len(_log(reg, pid)) == len(before) + 1


def test_opening_and_saving_the_edit_form_is_logged(reg, login, world, network_a):
    pid = reg.person("Pieter Postma", network_id=network_a)
    b = login("official_a")
    b.get(reg.url(f"sleutelpersonen/{pid}/bewerken"))
    r = b.post(reg.url(f"sleutelpersonen/{pid}/bewerken"),
               {"network_id": str(network_a), "name": "Pieter Postma", "phone": "06 12345678",
                "known_to_municipality": "", "age_group": "", "helping_profession": "", "education": ""})
    assert r.status_code == 302
    official = world.ids["official_a"]
    assert _log(reg, pid)[-2:] == [(official, "view"), (official, "edit")]
    with reg.tenant():
        event = db.session.scalar(db.select(AuditEvent).filter_by(action="keyperson.updated"))
        assert event.object_type == "keyperson" and event.object_id == str(pid)
        assert event.detail == "phone" and "Pieter" not in (event.detail or "")


def test_unknown_person_is_not_logged(reg, login, network_a):
    b = login("coordinator_a")
    assert b.get(reg.url("sleutelpersonen/4242")).status_code == 404
    with reg.tenant():
        assert db.session.scalar(db.select(db.func.count(KeyPersonAccess.id)).filter_by(person_id=4242)) == 0


def test_who_viewed_page_for_coordinators(reg, login, world, network_a):
    pid = reg.person("Esther Dekker", network_id=network_a)
    login("official_a").get(reg.url(f"sleutelpersonen/{pid}"))
    b = login("coordinator_a")
    page = b.get(reg.url(f"sleutelpersonen/{pid}/inzage"))
    assert page.status_code == 200
    body = page.get_data(as_text=True)
    assert world.users["official_a"].name in body and world.users["coordinator_a"].name in body
    assert login("official_a").get(reg.url(f"sleutelpersonen/{pid}/inzage")).status_code == 403
    assert f"sleutelpersonen/{pid}/inzage" not in login("official_a").get(reg.url(f"sleutelpersonen/{pid}")).get_data(as_text=True)


def test_access_log_is_append_only(reg, network_a):
    pid = reg.person("Ruud Smits", network_id=network_a)
    with reg.tenant():
        row = db.session.scalar(db.select(KeyPersonAccess).filter_by(person_id=pid))
        row.action = "view"
        with pytest.raises(RuntimeError):
            db.session.flush()
        db.session.rollback()
        row = db.session.scalar(db.select(KeyPersonAccess).filter_by(person_id=pid))
        db.session.delete(row)
        with pytest.raises(RuntimeError):
            db.session.flush()
        db.session.rollback()
